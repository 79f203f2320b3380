package io.asynctournament.bot.discord.fake;

import java.util.Locale;

/**
 * The rate-limit bucket a response of the fake reported in its {@code X-RateLimit-*} headers.
 *
 * @param bucket           the bucket hash ({@code X-RateLimit-Bucket})
 * @param limit            requests per window ({@code X-RateLimit-Limit})
 * @param remaining        requests left in the window after this one ({@code X-RateLimit-Remaining})
 * @param resetAtMillis    when the window ends, epoch milliseconds ({@code X-RateLimit-Reset}, in seconds)
 * @param resetAfterMillis how long until then, milliseconds ({@code X-RateLimit-Reset-After}, in seconds)
 * @param scope            on a 429, the limit that refused it: {@code user} (the bucket) or {@code global}; else null
 */
public record RateLimitState(String bucket, int limit, int remaining, long resetAtMillis, long resetAfterMillis,
        String scope) {
    /** Whether the request was refused (429) by a limit. */
    public boolean refused() {
        return scope != null;
    }

    @Override
    public String toString() {
        return "bucket " + bucket + " " + remaining + "/" + limit + " left, resets in "
                + String.format(Locale.ROOT, "%.3f", resetAfterMillis / 1000.0) + " s"
                + (scope == null ? "" : ", refused by the " + scope + " limit");
    }
}
