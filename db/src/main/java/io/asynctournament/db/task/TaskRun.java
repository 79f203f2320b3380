package io.asynctournament.db.task;

import io.asynctournament.db.generated.enums.TaskRunStatus;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a task.
 *
 * @param id         row id
 * @param taskId     the task's id
 * @param trigger    who started it: {@code scheduler}, {@code cli} or a Discord user
 * @param startedAt  UTC instant
 * @param finishedAt UTC instant, or null while running
 * @param durationMs wall-clock milliseconds, or null while running
 * @param status     running, success, failed, partial, or skipped (not started: the task was already running)
 * @param error      the error of a failed or partial run, the reason of a skipped one, else null
 * @param counts     named counts (warned, forfeited, races_scored, tournaments…)
 */
public record TaskRun(long id, String taskId, String trigger, Instant startedAt, Instant finishedAt, Long durationMs,
                      TaskRunStatus status, String error, Map<String, Object> counts) {
}
