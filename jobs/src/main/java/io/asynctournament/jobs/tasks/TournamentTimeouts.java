package io.asynctournament.jobs.tasks;

/**
 * A tournament's effective timeout settings, each with where it comes from (README "Config keys, by task type": the
 * tournament's own override beats the guild's task instance, which beats the built-in's stored setting and then the
 * code default).
 *
 * @param warning minutes before the deadline a pending race is warned
 * @param timeout minutes from the thread opening to the forfeit of a race not started
 * @param maxHours hours a started race may run
 */
public record TournamentTimeouts(Value warning, Value timeout, Value maxHours) {

    /**
     * One effective setting.
     *
     * @param value  its value (minutes or hours, as the key says)
     * @param source where it comes from: {@code tournament}, {@code task <id>} or {@code default}
     */
    public record Value(int value, String source) {
    }
}
