package io.asynctournament.bot.cli;

/** The process's exit codes. */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** A task run or an operation failed, or {@code health} found a problem. */
    public static final int FAILED = 1;
    /** Bad input: options, arguments, configuration values, files. Nothing was changed. */
    public static final int BAD_INPUT = 2;
    /** Not run: the task was already running (here or in another process); no second copy was started. */
    public static final int NOT_RUN = 3;

    private ExitCodes() {
    }
}
