package io.asynctournament.jobs.errors;

import java.util.Objects;

/**
 * A request the bot will not carry out, for a reason the person asking can act on; nothing was changed. It is the one
 * user-facing error of the bot, thrown by the domain services and the settings readers and mapped in one place each
 * by the CLI (to its exit codes) and by Discord (to an ephemeral reply): README "Errors and exit codes".
 *
 * <p>The message is for the person: it says what was wrong and what is accepted. Any other exception is a bug.
 */
public final class UserError extends RuntimeException {

    /** The four kinds of refusal. */
    public enum Kind {
        /** The input is malformed or out of range: options, arguments, settings, files. */
        BAD_INPUT,
        /** The caller may not do this (a permission). */
        REFUSED,
        /** What the request names does not exist (or the caller cannot see it). */
        NOT_FOUND,
        /** Already done, already running, or the state changed meanwhile. */
        CONFLICT
    }

    private final Kind kind;

    private UserError(Kind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Malformed or out-of-range input; the message says what is accepted. */
    public static UserError badInput(String message) {
        return new UserError(Kind.BAD_INPUT, message, null);
    }

    /** Malformed input found by a library (the cause is kept for the log, the message is for the person). */
    public static UserError badInput(String message, Throwable cause) {
        return new UserError(Kind.BAD_INPUT, message, cause);
    }

    /** The caller lacks a permission; the message names it. */
    public static UserError refused(String message) {
        return new UserError(Kind.REFUSED, message, null);
    }

    /** The request names something that does not exist. */
    public static UserError notFound(String message) {
        return new UserError(Kind.NOT_FOUND, message, null);
    }

    /** Already done, already running, or changed meanwhile. */
    public static UserError conflict(String message) {
        return new UserError(Kind.CONFLICT, message, null);
    }

    /** Which kind of refusal this is. */
    public Kind kind() {
        return kind;
    }
}
