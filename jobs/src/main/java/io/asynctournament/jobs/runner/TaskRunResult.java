package io.asynctournament.jobs.runner;

import io.asynctournament.db.generated.enums.TaskRunStatus;

import java.util.Map;

/**
 * The result of asking for one run of a task.
 *
 * @param taskId         the task
 * @param runId          the task_run row
 * @param status         success, partial or failed; skipped when the run did not start
 * @param durationMs     wall-clock milliseconds
 * @param counts         the handler's counts
 * @param error          the error of a failed or partial run, the reason of a skipped one, else null
 * @param alreadyRunning true when the task was already running (here or in another process) and no run started
 */
public record TaskRunResult(String taskId, Long runId, TaskRunStatus status, long durationMs,
                            Map<String, Integer> counts, String error, boolean alreadyRunning) {

    static TaskRunResult skippedAlreadyRunning(String taskId, long runId, String reason) {
        return new TaskRunResult(taskId, runId, TaskRunStatus.skipped, 0, Map.of(), reason, true);
    }

    /** A one-line summary for logs and the CLI. */
    public String describe() {
        if (alreadyRunning) {
            return taskId + " is already running; no second copy was started";
        }
        String line = taskId + ": " + status + " in " + durationMs + " ms, " + new java.util.TreeMap<>(counts);
        return error == null ? line : line + "; error: " + error;
    }
}
