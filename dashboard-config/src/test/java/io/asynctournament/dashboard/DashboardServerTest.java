package io.asynctournament.dashboard;

import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dashboard over real HTTP (raw sockets, so headers are exactly what a browser or an attacker sends), on JobRunr's
 * in-memory storage: CSRF refused, malformed basic auth answered with 401, failed logins slowed per client, the bind
 * address.
 */
class DashboardServerTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String RIGHT = "admin:" + PASSWORD;
    private static final String TRIGGER = "/api/recurring-jobs/nightly/trigger";

    private final JsonMapper jsonMapper = new JacksonJsonMapper();
    private final InMemoryStorageProvider storage = new InMemoryStorageProvider();
    private final MovableClock clock = new MovableClock();
    private DashboardServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_cross_origin_trigger_with_text_plain_and_the_credentials_is_refused_and_enqueues_nothing() throws IOException {
        int port = start(Optional.of(InetAddress.getLoopbackAddress()));
        String own = "http://127.0.0.1:" + port;

        Response foreign = send(port, "POST", TRIGGER, RIGHT, "Origin: https://evil.example",
                "Content-Type: text/plain");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).contains("Refused: the request comes from Origin https://evil.example, not from "
                + "this dashboard (127.0.0.1:" + port + ")");
        assertThat(send(port, "POST", TRIGGER, RIGHT, "Referer: https://evil.example/page.html").status())
                .isEqualTo(403);
        assertThat(send(port, "POST", TRIGGER, RIGHT, "Origin: null").status()).isEqualTo(403);
        assertThat(send(port, "POST", TRIGGER, RIGHT, "Origin: http://127.0.0.1:" + (port + 1)).status())
                .as("another port is another origin").isEqualTo(403);
        Response none = send(port, "POST", TRIGGER, RIGHT);
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.body()).contains("neither an Origin nor a Referer header");
        assertThat(send(port, "DELETE", "/api/recurring-jobs/nightly", RIGHT, "Origin: https://evil.example")
                .status()).isEqualTo(403);
        assertThat(storage.countJobs(StateName.ENQUEUED)).isZero();
        assertThat(storage.getRecurringJobs()).hasSize(1);

        // the dashboard's own pages: same origin (or a referer on it) still works
        assertThat(send(port, "POST", TRIGGER, RIGHT, "Origin: " + own, "Content-Type: text/plain").status())
                .isEqualTo(204);
        assertThat(storage.countJobs(StateName.ENQUEUED)).isEqualTo(1);
        assertThat(send(port, "POST", TRIGGER, RIGHT, "Referer: " + own + "/dashboard/recurring-jobs").status())
                .isEqualTo(204);
        assertThat(storage.countJobs(StateName.ENQUEUED)).isEqualTo(2);
        // reads from anywhere are answered (a browser does not let another site read them: no CORS headers)
        assertThat(send(port, "GET", "/api/recurring-jobs", RIGHT, "Origin: https://evil.example").status())
                .isEqualTo(200);
    }

    @Test
    void a_malformed_basic_header_gets_401_with_a_challenge_not_a_dropped_connection() throws IOException {
        int port = start(Optional.empty());
        for (String header : List.of("Basic !!!not-base64!!!", "Basic " + base64("no-colon-here"), "Basic",
                "Bearer abc", "Basic " + base64("admin:wrong"))) {
            Response response = sendRaw(port, "GET", "/api/recurring-jobs", "Authorization: " + header);
            assertThat(response.status()).as(header).isEqualTo(401);
            assertThat(response.headers()).as(header).containsIgnoringCase("WWW-Authenticate: Basic realm=");
        }
        assertThat(send(port, "GET", "/api/recurring-jobs", null).status()).isEqualTo(401);
        assertThat(send(port, "GET", "/api/recurring-jobs", RIGHT).status()).isEqualTo(200);
        assertThat(send(port, "GET", "/dashboard/overview", RIGHT).status()).isEqualTo(200);
    }

    @Test
    void repeated_failed_logins_from_one_client_lock_it_out_for_longer_and_longer() throws IOException {
        int port = start(Optional.empty());
        for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) { // the free ones, then one that locks it out
            assertThat(send(port, "GET", "/api/recurring-jobs", "admin:guess" + i).status()).isEqualTo(401);
        }
        // 300 more guesses at once: none is checked, the right password neither
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            Response guess = send(port, "GET", "/api/recurring-jobs", "admin:guess-" + i);
            if (guess.status() == 429) {
                refused++;
                assertThat(guess.headers()).containsIgnoringCase("Retry-After: 1");
            }
        }
        assertThat(refused).isEqualTo(300);
        assertThat(send(port, "GET", "/api/recurring-jobs", RIGHT).status()).isEqualTo(429);
        // another client is not locked out
        assertThat(sendFrom("127.0.0.2", port, "GET", "/api/recurring-jobs", "Authorization: Basic "
                + base64(RIGHT)).status()).isEqualTo(200);

        clock.tick(Duration.ofSeconds(1));
        assertThat(send(port, "GET", "/api/recurring-jobs", "admin:next-guess").status()).isEqualTo(401);
        assertThat(send(port, "GET", "/api/recurring-jobs", "admin:too-soon").headers())
                .containsIgnoringCase("Retry-After: 2");
        clock.tick(Duration.ofSeconds(2));
        assertThat(send(port, "GET", "/api/recurring-jobs", "admin:again").status()).isEqualTo(401);
        assertThat(send(port, "GET", "/api/recurring-jobs", RIGHT).headers())
                .containsIgnoringCase("Retry-After: 4");

        clock.tick(Duration.ofSeconds(4));
        assertThat(send(port, "GET", "/api/recurring-jobs", RIGHT).status()).isEqualTo(200);
        assertThat(send(port, "GET", "/api/recurring-jobs", "admin:typo").status())
                .as("a successful login clears the count").isEqualTo(401);
        assertThat(send(port, "GET", "/api/recurring-jobs", RIGHT).status()).isEqualTo(200);
    }

    @Test
    void bound_to_127_0_0_1_it_listens_only_there() throws IOException {
        int port = start(Optional.of(InetAddress.getByName("127.0.0.1")));
        assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(send(port, "GET", "/api/recurring-jobs", RIGHT).status()).isEqualTo(200);
        assertThatThrownBy(() -> sendTo("127.0.0.2", null, port, "GET / HTTP/1.1"))
                .isInstanceOf(ConnectException.class);
        server.close();

        int everywhere = start(Optional.empty());
        assertThat(server.address().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(sendTo("127.0.0.2", null, everywhere, "GET /api/version HTTP/1.1", "Host: 127.0.0.2",
                "Authorization: Basic " + base64(RIGHT)).status()).isEqualTo(200);
    }

    @Test
    void a_generated_password_is_printed_once_and_a_chosen_one_never() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        server = new DashboardServer(storage, jsonMapper, new DashboardSettings(0, Optional.empty(), "admin",
                PASSWORD, false), clock);
        server.start(new PrintStream(out, true, StandardCharsets.UTF_8));
        server.close();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();

        String generated = DashboardSettings.generatePassword();
        server = new DashboardServer(storage, jsonMapper, new DashboardSettings(0, Optional.empty(), "admin",
                generated, true), clock);
        server.start(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("password (generated, shown once")
                .containsOnlyOnce(generated);
    }

    private int start(Optional<InetAddress> bind) {
        JobMapper jobMapper = new JobMapper(jsonMapper);
        storage.setJobMapper(jobMapper);
        if (storage.getRecurringJobs().isEmpty()) {
            storage.saveRecurringJob(new RecurringJob("nightly", new JobDetails("java.lang.System", null, "gc",
                    List.of()), "0 3 * * *", "UTC", RecurringJob.CreatedBy.API));
        }
        server = new DashboardServer(storage, jsonMapper, new DashboardSettings(0, bind, "admin", PASSWORD, false),
                clock);
        server.start(new PrintStream(OutputStream.nullOutputStream()));
        return server.address().getPort();
    }

    private Response send(int port, String method, String path, String credentials, String... headers)
            throws IOException {
        String[] all = new String[headers.length + (credentials == null ? 0 : 1)];
        System.arraycopy(headers, 0, all, 0, headers.length);
        if (credentials != null) {
            all[headers.length] = "Authorization: Basic " + base64(credentials);
        }
        return sendRaw(port, method, path, all);
    }

    private Response sendRaw(int port, String method, String path, String... headers) throws IOException {
        return sendFrom(null, port, method, path, headers);
    }

    private Response sendFrom(String localAddress, int port, String method, String path, String... headers)
            throws IOException {
        String[] lines = new String[headers.length + 2];
        lines[0] = method + " " + path + " HTTP/1.1";
        lines[1] = "Host: 127.0.0.1:" + port;
        System.arraycopy(headers, 0, lines, 2, headers.length);
        return sendTo("127.0.0.1", localAddress, port, lines);
    }

    /** One request on a fresh connection ({@code Connection: close}), the response read to the end. */
    private static Response sendTo(String address, String localAddress, int port, String... lines)
            throws IOException {
        try (Socket socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(address, port), 2000);
            socket.setSoTimeout(5000);
            StringBuilder request = new StringBuilder();
            for (String line : lines) {
                request.append(line).append("\r\n");
            }
            request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).as("a response, not a dropped connection").startsWith("HTTP/1.1 ");
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            return new Response(Integer.parseInt(head.substring(9, 12)), head, end < 0 ? "" : text.substring(end + 4));
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private record Response(int status, String headers, String body) {
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void tick(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
