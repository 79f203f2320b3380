package io.asynctournament.bot.cli;

/** The process's exit codes. */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** A task run or an operation failed. */
    public static final int FAILED = 1;
    /** Bad input: options, arguments, configuration values, files. Nothing was changed. */
    public static final int BAD_INPUT = 2;
    /** Not run: the task was already running (here or in another process); no second copy was started. */
    public static final int NOT_RUN = 3;
    /**
     * The bot process ({@code run}) stopped because its embedded PostgreSQL server died: start it again (a supervisor
     * such as systemd with {@code Restart=on-failure} does). README, "CLI".
     */
    public static final int DATABASE_DIED = 4;

    private ExitCodes() {
    }
}
