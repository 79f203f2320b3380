package io.asynctournament.jobs.runner;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The JobRunr job of a task: just the task id. JobRunr stores it as JSON (hence the no-arg constructor and setter)
 * and hands it to {@link TaskRequestHandler}, resolved through the Spring context.
 */
public final class TaskRequest implements JobRequest {
    private String taskId;
    private String trigger;

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
        return "TaskRequest[" + taskId + "]";
    }
}
