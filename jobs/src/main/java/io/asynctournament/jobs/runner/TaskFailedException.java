package io.asynctournament.jobs.runner;

/** Thrown to JobRunr when a run ended failed or partial, so its dashboard shows the job as failed too. */
public final class TaskFailedException extends RuntimeException {
    public TaskFailedException(String message) {
        super(message);
    }
}
