package io.asynctournament.jobs.tasks;

import io.asynctournament.jobs.errors.UserError;
import org.jobrunr.scheduling.cron.CronExpression;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a schedule an admin typed: an interval ({@code 90s}, {@code 5m}, {@code 1h}; at least twice JobRunr's poll
 * interval, at most 7 days) or a cron expression (5 or 6 fields, validated by JobRunr's own parser) in a zone (UTC
 * unless given).
 */
public final class ScheduleParser {
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,18})\\s*([smhd])");
    private static final Duration MAX_INTERVAL = Duration.ofDays(7);
    /** How many upcoming fire times of a cron expression are checked for runs too close together. */
    private static final int CRON_SAMPLE = 200;

    private final Duration pollInterval;

    /** @param pollInterval JobRunr's poll interval; an interval must be at least twice it */
    public ScheduleParser(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /**
     * Parses an interval.
     *
     * @throws UserError saying what is accepted
     */
    public Schedule.Interval interval(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher m = INTERVAL.matcher(value);
        Duration minimum = pollInterval.multipliedBy(2);
        if (!m.matches()) {
            throw UserError.badInput("every '" + text + "' is not an interval; accepted: a whole number "
                    + "with s, m, h or d, e.g. 90s, 5m, 1h (at least " + minimum.toSeconds() + "s)");
        }
        long amount = Long.parseLong(m.group(1));
        long unitSeconds = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86400;
        };
        Duration duration = amount > MAX_INTERVAL.toSeconds() ? MAX_INTERVAL.plusSeconds(1)
                : Duration.ofSeconds(amount * unitSeconds);
        if (duration.compareTo(minimum) < 0) {
            throw UserError.badInput("every " + text.strip() + " is too short; the interval must be at least "
                    + minimum.toSeconds() + "s (twice the scheduler's poll interval of " + pollInterval.toSeconds()
                    + "s)");
        }
        if (duration.compareTo(MAX_INTERVAL) > 0) {
            throw UserError.badInput("every " + text.strip() + " is too long; the interval must be at most "
                    + "7d (use a cron expression for rarer schedules)");
        }
        return new Schedule.Interval(duration);
    }

    /**
     * Parses a cron expression with an optional zone id.
     *
     * @param zone a zone id such as {@code Europe/Paris}, or null / blank for UTC
     * @throws UserError saying what is wrong and what is accepted
     */
    public Schedule.Cron cron(String expression, String zone) {
        String value = expression == null ? "" : expression.strip().replaceAll("\\s+", " ");
        int fields = value.isEmpty() ? 0 : value.split(" ").length;
        if (fields != 5 && fields != 6) {
            throw UserError.badInput("cron '" + expression + "' has " + fields + " field(s); accepted: 5 "
                    + "fields (minute hour day-of-month month day-of-week, e.g. \"0 */2 * * *\") or 6 with seconds first");
        }
        try {
            new CronExpression(value);
        } catch (RuntimeException e) {
            throw UserError.badInput("cron '" + expression + "' is not valid: " + e.getMessage());
        }
        ZoneId zoneId;
        if (zone != null && zone.isBlank()) {
            throw UserError.badInput("zone is empty; accepted: an IANA zone id such as UTC or "
                    + "Europe/Paris, or an offset such as +05:00 (leave it out for UTC)");
        }
        try {
            zoneId = zone == null ? ZoneOffset.UTC : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw UserError.badInput("zone '" + zone + "' is not a time zone; accepted: an IANA zone id "
                    + "such as UTC or Europe/Paris, or an offset such as +05:00");
        }
        Schedule.Cron cron = new Schedule.Cron(value, zoneId);
        java.time.Instant now = java.time.Instant.now();
        java.util.List<java.time.Instant> next = cron.nextFireTimes(now, now, CRON_SAMPLE);
        if (next.size() < 2) {
            throw UserError.badInput("cron '" + expression + "' never fires");
        }
        Duration minimum = pollInterval.multipliedBy(2);
        for (int i = 1; i < next.size(); i++) {
            Duration between = Duration.between(next.get(i - 1), next.get(i));
            if (between.compareTo(minimum) < 0) {
                throw UserError.badInput("cron '" + expression + "' fires " + between.toSeconds()
                        + "s apart; it must leave at least " + minimum.toSeconds() + "s between runs");
            }
        }
        return cron;
    }
}
