package io.asynctournament.bot.cli;

import io.asynctournament.jobs.errors.UserError;

/** The process's exit codes (README "Errors and exit codes"); {@link #of} maps a {@link UserError} to its code. */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** A task run or an operation failed, or {@code health} found a problem. */
    public static final int FAILED = 1;
    /** Bad input: options, arguments, configuration values, files, or a name that matches nothing. Nothing changed. */
    public static final int BAD_INPUT = 2;
    /**
     * Conflict: already done (a task already paused), already running (no second copy was started, here or in
     * another process), or changed meanwhile. Nothing was changed.
     */
    public static final int CONFLICT = 3;
    /** Refused: a permission is missing. Nothing was changed. */
    public static final int REFUSED = 4;

    /** The exit code of a user error, by its kind. */
    public static int of(UserError error) {
        return switch (error.kind()) {
            case BAD_INPUT, NOT_FOUND -> BAD_INPUT;
            case CONFLICT -> CONFLICT;
            case REFUSED -> REFUSED;
        };
    }
    /**
     * The bot process ({@code run}) stopped because its embedded PostgreSQL server died: start it again (a supervisor
     * such as systemd with {@code Restart=on-failure} does). README, "CLI".
     */
    public static final int DATABASE_DIED = 5;

    private ExitCodes() {
    }
}
