package io.asynctournament.bot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Turns the storm of stack traces a database outage causes (JobRunr's threads, HikariCP, the bot's own loops, each
 * every few seconds) into one line about once a minute (README, "Reliability and security").
 *
 * <p>A warning or error whose exception says the database cannot be reached ({@link DatabaseUnreachable}) is left out
 * of the log, and so are HikariCP's warnings about dead pooled connections (it replaces them itself) and, during an
 * outage, errors of threads interrupted while they waited for a connection (JobRunr stopping its server). The first
 * one of an outage, and the first one after each further minute, is replaced by a one-line summary on the {@value #SUMMARY_LOGGER} logger: the
 * reason, since when, how many messages were left out and from which loggers. With that logger at DEBUG (e.g. {@code BOT_LOG_LEVEL=DEBUG}) nothing is left out.
 * Registered in logback.xml as a {@code turboFilter}.
 */
public final class DatabaseOutageLogFilter extends TurboFilter {
    /** The logger the summaries are written to. */
    public static final String SUMMARY_LOGGER = "io.asynctournament.database";
    /** At most one summary per this period. */
    static final Duration REPORT_EVERY = Duration.ofMinutes(1);
    private static final long REPORT_EVERY_MS = REPORT_EVERY.toMillis();
    private static final String HIKARI_POOL_BASE = "com.zaxxer.hikari.pool.PoolBase";

    /** How many times the process saw the database answer again after an outage; each one ends that outage. */
    private static final AtomicLong ANSWERED = new AtomicLong();

    private final LongSupplier clock;
    private long firstSeenMs = Long.MIN_VALUE; // start of the current outage; MIN_VALUE: none
    private long lastSeenMs;
    private long lastReportMs;
    private long answeredAtLastSeen;
    private int leftOut;
    private final Set<String> sources = new TreeSet<>();

    /** The filter logback creates. */
    public DatabaseOutageLogFilter() {
        this(System::currentTimeMillis);
    }

    /** A filter on the given clock (milliseconds since the epoch), for tests. */
    DatabaseOutageLogFilter(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Tells the filter that the database answers again: the next message about it starts a new outage (logged at
     * once, with its own start). Without this call, two minutes without such messages end an outage.
     */
    public static void databaseAnswered() {
        ANSWERED.incrementAndGet();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || SUMMARY_LOGGER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t != null ? t : lastThrowable(params);
        boolean deadPooledConnection = thrown == null && isDeadPooledConnection(logger, format);
        boolean interrupted = thrown != null && isInterruptedAcquisition(thrown);
        String reason = thrown == null ? null : DatabaseUnreachable.reason(thrown).orElse(null);
        if (reason == null && !deadPooledConnection && !interrupted) {
            return FilterReply.NEUTRAL;
        }
        Logger summaryLogger = logger.getLoggerContext().getLogger(SUMMARY_LOGGER);
        if (summaryLogger.isDebugEnabled()) {
            return FilterReply.NEUTRAL;
        }
        if (reason == null) {
            // follows from an outage: left out during one; outside one, Hikari's warning still is, the rest is not
            return countDuringOutage(logger.getName()) || deadPooledConnection ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
        String summary = record(logger.getName(), reason);
        if (summary != null) {
            summaryLogger.warn(summary);
        }
        return FilterReply.DENY;
    }

    /**
     * Counts one left-out message.
     *
     * @return the summary to log now, or null
     */
    synchronized String record(String loggerName, String reason) {
        long now = clock.getAsLong();
        long answered = ANSWERED.get();
        boolean newOutage = firstSeenMs == Long.MIN_VALUE || now - lastSeenMs > 2 * REPORT_EVERY_MS
                || answered != answeredAtLastSeen;
        lastSeenMs = now;
        answeredAtLastSeen = answered;
        sources.add(loggerName.substring(loggerName.lastIndexOf('.') + 1));
        leftOut++;
        if (newOutage) {
            firstSeenMs = now;
            lastReportMs = now;
            reset();
            return "The database cannot be reached: " + reason + " Until it can, this is logged about once a minute "
                    + "and the messages about it are left out (BOT_LOG_LEVEL=DEBUG shows them).";
        }
        if (now - lastReportMs < REPORT_EVERY_MS) {
            return null;
        }
        String summary = "The database still cannot be reached (since "
                + Instant.ofEpochMilli(firstSeenMs).truncatedTo(ChronoUnit.SECONDS) + ", "
                + (now - firstSeenMs) / 1000 + " s): " + reason + " " + leftOut + " message(s) about it left out "
                + "since the last report, from " + String.join(", ", sources) + ".";
        lastReportMs = now;
        reset();
        return summary;
    }

    private void reset() {
        leftOut = 0;
        sources.clear();
    }

    /**
     * Counts a message that follows from an outage (HikariCP's dead connections, a thread interrupted while it waited
     * for a connection because JobRunr stopped its server) when one is under way; it starts none.
     *
     * @return true when an outage is under way (the message was counted)
     */
    synchronized boolean countDuringOutage(String loggerName) {
        if (firstSeenMs == Long.MIN_VALUE || clock.getAsLong() - lastSeenMs > 2 * REPORT_EVERY_MS
                || ANSWERED.get() != answeredAtLastSeen) {
            return false;
        }
        sources.add(loggerName.substring(loggerName.lastIndexOf('.') + 1));
        leftOut++;
        return true;
    }

    /**
     * HikariCP warns, without an exception, once for each pooled connection it finds dead: after a database restart,
     * one line per connection, each suggesting a shorter maxLifetime, which is not the cure. It replaces them itself.
     */
    private static boolean isDeadPooledConnection(Logger logger, String format) {
        return HIKARI_POOL_BASE.equals(logger.getName()) && format != null
                && format.contains("Failed to validate connection");
    }

    /** HikariCP's "Interrupted during connection acquisition": a thread stopped while it waited for a connection. */
    private static boolean isInterruptedAcquisition(Throwable thrown) {
        int depth = 0;
        for (Throwable cause = thrown; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof java.sql.SQLException && cause.getMessage() != null
                    && cause.getMessage().endsWith("Interrupted during connection acquisition")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable thrown
                ? thrown : null;
    }
}
