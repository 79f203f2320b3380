package io.asynctournament.jobs.tasks;

import io.asynctournament.jobs.errors.UserError;
import java.util.Map;

/**
 * Settings of the pending-timeout task.
 *
 * @param warningMinutes minutes before the deadline the racer is warned, 1 or more and below timeoutMinutes
 * @param timeoutMinutes minutes from the thread opening to the forfeit, 1 to 10,080 (a week)
 */
public record PendingTimeoutSettings(int warningMinutes, int timeoutMinutes) {
    public static final int MAX_TIMEOUT_MINUTES = 7 * 24 * 60;

    /**
     * Reads and checks the settings.
     *
     * @throws UserError naming the key that is wrong and what is accepted
     */
    public static PendingTimeoutSettings from(Map<String, Object> config) {
        int timeout = ConfigValues.intIn(config, TaskConfigKeys.TIMEOUT_MINUTES, 1, MAX_TIMEOUT_MINUTES);
        int warning = ConfigValues.intIn(config, TaskConfigKeys.WARNING_MINUTES, 1, MAX_TIMEOUT_MINUTES);
        if (warning >= timeout) {
            throw UserError.badInput(TaskConfigKeys.WARNING_MINUTES + " (" + warning + ") must be below "
                    + TaskConfigKeys.TIMEOUT_MINUTES + " (" + timeout + ")");
        }
        return new PendingTimeoutSettings(warning, timeout);
    }
}
