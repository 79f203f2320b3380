package io.asynctournament.jobs.tasks;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** When a recurring task fires: every fixed interval, or on a cron expression in a time zone (UTC by default). */
public sealed interface Schedule {

    /** A short human description, e.g. {@code every 60s} or {@code cron "0 * * * *" (UTC)}. */
    String describe();

    /**
     * Fires every {@code interval}, counted from when the recurring job was registered.
     *
     * @param interval at least JobRunr's minimum of 5 seconds
     */
    record Interval(Duration interval) implements Schedule {
        public Interval {
            if (interval.compareTo(Duration.ofSeconds(5)) < 0) {
                throw new IllegalArgumentException("An interval must be at least 5 seconds, got " + interval);
            }
        }

        @Override
        public String describe() {
            long seconds = interval.toSeconds();
            if (seconds % 3600 == 0) {
                return "every " + seconds / 3600 + "h";
            }
            if (seconds % 60 == 0) {
                return "every " + seconds / 60 + "m";
            }
            return "every " + seconds + "s";
        }
    }

    /**
     * Fires on a cron expression (5 or 6 fields) evaluated in {@code zone}.
     *
     * @param expression the cron expression as JobRunr reads it
     * @param zone       the zone the expression is read in
     */
    record Cron(String expression, ZoneId zone) implements Schedule {
        public Cron(String expression) {
            this(expression, ZoneOffset.UTC);
        }

        @Override
        public String describe() {
            return "cron \"" + expression + "\" (" + zone + ")";
        }
    }
}
