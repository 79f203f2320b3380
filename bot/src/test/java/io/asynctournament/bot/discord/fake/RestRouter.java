package io.asynctournament.bot.discord.fake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
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
 * MockWebServer dispatcher: upgrades {@code /gateway} to the websocket gateway; for REST, checks the request
 * against Discord's spec ({@link DiscordSpec}) and its rate limits ({@link Buckets}), applies queued failures,
 * hands {@code /api/v10/...} to {@link RestRoutes}, checks the response against the spec, adds the rate-limit
 * headers and records the request. A request that breaks the spec is answered as Discord would (404, 405, or 400
 * with error 50035) and recorded as a {@link SpecViolation}, as is a response that breaks it.
 */
final class RestRouter extends Dispatcher {
    private static final String PREFIX = "/api/v10/";
    private static final Pattern FIELD = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final FakeDiscord discord;
    private final RestRoutes routes;
    private final List<ApiRequest> log = new CopyOnWriteArrayList<>();
    private final List<UploadedFile> uploads = new CopyOnWriteArrayList<>();
    private final List<QueuedFailure> failures = new ArrayList<>();
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong checkTime = new AtomicLong(); // nanoseconds spent in spec checks

    RestRouter(FakeDiscord discord) {
        this.discord = discord;
        this.routes = new RestRoutes(discord);
    }

    private record QueuedFailure(String method, Pattern path, Failure failure) {}

    private record Body(String json, List<String> files) {}

    private final List<QueuedFailure> standing = new CopyOnWriteArrayList<>();

    void failAll(String method, String pathRegex, Failure failure) {
        standing.add(new QueuedFailure(method.toUpperCase(), Pattern.compile(pathRegex), failure));
    }

    void stopFailing() {
        standing.clear();
    }

    void failNext(String method, String pathRegex, Failure failure) {
        synchronized (failures) {
            failures.add(new QueuedFailure(method.toUpperCase(), Pattern.compile(pathRegex), failure));
        }
    }

    List<ApiRequest> requests() {
        return List.copyOf(log);
    }

    List<UploadedFile> uploads() {
        return List.copyOf(uploads);
    }

    /** "N requests checked against the spec in X ms", for the fake's closing log line. */
    String checkSummary() {
        return checked.get() + " requests and their responses checked against Discord's spec in "
                + checkTime.get() / 1_000_000 + " ms";
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/gateway") || path.equals("/gateway/")) {
            return new MockResponse.Builder().webSocketUpgrade(discord.gateway().newSession()).build();
        }
        if (path.startsWith("/attachments/")) {
            return attachment(request.getMethod(), path);
        }
        Instant receivedAt = discord.clock().instant();
        String method = request.getMethod();
        String query = Optional.ofNullable(request.getUrl().encodedQuery()).orElse("");
        String apiPath = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        Body body = body(request, (name, content) -> uploads.add(new UploadedFile(method, apiPath, name, content)));
        String contentType = request.getHeaders().get("Content-Type");

        Optional<DiscordSpec> spec = discord.spec();
        long checkStart = System.nanoTime();
        DiscordSpec.RequestCheck check = spec.isPresent() && path.startsWith(PREFIX)
                ? spec.get().checkRequest(method, apiPath, query, contentType, body.json()) : null;
        long checkNanos = System.nanoTime() - checkStart;
        Buckets.Decision limit = discord.buckets().acquire(method, apiPath, isInteraction(apiPath),
                receivedAt.toEpochMilli());
        int status;
        Object json;
        if (limit.limited()) {
            status = 429;
            json = rateLimitedBody(limit);
        } else if (check != null && !check.valid()) {
            status = check.status();
            json = rejection(check);
        } else {
            Optional<Failure> failure = takeFailure(method, apiPath);
            if (failure.isPresent()) {
                status = failure.get().status();
                json = failure.get().body();
                if (failure.get().retryAfter() != null) {
                    limit = discord.buckets().exhaust(method, apiPath, failure.get().retryAfter().toMillis(),
                            receivedAt.toEpochMilli());
                }
            } else {
                Reply reply = path.startsWith(PREFIX)
                        ? routes.handle(method, Arrays.asList(apiPath.split("/")), query, body.json())
                        : Reply.notFound();
                status = reply.status();
                json = reply.body();
            }
        }
        String responseBody = json == null ? null : Json.write(json);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("via", "1.1 google"); // without it JDA takes a 429 for a Cloudflare ban
        headers.putAll(limit.headers());

        String pathAndQuery = apiPath + (query.isEmpty() ? "" : "?" + query);
        if (check != null) {
            String route = check.route() == null ? "no route" : check.route().toString();
            if (!check.valid()) {
                discord.recordViolation(new SpecViolation("request", method, pathAndQuery, route,
                        check.errors().stream().map(Object::toString).toList(), receivedAt));
            }
            if (check.route() != null) {
                long responseStart = System.nanoTime();
                List<DiscordSpec.Problem> problems = spec.get().checkResponse(check.route(), status, responseBody,
                        headers);
                checkNanos += System.nanoTime() - responseStart;
                if (!problems.isEmpty()) {
                    discord.recordViolation(new SpecViolation("response", method, pathAndQuery, route,
                            problems.stream().map(Object::toString).toList(), receivedAt));
                }
            }
            checked.incrementAndGet();
            checkTime.addAndGet(checkNanos);
        }
        ApiRequest recorded = new ApiRequest(method, apiPath, query, body.json(), body.files(), status, receivedAt,
                limit.state());
        log.add(recorded);
        interactionOf(apiPath).ifPresent(pending -> {
            pending.requests.add(recorded);
            discord.interactions().settle(pending);
        });
        MockResponse.Builder response = new MockResponse.Builder().code(status);
        headers.forEach(response::setHeader);
        if (responseBody != null) {
            response.setHeader("Content-Type", "application/json").body(responseBody);
        }
        return response.build();
    }

    /** GET /attachments/{id}/{filename}: an attachment's bytes, as Discord's CDN serves them (no rate limit). */
    private MockResponse attachment(String method, String path) {
        String[] parts = path.split("/");
        Optional<byte[]> content = Optional.empty();
        if (method.equals("GET") && parts.length == 4) {
            try {
                content = discord.downloadAttachment(Long.parseUnsignedLong(parts[2]));
            } catch (NumberFormatException e) {
                content = Optional.empty();
            }
        }
        if (content.isEmpty()) {
            return new MockResponse.Builder().code(404).body("Not Found").build();
        }
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(content.get())).build();
    }

    /** Interaction responses (callback, follow-ups and edits by interaction token) are not under the global limit. */
    private boolean isInteraction(String apiPath) {
        return apiPath.startsWith("interactions/")
                || apiPath.startsWith("webhooks/" + Long.toUnsignedString(discord.applicationId()) + "/");
    }

    private static Map<String, Object> rateLimitedBody(Buckets.Decision limit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("message", "You are being rate limited.");
        json.put("retry_after", limit.retryAfterSeconds());
        json.put("global", limit.global());
        json.put("code", 0);
        return json;
    }

    /**
     * Discord's answer to a request that breaks its spec, with the fake's finding in the message (route and schema
     * error) and, for a bad body or parameter, Discord's {@code errors} tree ({@code {"embeds": {"0": {"title":
     * {"_errors": [...]}}}}}).
     */
    private static Map<String, Object> rejection(DiscordSpec.RequestCheck check) {
        String found = String.join("; ", check.errors().stream().map(Object::toString).toList());
        Map<String, Object> json = new LinkedHashMap<>();
        switch (check.status()) {
            case 404 -> {
                json.put("message", "404: Not Found (fake Discord: " + found + ")");
                json.put("code", 0);
            }
            case 405 -> {
                json.put("message", "405: Method Not Allowed (fake Discord: " + found + ")");
                json.put("code", 0);
            }
            default -> {
                json.put("message", "Invalid Form Body (fake Discord, " + check.route() + ": " + found + ")");
                json.put("code", 50035);
                json.put("errors", errorTree(check.errors()));
            }
        }
        return json;
    }

    /** Each problem under its JSON path (body) or parameter name; a path that is a prefix of another is skipped. */
    private static Map<String, Object> errorTree(List<DiscordSpec.Problem> problems) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (DiscordSpec.Problem problem : problems) {
            List<String> keys = new ArrayList<>();
            if (!problem.part().equals("body")) {
                keys.add(problem.part().replaceFirst("^(query|path) parameter ", ""));
            }
            for (String token : problem.pointer().split("/")) {
                if (!token.isEmpty()) {
                    keys.add(token.replace("~1", "/").replace("~0", "~"));
                }
            }
            if (keys.isEmpty()) {
                continue; // a problem with the whole body is in the message only
            }
            Map<String, Object> node = tree;
            boolean placed = true;
            for (String key : keys) {
                Object child = node.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
                if (!(child instanceof Map<?, ?>) || Json.asMap(child).containsKey("_errors")) {
                    placed = false;
                    break;
                }
                node = Json.asMap(child);
            }
            if (placed && node.isEmpty()) {
                node.put("_errors", new ArrayList<>(List.of(Map.of("code", 50035, "message", problem.message()))));
            }
        }
        return tree;
    }

    private Optional<Failure> takeFailure(String method, String apiPath) {
        for (QueuedFailure failure : standing) {
            if ((failure.method().equals("*") || failure.method().equals(method))
                    && failure.path().matcher(apiPath).matches()) {
                return Optional.of(failure.failure());
            }
        }
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
    private static Body body(RecordedRequest request, java.util.function.BiConsumer<String, byte[]> files) {
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
        List<String> names = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(bytes), mediaType.parameter("boundary"))) {
            for (MultipartReader.Part next = reader.nextPart(); next != null; next = reader.nextPart()) {
                try (MultipartReader.Part part = next) {
                    String disposition = Optional.ofNullable(part.headers().get("Content-Disposition")).orElse("");
                    String name = field(disposition, "name");
                    byte[] content = part.body().readByteArray();
                    if ("payload_json".equals(name)) {
                        json = new String(content, StandardCharsets.UTF_8);
                    } else {
                        String filename = Optional.ofNullable(field(disposition, "filename")).orElse(name);
                        names.add(filename);
                        files.accept(filename, content);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable multipart body", e);
        }
        return new Body(json, List.copyOf(names));
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
