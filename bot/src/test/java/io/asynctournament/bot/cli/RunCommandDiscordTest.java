package io.asynctournament.bot.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.asynctournament.bot.discord.DiscordConnection;
import io.asynctournament.bot.discord.LoginBackoff;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.TestDatabase;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code run} when Discord is reached only after startup and then rejects the token: the process stops, exit 2. */
@ExtendWith(DatabaseExtension.class)
class RunCommandDiscordTest {

    @Test
    void a_token_rejected_by_a_discord_reached_only_later_stops_run_with_exit_2() throws Exception {
        int discordPort = freePort();
        int dashboardPort = freePort();
        BotCommand root = new BotCommand();
        root.environment = Map.of("DATABASE_URL", TestDatabase.jdbcUrl(), "DATABASE_USER", "postgres",
                "DASHBOARD_PORT", Integer.toString(dashboardPort), "DASHBOARD_PASSWORD", "rejected-token-test",
                "DISCORD_TOKEN", "fake-token");
        root.jdaCustomizer = builder -> FakeDiscord.configure(builder, discordPort);
        root.discordBackoff = new LoginBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
        CommandLine commandLine = BotCommand.commandLine(root);
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger connectionLog = (Logger) LoggerFactory.getLogger(DiscordConnection.class);
        connectionLog.addAppender(logs);
        try (MockWebServer rejecting = new MockWebServer()) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("run"));
            await().atMost(Duration.ofSeconds(30)).until(() -> logs.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().startsWith("Discord is unreachable")));
            assertThat(exit).as("an unreachable Discord does not stop the bot").isNotDone();
            new Socket("127.0.0.1", dashboardPort).close(); // the dashboard is up

            rejecting.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(401)
                            .body("{\"message\": \"401: Unauthorized\", \"code\": 0}").build();
                }
            });
            rejecting.start(InetAddress.getLoopbackAddress(), discordPort);

            assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(err.toString()).startsWith("error: Discord rejected DISCORD_TOKEN").doesNotContain("fake-token");
            int requests = rejecting.getRequestCount();
            Thread.sleep(1500); // longer than the longest back-off here: no attempt follows a rejected token
            assertThat(rejecting.getRequestCount()).isEqualTo(requests);
            assertThatThrownBy(() -> new Socket("127.0.0.1", dashboardPort).close())
                    .as("the process's context is closed").isInstanceOf(ConnectException.class);
        } finally {
            connectionLog.detachAppender(logs);
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.startsWith("Discord rejected DISCORD_TOKEN") && line.endsWith("; the bot stops"))
                .noneMatch(line -> line.contains("fake-token"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
