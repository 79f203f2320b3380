package io.asynctournament.jobs.runner;

import io.asynctournament.db.DatabaseTimeouts;
import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.generated.enums.TaskRunStatus;
import io.asynctournament.db.task.TaskLock;
import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.jobs.handlers.TaskHandler;
import io.asynctournament.jobs.handlers.TaskOutcome;
import io.asynctournament.jobs.tasks.TaskDefinition;
import io.asynctournament.jobs.tasks.TaskType;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a task once, whoever asks (JobRunr, the CLI): takes the task's advisory lock so the same task never runs twice
 * at once across processes, records a task_run row (running, then success / partial / failed with duration, counts
 * and error), and never reports a failed run as a success. A run asked for while the task is already running is not
 * started and is recorded as {@code skipped}, with what held the task.
 */
public final class TaskRunner {
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final DataSource dataSource;
    private final DSLContext dsl;
    private final Clock clock;
    private final TaskRunRepository runs;
    private final Map<TaskType, TaskHandler> handlers = new EnumMap<>(TaskType.class);

    public TaskRunner(DataSource dataSource, DSLContext dsl, Clock clock, TaskRunRepository runs,
                      List<TaskHandler> handlers) {
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.clock = clock;
        this.runs = runs;
        handlers.forEach(handler -> this.handlers.put(handler.type(), handler));
    }

    /**
     * Runs the task now, synchronously, over the given tournaments.
     *
     * @param trigger who asked: {@code scheduler}, {@code cli:<user>} or a Discord user
     * @return the result; {@link TaskRunResult#alreadyRunning()} when another run holds the task (recorded as a
     *         {@code skipped} run)
     * @throws IllegalStateException when the database cannot be reached to take the lock
     */
    public TaskRunResult run(TaskDefinition task, TournamentScope scope, String trigger) {
        Optional<TaskLock> lock;
        try {
            lock = TaskLock.tryAcquire(dataSource, task.id());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the lock of task " + task.id(), e);
        }
        if (lock.isEmpty()) {
            return skip(task, trigger);
        }
        try (TaskLock held = lock.get()) {
            return runLocked(task, scope, trigger);
        } catch (SQLException e) {
            log.warn("Could not release the lock of task {}", task.id(), e);
            throw new IllegalStateException("Could not release the lock of task " + task.id(), e);
        }
    }

    /**
     * Marks as failed the runs left {@code running} by a process that stopped (or lost the database) before recording
     * their outcome, for every task whose lock is free now; a task whose lock is held has a run under way, and is
     * left alone. The bot calls it at startup and when the database answers again after an outage.
     *
     * @return how many runs were marked
     * @throws IllegalStateException                  when a task's lock cannot be taken or released
     * @throws org.jooq.exception.DataAccessException when the database cannot be reached
     */
    public int failAbandonedRuns() {
        int marked = 0;
        for (String taskId : runs.tasksWithRunningRuns(dsl)) {
            Optional<TaskLock> lock;
            try {
                lock = TaskLock.tryAcquire(dataSource, taskId);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not take the lock of task " + taskId, e);
            }
            if (lock.isEmpty()) {
                continue;
            }
            try (TaskLock held = lock.get()) {
                int abandoned = runs.failAbandoned(dsl, taskId, clock.instant());
                if (abandoned > 0) {
                    log.warn("Task {}: {} run(s) never recorded their outcome (their process stopped or lost the "
                            + "database); recorded as failed", taskId, abandoned);
                }
                marked += abandoned;
            } catch (SQLException e) {
                throw new IllegalStateException("Could not release the lock of task " + taskId, e);
            }
        }
        return marked;
    }

    private TaskRunResult skip(TaskDefinition task, String trigger) {
        String holder = runs.running(dsl, task.id())
                .map(run -> "run " + run.id() + " (" + run.trigger() + ", started " + run.startedAt() + ")")
                .orElse("another run (its lock is held)");
        String reason = "skipped: task " + task.id() + " was already running: " + holder
                + "; no second copy was started";
        long runId = runs.skipped(dsl, task.id(), trigger, clock.instant(), reason);
        log.info("Task {} is already running ({}); run {} recorded as skipped ({})", task.id(), holder, runId, trigger);
        return TaskRunResult.skippedAlreadyRunning(task.id(), runId, reason);
    }

    private TaskRunResult runLocked(TaskDefinition task, TournamentScope scope, String trigger) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        int abandoned = runs.failAbandoned(dsl, task.id(), startedAt);
        if (abandoned > 0) {
            log.warn("Task {}: {} earlier run(s) never finished (their process stopped); recorded as failed",
                    task.id(), abandoned);
        }
        long runId = runs.start(dsl, task.id(), trigger, startedAt);
        TaskRunStatus status;
        Map<String, Integer> counts = Map.of();
        String error = null;
        try {
            TaskHandler handler = handlers.get(task.type());
            if (handler == null) {
                throw new IllegalStateException("No handler for task type " + task.type());
            }
            TaskOutcome outcome = handler.run(task.config(), scope);
            counts = outcome.counts();
            if (!outcome.errors().isEmpty()) {
                error = String.join("; ", outcome.errors());
            }
            status = outcome.failed() ? TaskRunStatus.failed
                    : outcome.errors().isEmpty() ? TaskRunStatus.success : TaskRunStatus.partial;
        } catch (RuntimeException | Error e) {
            log.error("Task {} failed", task.id(), e);
            status = TaskRunStatus.failed;
            error = e.getClass().getSimpleName() + ": " + e.getMessage()
                    + DatabaseTimeouts.explain(e).map(hint -> " (" + hint + ")").orElse("");
        }
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        runs.finish(dsl, runId, status, clock.instant(), durationMs, error, counts);
        TaskRunResult result = new TaskRunResult(task.id(), runId, status, durationMs, counts, error, false);
        log.info("Task run {}", result.describe());
        return result;
    }
}
