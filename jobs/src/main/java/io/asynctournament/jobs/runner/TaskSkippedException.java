package io.asynctournament.jobs.runner;

/**
 * Thrown to JobRunr when a queued run or a scheduler tick was not started because the task was already running, so
 * its dashboard shows the job as failed with the reason instead of succeeded. It carries no stack trace: it is an
 * outcome, not a bug.
 */
public final class TaskSkippedException extends RuntimeException {
    public TaskSkippedException(String reason) {
        super(reason, null, false, false);
    }
}
