package io.asynctournament.jobs.runner;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The JobRunr job of a task: just the task id. JobRunr stores it as JSON (hence the no-arg constructor and setter)
 * and hands it to {@link TaskRequestHandler}, resolved through the Spring context.
 */
public final class TaskRequest implements JobRequest {
    private String taskId;

    /** For JSON deserialization. */
    public TaskRequest() {
    }

    public TaskRequest(String taskId) {
        this.taskId = taskId;
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
