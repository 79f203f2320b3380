package io.asynctournament.jobs.validation;

/**
 * A name (tournament, pool, racer, guild) that breaks the rule of {@link Names}: the message names the field, the
 * line when it came from a file, and what is accepted. A bad-input error: the CLI exits 2, Discord replies with the
 * message; nothing was changed.
 */
public final class InvalidNameException extends IllegalArgumentException {
    public InvalidNameException(String message) {
        super(message);
    }
}
