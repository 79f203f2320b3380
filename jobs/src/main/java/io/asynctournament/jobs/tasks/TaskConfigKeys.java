package io.asynctournament.jobs.tasks;

/** The configuration keys of the task types, as README names them ("Config keys, by task type"). */
public final class TaskConfigKeys {
    /** Pending timeout: minutes before the deadline the racer is warned (positive integer, below timeout_minutes). */
    public static final String WARNING_MINUTES = "warning_minutes";
    /** Pending timeout: minutes from the thread opening to the forfeit (positive integer). */
    public static final String TIMEOUT_MINUTES = "timeout_minutes";
    /** In-progress timeout: hours a race may run before it is forfeited (1 to 168). */
    public static final String MAX_HOURS = "max_hours";
    /** Score calculation: the tournament ids to score; absent means every active tournament. */
    public static final String TOURNAMENT_IDS = "tournament_ids";

    private TaskConfigKeys() {
    }
}
