package io.asynctournament.jobs.tasks;

/** A task setting that is missing, of the wrong type or out of range; the message names the key and what is accepted. */
public final class InvalidTaskConfigException extends IllegalArgumentException {
    public InvalidTaskConfigException(String message) {
        super(message);
    }
}
