package io.asynctournament.bot.config;

import io.asynctournament.jobs.control.TaskControlService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Brings JobRunr in line with the stored task state: once at startup (active tasks registered with their stored
 * schedule, paused ones removed), then every {@code period} to notice a recurring job an operator deleted on the
 * dashboard (recorded as a pause) and tasks another process created.
 */
public final class TaskReconcileLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskReconcileLoop.class);

    private final TaskControlService control;
    private final Duration period;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "task-reconcile");
        thread.setDaemon(true);
        return thread;
    });

    public TaskReconcileLoop(TaskControlService control, Duration period) {
        this.control = control;
        this.period = period;
    }

    /** Reconciles now (synchronously; a failure stops startup) and schedules the periodic checks. */
    public void start() {
        control.reconcile(true).forEach(change -> log.info("Task {}", change));
        executor.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            control.reconcile(false).forEach(change -> log.info("Task {}", change));
        } catch (RuntimeException e) {
            log.warn("Could not reconcile the tasks with JobRunr; trying again in {} s", period.toSeconds(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
