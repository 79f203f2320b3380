package io.asynctournament.jobs.tasks;

import org.jobrunr.scheduling.cron.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** When a recurring task fires: every fixed interval, or on a cron expression in a time zone (UTC by default). */
public sealed interface Schedule {

    /** A short human description, e.g. {@code every 60s} or {@code cron "0 * * * *" (UTC)}. */
    String describe();

    /** JobRunr's own schedule for this one (its cron parser, its interval arithmetic). */
    org.jobrunr.scheduling.Schedule toJobRunr();

    /** The zone the schedule is read in. */
    ZoneId zone();

    /**
     * The next {@code count} fire times strictly after {@code from}, as JobRunr computes them.
     *
     * @param anchor when the recurring job was registered (interval ticks count from it)
     */
    default List<Instant> nextFireTimes(Instant anchor, Instant from, int count) {
        org.jobrunr.scheduling.Schedule schedule = toJobRunr();
        List<Instant> times = new ArrayList<>();
        Instant current = from;
        for (int i = 0; i < count; i++) {
            Instant next = schedule.next(anchor, current, zone());
            if (next == null || !next.isAfter(current)) {
                next = schedule.next(anchor, current.plusMillis(1), zone());
            }
            if (next == null) {
                break;
            }
            times.add(next);
            current = next;
        }
        return times;
    }

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

        @Override
        public org.jobrunr.scheduling.Schedule toJobRunr() {
            return new org.jobrunr.scheduling.interval.Interval(interval);
        }

        @Override
        public ZoneId zone() {
            return ZoneOffset.UTC;
        }
    }

    /**
     * Fires on a cron expression (5 or 6 fields, as JobRunr reads it) evaluated in {@code zone}.
     *
     * @param expression the cron expression
     * @param zone       the zone the expression is read in
     */
    record Cron(String expression, ZoneId zone) implements Schedule {
        public Cron(String expression) {
            this(expression, ZoneOffset.UTC);
        }

        @Override
        public String describe() {
            return "cron \"" + expression + "\" (" + (zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone) + ")";
        }

        @Override
        public org.jobrunr.scheduling.Schedule toJobRunr() {
            return new CronExpression(expression);
        }
    }
}
