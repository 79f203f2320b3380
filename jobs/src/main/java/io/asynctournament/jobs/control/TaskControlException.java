package io.asynctournament.jobs.control;

/** A control-plane request that cannot be done as asked; the message says why and what is accepted. Nothing changed. */
public final class TaskControlException extends IllegalArgumentException {
    public TaskControlException(String message) {
        super(message);
    }
}
