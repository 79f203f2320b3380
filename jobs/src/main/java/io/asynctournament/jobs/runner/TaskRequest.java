package io.asynctournament.jobs.runner;

import org.jobrunr.jobs.lambdas.JobRequest;

import java.util.List;

/**
 * The JobRunr job of a task: just the task id. JobRunr stores it as JSON (hence the no-arg constructor and setter)
 * and hands it to {@link TaskRequestHandler}, resolved through the Spring context.
 */
public final class TaskRequest implements JobRequest {
    private String taskId;
    private String trigger;
    private List<Long> tournamentIds;

    /** For JSON deserialization. */
    public TaskRequest() {
    }

    /** A run fired by the schedule. */
    public TaskRequest(String taskId) {
        this(taskId, null);
    }

    /**
     * A run asked for by someone.
     *
     * @param trigger who asked (a Discord user id, {@code cli:<user>}), or null for the schedule
     */
    public TaskRequest(String taskId, String trigger) {
        this.taskId = taskId;
        this.trigger = trigger;
    }

    /**
     * A run asked for by someone, over these tournaments only (they replace the task's {@code tournament_ids} for
     * this run; the task's guild still bounds them).
     *
     * @param tournamentIds tournament ids, or empty for the task's own scope
     */
    public TaskRequest(String taskId, String trigger, List<Long> tournamentIds) {
        this(taskId, trigger);
        this.tournamentIds = tournamentIds == null || tournamentIds.isEmpty() ? null : List.copyOf(tournamentIds);
    }

    /** The tournaments this run covers instead of the task's own, or null for the task's own scope. */
    public List<Long> getTournamentIds() {
        return tournamentIds;
    }

    public void setTournamentIds(List<Long> tournamentIds) {
        this.tournamentIds = tournamentIds;
    }

    /** Who asked for the run, or null when the schedule fired it. */
    public String getTrigger() {
        return trigger;
    }

    public void setTrigger(String trigger) {
        this.trigger = trigger;
    }

    public String getTaskId() {
        return taskId;
    }

    public void setTaskId(String taskId) {
        this.taskId = taskId;
    }

    @Override
    public Class<TaskRequestHandler> getJobRequestHandler() {
        return TaskRequestHandler.class;
    }

    @Override
    public String toString() {
        return "TaskRequest[" + taskId + (tournamentIds == null ? "" : ", tournaments " + tournamentIds) + "]";
    }
}
