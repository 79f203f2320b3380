package io.asynctournament.jobs.scheduling;

import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;
import org.jobrunr.jobs.RecurringJob;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * When each active task last started a run and when its next two ticks were due after that. The health check reads
 * it (a task must have run within twice its period: by its second tick) and so does the catch-up after the job
 * server was stopped by a database outage (a first tick that came and went).
 */
public final class TaskTimeliness {
    private final DSLContext dsl;
    private final TaskCatalog catalog;
    private final TaskRunRepository runs;
    private final RecurringJobs recurringJobs;

    public TaskTimeliness(DSLContext dsl, TaskCatalog catalog, TaskRunRepository runs, RecurringJobs recurringJobs) {
        this.dsl = dsl;
        this.catalog = catalog;
        this.runs = runs;
        this.recurringJobs = recurringJobs;
    }

    /** Every active (not paused) task, built-ins first. */
    public List<TaskTiming> activeTasks() {
        Map<String, RecurringJob> scheduled = recurringJobs.current();
        return catalog.all().stream().filter(ResolvedTask::active)
                .map(task -> timing(task, scheduled.get(task.definition().id())))
                .toList();
    }

    private TaskTiming timing(ResolvedTask task, RecurringJob job) {
        Instant lastStart = runs.lastStart(dsl, task.definition().id()).orElse(null);
        if (job == null || job.getCreatedAt() == null) {
            return new TaskTiming(task, null, lastStart, null, null);
        }
        Instant registeredAt = job.getCreatedAt();
        Instant since = lastStart != null && lastStart.isAfter(registeredAt) ? lastStart : registeredAt;
        List<Instant> due = task.definition().schedule().nextFireTimes(registeredAt, since, 2);
        return new TaskTiming(task, registeredAt, lastStart, due.isEmpty() ? null : due.get(0),
                due.size() < 2 ? null : due.get(1));
    }

    /**
     * One active task's timing; all instants UTC.
     *
     * @param task         the task
     * @param registeredAt when its recurring job was registered (interval ticks count from it); null when JobRunr has
     *                     no recurring job for it
     * @param lastStart    when its latest run that did start began (skipped runs left out); null if it never ran
     * @param firstDue     its first tick after the later of {@code lastStart} and {@code registeredAt}; null without a
     *                     recurring job
     * @param secondDue    the tick after {@code firstDue}
     */
    public record TaskTiming(ResolvedTask task, Instant registeredAt, Instant lastStart, Instant firstDue,
                             Instant secondDue) {
        /** The task's id. */
        public String id() {
            return task.definition().id();
        }

        /** True when JobRunr has the task's recurring job. */
        public boolean scheduled() {
            return registeredAt != null && firstDue != null;
        }
    }
}
