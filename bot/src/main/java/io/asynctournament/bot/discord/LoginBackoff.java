package io.asynctournament.bot.discord;

import java.time.Duration;

/**
 * How long the bot waits between attempts to log in to Discord while Discord cannot be reached: {@code first}, then
 * doubling, at most {@code max}. Production uses {@link #DEFAULT} (5 s doubling to 5 minutes); tests use shorter
 * delays.
 *
 * @param first the wait after the first failed attempt, above zero
 * @param max   the longest wait, at least {@code first}
 */
public record LoginBackoff(Duration first, Duration max) {
    /** 5 s, 10 s, 20 s ... at most 5 minutes. */
    public static final LoginBackoff DEFAULT = new LoginBackoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

    public LoginBackoff {
        if (first.isZero() || first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a login back-off needs 0 < first <= max, got " + first + ", " + max);
        }
    }

    /** The wait after {@code previous}: twice it, at most {@link #max}. */
    public Duration after(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }

    /** A wait in words: {@code 200 ms}, {@code 40 s}, {@code 2 min 40 s}. */
    public static String words(Duration wait) {
        if (wait.toMillis() < 1000) {
            return wait.toMillis() + " ms";
        }
        long seconds = (wait.toMillis() + 500) / 1000;
        if (seconds < 60) {
            return seconds + " s";
        }
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
