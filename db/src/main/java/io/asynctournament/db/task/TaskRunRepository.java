package io.asynctournament.db.task;

import io.asynctournament.db.Json;
import io.asynctournament.db.generated.enums.TaskRunStatus;
import io.asynctournament.db.generated.tables.records.TaskRunRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.TASK_RUN;

/**
 * The task_run history: one row a run, inserted as {@code running} and finished with its outcome; a run that was
 * asked for but not started because the task was already running is one {@code skipped} row with the reason.
 */
public final class TaskRunRepository {

    /** Records the start of a run; returns its id. */
    public long start(DSLContext dsl, String taskId, String trigger, Instant startedAt) {
        return dsl.insertInto(TASK_RUN, TASK_RUN.TASK_ID, TASK_RUN.TRIGGER, TASK_RUN.STARTED_AT)
                .values(taskId, trigger, startedAt.atOffset(ZoneOffset.UTC))
                .returningResult(TASK_RUN.ID).fetchSingle().value1();
    }

    /**
     * Records a run that was asked for but not started because the task was already running.
     *
     * @param reason what held the task (stored in {@code error})
     * @return the new row's id
     */
    public long skipped(DSLContext dsl, String taskId, String trigger, Instant at, String reason) {
        return dsl.insertInto(TASK_RUN, TASK_RUN.TASK_ID, TASK_RUN.TRIGGER, TASK_RUN.STARTED_AT, TASK_RUN.FINISHED_AT,
                        TASK_RUN.DURATION_MS, TASK_RUN.STATUS, TASK_RUN.ERROR)
                .values(taskId, trigger, at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC), 0L,
                        TaskRunStatus.skipped, reason)
                .returningResult(TASK_RUN.ID).fetchSingle().value1();
    }

    /** The task's latest run still recorded as running, if any. */
    public Optional<TaskRun> running(DSLContext dsl, String taskId) {
        return dsl.selectFrom(TASK_RUN).where(TASK_RUN.TASK_ID.eq(taskId))
                .and(TASK_RUN.STATUS.eq(DSL.inline(TaskRunStatus.running)))
                .orderBy(TASK_RUN.STARTED_AT.desc(), TASK_RUN.ID.desc())
                .limit(1)
                .fetchOptional(TaskRunRepository::toRun);
    }

    /** The ids of the tasks that have a run recorded as running. */
    public List<String> tasksWithRunningRuns(DSLContext dsl) {
        return dsl.selectDistinct(TASK_RUN.TASK_ID).from(TASK_RUN)
                .where(TASK_RUN.STATUS.eq(DSL.inline(TaskRunStatus.running)))
                .orderBy(TASK_RUN.TASK_ID)
                .fetch(TASK_RUN.TASK_ID);
    }

    /** When the task's latest run that did start (any status but skipped) started, if it ever ran. */
    public Optional<Instant> lastStart(DSLContext dsl, String taskId) {
        return dsl.select(TASK_RUN.STARTED_AT).from(TASK_RUN).where(TASK_RUN.TASK_ID.eq(taskId))
                .and(TASK_RUN.STATUS.ne(TaskRunStatus.skipped))
                .orderBy(TASK_RUN.STARTED_AT.desc())
                .limit(1)
                .fetchOptional(TASK_RUN.STARTED_AT)
                .map(java.time.OffsetDateTime::toInstant);
    }

    /** Records the outcome of a run. */
    public void finish(DSLContext dsl, long runId, TaskRunStatus status, Instant finishedAt, long durationMs,
                       String error, Map<String, ?> counts) {
        dsl.update(TASK_RUN)
                .set(TASK_RUN.STATUS, status)
                .set(TASK_RUN.FINISHED_AT, finishedAt.atOffset(ZoneOffset.UTC))
                .set(TASK_RUN.DURATION_MS, durationMs)
                .set(TASK_RUN.ERROR, error)
                .set(TASK_RUN.COUNTS, Json.jsonb(counts))
                .where(TASK_RUN.ID.eq(runId))
                .execute();
    }

    /**
     * Marks the task's runs still recorded as running as failed: call it while holding the task's lock, when no run
     * of it can be under way, so these are runs whose process stopped before recording their outcome.
     *
     * @return how many runs were marked
     */
    public int failAbandoned(DSLContext dsl, String taskId, Instant now) {
        return dsl.update(TASK_RUN)
                .set(TASK_RUN.STATUS, TaskRunStatus.failed)
                .set(TASK_RUN.FINISHED_AT, now.atOffset(ZoneOffset.UTC))
                .set(TASK_RUN.ERROR, "abandoned: the run ended without recording its outcome (its process stopped or "
                        + "lost the database)")
                .where(TASK_RUN.TASK_ID.eq(taskId)).and(TASK_RUN.STATUS.eq(TaskRunStatus.running))
                .execute();
    }

    /** The latest run of the task, if any. */
    public Optional<TaskRun> last(DSLContext dsl, String taskId) {
        return history(dsl, taskId, 1).stream().findFirst();
    }

    /** The task's last {@code limit} runs, newest first. */
    public List<TaskRun> history(DSLContext dsl, String taskId, int limit) {
        return dsl.selectFrom(TASK_RUN).where(TASK_RUN.TASK_ID.eq(taskId))
                .orderBy(TASK_RUN.STARTED_AT.desc(), TASK_RUN.ID.desc())
                .limit(limit)
                .fetch(TaskRunRepository::toRun);
    }

    private static TaskRun toRun(TaskRunRecord r) {
        return new TaskRun(r.getId(), r.getTaskId(), r.getTrigger(), r.getStartedAt().toInstant(),
                r.getFinishedAt() == null ? null : r.getFinishedAt().toInstant(), r.getDurationMs(), r.getStatus(),
                r.getError(), Json.map(r.getCounts()));
    }

    /**
     * Success rate and median duration of each task's finished runs since {@code since} (skipped runs, which never
     * started, are left out).
     *
     * @return per task id: (runs, successes, median duration in ms or null)
     */
    public java.util.Map<String, RunStats> statsSince(DSLContext dsl, Instant since) {
        java.util.Map<String, RunStats> stats = new java.util.HashMap<>();
        dsl.select(TASK_RUN.TASK_ID, org.jooq.impl.DSL.count(),
                        org.jooq.impl.DSL.count().filterWhere(TASK_RUN.STATUS.eq(TaskRunStatus.success)),
                        org.jooq.impl.DSL.percentileCont(0.5).withinGroupOrderBy(TASK_RUN.DURATION_MS))
                .from(TASK_RUN)
                .where(TASK_RUN.STARTED_AT.ge(since.atOffset(ZoneOffset.UTC)))
                .and(TASK_RUN.STATUS.notIn(TaskRunStatus.running, TaskRunStatus.skipped))
                .groupBy(TASK_RUN.TASK_ID)
                .forEach(r -> stats.put(r.value1(), new RunStats(r.value2(), r.value3(),
                        r.value4() == null ? null : r.value4().doubleValue())));
        return stats;
    }

    /**
     * Run statistics over a period.
     *
     * @param runs             finished runs
     * @param successes        runs with status success
     * @param medianDurationMs median duration in milliseconds, or null without runs
     */
    public record RunStats(int runs, int successes, Double medianDurationMs) {
        /** successes / runs, or null without runs. */
        public Double successRate() {
            return runs == 0 ? null : (double) successes / runs;
        }
    }
}
