package io.asynctournament.bot.notification;

import io.asynctournament.db.notification.NotificationBacklogRepository.PendingBacklog;
import io.asynctournament.jobs.notifications.NotificationBacklogService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Logs the notification backlog while it is stuck (its oldest pending row older than a minute,
 * {@link NotificationBacklogService#STUCK_AFTER}): a WARN line at most once a minute while it lasts, and one INFO line
 * when it is cleared (README "Notifications: seeing and retrying the backlog"). Looks every
 * {@link #CHECK_EVERY} in the bot process, Discord connected or not; a failed look (the database away) is skipped, logged once per run of failures.
 */
public final class BacklogMonitor implements AutoCloseable {
    /** How often the backlog is looked at: 15 s. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(15);
    /** The least time between two WARN lines about one stuck backlog: one minute. */
    static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(BacklogMonitor.class);

    private final NotificationBacklogService backlog;
    private final Clock clock;
    private ScheduledExecutorService timer;
    /** When the last WARN line was logged; null while the backlog is not stuck. */
    private Instant lastWarning;
    private volatile boolean failing;

    public BacklogMonitor(NotificationBacklogService backlog, Clock clock) {
        this.backlog = backlog;
        this.clock = clock;
    }

    /** Starts looking every {@code every}, the first time at once. */
    public synchronized void start(Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notification-backlog-monitor");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
            failing = false;
        } catch (RuntimeException e) {
            // once per run of failures, with the exception: a database outage's is summarised by the log filter
            if (!failing) {
                log.warn("Could not look at the notification backlog; trying again every {} s",
                        CHECK_EVERY.toSeconds(), e);
            } else {
                log.debug("Could not look at the notification backlog again", e);
            }
            failing = true;
        }
    }

    /** One look at the backlog: logs what it must (WARN, INFO or nothing). */
    public synchronized void check() {
        PendingBacklog pending = backlog.pending();
        Instant now = clock.instant();
        Optional<String> notice = NotificationBacklogService.notice(pending, now);
        if (notice.isPresent()) {
            if (lastWarning == null || !now.isBefore(lastWarning.plus(WARN_EVERY))) {
                log.warn("{} ({} due now, {} waiting for a retry); the bot is not delivering notifications (is "
                                + "Discord reachable?); `notifications list` shows them", notice.get(), pending.due(),
                        pending.waiting());
                lastWarning = now;
            }
        } else if (lastWarning != null) {
            log.info("Notification backlog cleared: {} pending, none older than {} s", pending.pending(),
                    NotificationBacklogService.STUCK_AFTER.toSeconds());
            lastWarning = null;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
