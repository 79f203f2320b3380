package io.asynctournament.bot.discord.fake;

import java.time.Duration;
import java.util.Map;

/**
 * An error answer the fake can give once instead of the normal one (see {@link FakeDiscord#failNext}). Bodies and
 * headers are those Discord sends (the rate-limit headers of the request's bucket included), so JDA maps them as it
 * would in production.
 */
public final class Failure {
    private final int status;
    private final Map<String, Object> body;
    private final Duration retryAfter;

    private Failure(int status, Map<String, Object> body, Duration retryAfter) {
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    /**
     * 429 on the route's bucket (not global, not Cloudflare): the fake empties the request's bucket for
     * {@code retryAfter} and answers with Retry-After (whole seconds, rounded up) and the bucket's X-RateLimit-*
     * headers; JDA waits and retries itself.
     */
    public static Failure rateLimited(Duration retryAfter) {
        double seconds = retryAfter.toMillis() / 1000.0;
        return new Failure(
                429,
                Map.of("message", "You are being rate limited.", "retry_after", seconds, "global", false, "code", 0),
                retryAfter);
    }

    /** 500 Internal Server Error: JDA does not retry it and fails with {@code ErrorResponse.SERVER_ERROR}. */
    public static Failure serverError() {
        return serverError(500);
    }

    /**
     * A 5xx status. JDA's Requester retries 502, 503, 504, 520-524 and 529 up to 4 attempts in all (sleeping 0.5 s,
     * 1 s, 2 s, 4 s); other statuses are not retried.
     */
    public static Failure serverError(int status) {
        return new Failure(status, Map.of("message", status + ": Server Error", "code", 0), null);
    }

    /** 404 with Discord error 10003: JDA gives {@code ErrorResponse.UNKNOWN_CHANNEL}. */
    public static Failure unknownChannel() {
        return new Failure(404, Map.of("message", "Unknown Channel", "code", 10003), null);
    }

    /** 404 with Discord error 10008: JDA gives {@code ErrorResponse.UNKNOWN_MESSAGE}. */
    public static Failure unknownMessage() {
        return new Failure(404, Map.of("message", "Unknown Message", "code", 10008), null);
    }

    /** 404 with Discord error 10062 (interaction expired or already answered): {@code UNKNOWN_INTERACTION}. */
    public static Failure unknownInteraction() {
        return new Failure(404, Map.of("message", "Unknown interaction", "code", 10062), null);
    }

    /** 403 with Discord error 50013: JDA gives {@code ErrorResponse.MISSING_PERMISSIONS}. */
    public static Failure missingPermissions() {
        return new Failure(403, Map.of("message", "Missing Permissions", "code", 50013), null);
    }

    /** 403 with Discord error 50001: JDA gives {@code ErrorResponse.MISSING_ACCESS}. */
    public static Failure missingAccess() {
        return new Failure(403, Map.of("message", "Missing Access", "code", 50001), null);
    }

    /** Any status with a Discord error body {@code {"message": message, "code": code}}. */
    public static Failure of(int status, int code, String message) {
        return new Failure(status, Map.of("message", message, "code", code), null);
    }

    public int status() {
        return status;
    }

    Map<String, Object> body() {
        return body;
    }

    /** For a 429: how long the route's bucket stays empty; else null. */
    Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String toString() {
        return "Failure[" + status + " " + body + "]";
    }
}
