package io.asynctournament.bot.discord.fake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;

/**
 * MockWebServer dispatcher: upgrades {@code /gateway} to the websocket gateway, applies queued failures, hands
 * {@code /api/v10/...} to {@link RestRoutes} and records every REST request.
 */
final class RestRouter extends Dispatcher {
    private static final String PREFIX = "/api/v10/";
    private static final Pattern FIELD = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final FakeDiscord discord;
    private final RestRoutes routes;
    private final List<ApiRequest> log = new CopyOnWriteArrayList<>();
    private final List<QueuedFailure> failures = new ArrayList<>();

    RestRouter(FakeDiscord discord) {
        this.discord = discord;
        this.routes = new RestRoutes(discord);
    }

    private record QueuedFailure(String method, Pattern path, Failure failure) {}

    private record Body(String json, List<String> files) {}

    void failNext(String method, String pathRegex, Failure failure) {
        synchronized (failures) {
            failures.add(new QueuedFailure(method.toUpperCase(), Pattern.compile(pathRegex), failure));
        }
    }

    List<ApiRequest> requests() {
        return List.copyOf(log);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/gateway") || path.equals("/gateway/")) {
            return new MockResponse.Builder().webSocketUpgrade(discord.gateway().newSession()).build();
        }
        Instant receivedAt = Instant.now();
        String method = request.getMethod();
        String query = Optional.ofNullable(request.getUrl().encodedQuery()).orElse("");
        Body body = body(request);
        String apiPath = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;

        Optional<Failure> failure = takeFailure(method, apiPath);
        MockResponse response;
        int status;
        if (failure.isPresent()) {
            response = failure.get().toResponse();
            status = failure.get().status();
        } else {
            Reply reply = path.startsWith(PREFIX)
                    ? routes.handle(method, Arrays.asList(apiPath.split("/")), query, body.json())
                    : Reply.notFound();
            response = reply.toResponse();
            status = reply.status();
        }
        ApiRequest recorded = new ApiRequest(method, apiPath, query, body.json(), body.files(), status, receivedAt);
        log.add(recorded);
        interactionOf(apiPath).ifPresent(pending -> {
            pending.requests.add(recorded);
            discord.interactions().settle(pending);
        });
        return response;
    }

    private Optional<Failure> takeFailure(String method, String apiPath) {
        synchronized (failures) {
            for (int i = 0; i < failures.size(); i++) {
                QueuedFailure queued = failures.get(i);
                if (queued.method().equals(method) && queued.path().matcher(apiPath).matches()) {
                    failures.remove(i);
                    return Optional.of(queued.failure());
                }
            }
        }
        return Optional.empty();
    }

    /** interactions/{id}/{token}/... and webhooks/{app}/{token}/... belong to the interaction with that token. */
    private Optional<PendingInteraction> interactionOf(String apiPath) {
        String[] parts = apiPath.split("/");
        if (parts.length >= 3 && (parts[0].equals("interactions") || parts[0].equals("webhooks"))) {
            return discord.interactions().byToken(parts[2]);
        }
        return Optional.empty();
    }

    /** The JSON body; for multipart/form-data (JDA sends messages that way), payload_json and file names. */
    private static Body body(RecordedRequest request) {
        ByteString bytes = request.getBody();
        if (bytes == null || bytes.size() == 0) {
            return new Body("", List.of());
        }
        String contentType = Optional.ofNullable(request.getHeaders().get("Content-Type")).orElse("");
        MediaType mediaType = MediaType.parse(contentType);
        if (mediaType == null || !mediaType.type().equals("multipart")) {
            return new Body(bytes.string(StandardCharsets.UTF_8), List.of());
        }
        String json = "";
        List<String> files = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(bytes), mediaType.parameter("boundary"))) {
            for (MultipartReader.Part next = reader.nextPart(); next != null; next = reader.nextPart()) {
                try (MultipartReader.Part part = next) {
                    String disposition = Optional.ofNullable(part.headers().get("Content-Disposition")).orElse("");
                    String name = field(disposition, "name");
                    String content = part.body().readUtf8();
                    if ("payload_json".equals(name)) {
                        json = content;
                    } else {
                        files.add(Optional.ofNullable(field(disposition, "filename")).orElse(name));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable multipart body", e);
        }
        return new Body(json, List.copyOf(files));
    }

    private static String field(String disposition, String key) {
        Matcher matcher = FIELD.matcher(disposition);
        while (matcher.find()) {
            if (matcher.group(1).equals(key)) {
                return matcher.group(2);
            }
        }
        return null;
    }
}
