package io.asynctournament.bot.notification;

import io.asynctournament.jobs.notifications.NotificationBacklogService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes sent, superseded and skipped notifications older than {@code NOTIFICATION_RETENTION_DAYS} (default 30), so
 * that the outbox does not grow forever; pending and undeliverable ones are kept (README "Notifications: seeing and
 * retrying the backlog"). Runs in the bot process once at startup and then hourly: a tick every {@link #TICK} prunes
 * when an hour has passed on the clock since the last prune. Several bot processes may prune at once (each skips the
 * rows another holds). A failed prune (the database away) is tried again at the next tick.
 */
public final class NotificationPruner implements AutoCloseable {
    /** How often the pruner checks whether a prune is due: one minute. */
    public static final Duration TICK = Duration.ofMinutes(1);
    /** The time between two prunes: one hour. */
    public static final Duration EVERY = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(NotificationPruner.class);

    private final NotificationBacklogService backlog;
    private final Clock clock;
    private final Duration retention;
    private ScheduledExecutorService timer;
    /** When the last prune finished; null before the first. */
    private Instant lastPrune;
    private volatile boolean failing;

    /** @param retention how long ended notifications are kept ({@code NOTIFICATION_RETENTION_DAYS}) */
    public NotificationPruner(NotificationBacklogService backlog, Clock clock, Duration retention) {
        this.backlog = backlog;
        this.clock = clock;
        this.retention = retention;
    }

    /** Starts ticking every {@code tick}, the first tick (a prune) at once. */
    public synchronized void start(Duration tick) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notification-pruner");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tickQuietly, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
            failing = false;
        } catch (RuntimeException e) {
            // once per run of failures, with the exception: a database outage's is summarised by the log filter
            if (!failing) {
                log.warn("Could not prune old notifications; trying again every {} min", TICK.toMinutes(), e);
            } else {
                log.debug("Prune failed again", e);
            }
            failing = true;
        }
    }

    /**
     * Prunes when none was done yet or an hour has passed since the last one.
     *
     * @return how many notifications were deleted, -1 when no prune was due
     */
    public synchronized int tick() {
        Instant now = clock.instant();
        if (lastPrune != null && now.isBefore(lastPrune.plus(EVERY))) {
            return -1;
        }
        int deleted = backlog.prune(retention);
        lastPrune = now;
        if (deleted > 0) {
            log.info("Pruned {} sent, superseded or skipped notification(s) written before {} "
                    + "(NOTIFICATION_RETENTION_DAYS={})", deleted, now.minus(retention), retention.toDays());
        }
        return deleted;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
