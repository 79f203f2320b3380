package io.asynctournament.jobs.runner;

import io.asynctournament.db.generated.enums.TaskRunStatus;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;
import io.asynctournament.jobs.tasks.TaskConfigKeys;
import io.asynctournament.jobs.tasks.TaskDefinition;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link TaskRequest} fired by JobRunr: finds the task's current definition and runs it through the
 * {@link TaskRunner}. A failed or partial run is rethrown so JobRunr marks the job failed (sweeps have 0 retries: the
 * next tick is the retry). A run skipped because the task is already running is recorded as {@code skipped} and
 * ends the job as failed with the reason ({@link TaskSkippedException}): JobRunr does not show a run that never
 * happened as a success.
 */
public final class TaskRequestHandler implements JobRequestHandler<TaskRequest> {
    private static final Logger log = LoggerFactory.getLogger(TaskRequestHandler.class);
    public static final String TRIGGER = "scheduler";

    private final TaskCatalog catalog;
    private final TaskRunner runner;

    public TaskRequestHandler(TaskCatalog catalog, TaskRunner runner) {
        this.catalog = catalog;
        this.runner = runner;
    }

    @Override
    public void run(TaskRequest request) {
        ResolvedTask task = catalog.find(request.getTaskId()).orElse(null);
        if (task == null) {
            log.warn("JobRunr fired unknown task {}; ignoring it", request.getTaskId());
            return;
        }
        String trigger = request.getTrigger() == null ? TRIGGER : request.getTrigger();
        TaskRunResult result = runner.run(forRequest(task.definition(), request), task.scope(), trigger);
        if (result.alreadyRunning()) {
            throw new TaskSkippedException(result.error());
        }
        if (result.status() != TaskRunStatus.success) {
            throw new TaskFailedException(result.describe());
        }
    }

    /** The task as this request runs it: with the request's tournaments as its {@code tournament_ids}, if any. */
    static TaskDefinition forRequest(TaskDefinition task, TaskRequest request) {
        if (request.getTournamentIds() == null || request.getTournamentIds().isEmpty()) {
            return task;
        }
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>(task.config());
        config.put(TaskConfigKeys.TOURNAMENT_IDS, java.util.List.copyOf(request.getTournamentIds()));
        return new TaskDefinition(task.id(), task.name(), task.type(), task.schedule(), config);
    }
}
