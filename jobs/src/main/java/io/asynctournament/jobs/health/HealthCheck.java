package io.asynctournament.jobs.health;

import io.asynctournament.jobs.health.HealthReport.Item;
import io.asynctournament.jobs.scheduling.TaskTimeliness;
import io.asynctournament.jobs.scheduling.TaskTimeliness.TaskTiming;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageProvider;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The bot's health as a supervisor needs it (README, "Health check"), read from the database so that any process can
 * check it: the database answers; a JobRunr job server is running (it heartbeats in
 * {@code jobrunr_backgroundjobservers}, and JobRunr's own rule says a server is gone after 4 poll intervals without
 * one); each active task has started a run within twice its period, i.e. by its second tick after its last run (or
 * after its registration, for a task that has not run since), allowing two poll intervals for JobRunr to pick a tick
 * up.
 */
public final class HealthCheck {
    private final DSLContext dsl;
    private final Clock clock;
    private final StorageProvider storage;
    private final TaskTimeliness timeliness;
    private final Duration grace;

    /**
     * @param pollInterval JobRunr's poll interval (a tick may start up to about two of them late)
     */
    public HealthCheck(DSLContext dsl, Clock clock, StorageProvider storage, TaskTimeliness timeliness,
                       Duration pollInterval) {
        this.dsl = dsl;
        this.clock = clock;
        this.storage = storage;
        this.timeliness = timeliness;
        this.grace = pollInterval.multipliedBy(2);
    }

    /** Runs every check; a database that does not answer fails the first and skips the others. */
    public HealthReport check() {
        List<Item> items = new ArrayList<>();
        long start = System.nanoTime();
        try {
            dsl.selectOne().fetch();
        } catch (RuntimeException e) {
            items.add(new Item("database", false, "does not answer: " + rootMessage(e)));
            return new HealthReport(items);
        }
        items.add(new Item("database", true, "answers (" + (System.nanoTime() - start) / 1_000_000 + " ms)"));
        Instant now = clock.instant();
        items.add(jobServer(now));
        timeliness.activeTasks().forEach(task -> items.add(task(task, now)));
        return new HealthReport(items);
    }

    private Item jobServer(Instant now) {
        List<BackgroundJobServerStatus> servers = storage.getBackgroundJobServers();
        Optional<BackgroundJobServerStatus> live = servers.stream()
                .filter(server -> server.isRunning() && !now.isAfter(server.getLastHeartbeat().plus(timeout(server))))
                .max(Comparator.comparing(BackgroundJobServerStatus::getLastHeartbeat));
        if (live.isPresent()) {
            BackgroundJobServerStatus server = live.get();
            return new Item("job server", true, "running: " + server.getName() + " (" + server.getId()
                    + "), last heartbeat " + ago(server.getLastHeartbeat(), now));
        }
        Optional<BackgroundJobServerStatus> latest = servers.stream()
                .max(Comparator.comparing(BackgroundJobServerStatus::getLastHeartbeat));
        return new Item("job server", false, latest
                .map(server -> "none running: the latest heartbeat, from " + server.getName() + " (" + server.getId()
                        + (server.isRunning() ? "" : ", not processing") + "), was "
                        + ago(server.getLastHeartbeat(), now)
                        + "; a server without one for " + timeout(server).toSeconds() + " s is gone")
                .orElse("none running: no JobRunr job server is registered (is the bot process running?)"));
    }

    private Item task(TaskTiming task, Instant now) {
        String schedule = task.task().definition().schedule().describe();
        String lastRun = task.lastStart() == null ? "never ran" : "last run started " + ago(task.lastStart(), now);
        if (!task.scheduled()) {
            return new Item(task.id(), false, "active, but JobRunr has no recurring job for it (" + lastRun + ")");
        }
        Instant deadline = task.secondDue().plus(grace);
        if (now.isAfter(deadline)) {
            return new Item(task.id(), false, schedule + ", " + lastRun + "; overdue: its ticks at "
                    + task.firstDue().truncatedTo(ChronoUnit.SECONDS) + " and "
                    + task.secondDue().truncatedTo(ChronoUnit.SECONDS) + " passed without a run");
        }
        return new Item(task.id(), true, schedule + ", " + lastRun);
    }

    private static Duration timeout(BackgroundJobServerStatus server) {
        return Duration.ofSeconds(server.getPollIntervalInSeconds())
                .multipliedBy(BackgroundJobServerConfiguration.DEFAULT_SERVER_TIMEOUT_POLL_INTERVAL_MULTIPLICAND);
    }

    private static String ago(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        String text = seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
        return text + " ago (" + then.truncatedTo(ChronoUnit.SECONDS) + ")";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
