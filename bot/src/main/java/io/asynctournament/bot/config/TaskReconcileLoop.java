package io.asynctournament.bot.config;

import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.scheduling.RecurringJobs;
import org.jobrunr.jobs.RecurringJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Brings JobRunr in line with the stored task state: once at startup (active tasks registered with their stored
 * schedule, paused ones removed), then every {@code period} to notice a recurring job an operator deleted on the
 * dashboard (recorded as a pause) and tasks another process created.
 *
 * <p>It also works around JobRunr 8.7.0 remembering, in its job server's memory, the next run of each recurring job
 * id (ProcessRecurringJobsTask): a recurring job re-registered with a new schedule (reschedule, resume, reset, by any
 * process) would keep its old next run, and a resumed one would catch up every tick it missed while paused
 * (jobrunr/jobrunr#1534). When a recurring job was re-registered since the last check, this process's job server is
 * restarted (through its {@link JobServerSupervisor}), which starts that memory afresh.
 */
public final class TaskReconcileLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskReconcileLoop.class);

    private final TaskControlService control;
    private final RecurringJobs recurringJobs;
    private final JobServerSupervisor jobServer;
    private final Duration period;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "task-reconcile");
        thread.setDaemon(true);
        return thread;
    });
    private Map<String, Instant> registeredAt = Map.of();

    public TaskReconcileLoop(TaskControlService control, RecurringJobs recurringJobs, JobServerSupervisor jobServer,
                             Duration period) {
        this.control = control;
        this.recurringJobs = recurringJobs;
        this.jobServer = jobServer;
        this.period = period;
    }

    /** Reconciles now (synchronously; a failure stops startup) and schedules the periodic checks. */
    public void start() {
        control.reconcile(true).forEach(change -> log.info("Task {}", change));
        registeredAt = registrations();
        executor.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            control.reconcile(false).forEach(change -> log.info("Task {}", change));
            Map<String, Instant> now = registrations();
            boolean reRegistered = now.entrySet().stream()
                    .anyMatch(e -> !e.getValue().equals(registeredAt.get(e.getKey())));
            if (reRegistered) {
                log.info("Recurring jobs were (re-)registered; restarting this process's job server so JobRunr "
                        + "schedules them afresh");
                jobServer.restart();
            }
            registeredAt = now;
        } catch (RuntimeException e) {
            log.warn("Could not reconcile the tasks with JobRunr; trying again in {} s", period.toSeconds(), e);
        }
    }

    private Map<String, Instant> registrations() {
        Map<String, Instant> result = new HashMap<>();
        recurringJobs.current().forEach((id, job) -> result.put(id, createdAt(job)));
        return result;
    }

    private static Instant createdAt(RecurringJob job) {
        return job.getCreatedAt() == null ? Instant.EPOCH : job.getCreatedAt();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
