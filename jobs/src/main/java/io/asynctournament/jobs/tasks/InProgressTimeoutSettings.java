package io.asynctournament.jobs.tasks;

import java.util.Map;

/**
 * Settings of the in-progress-timeout task.
 *
 * @param maxHours hours a race may run before it is forfeited, 1 to 168
 */
public record InProgressTimeoutSettings(int maxHours) {
    public static final int MAX_HOURS_LIMIT = 168;

    /**
     * Reads and checks the settings.
     *
     * @throws UserError naming the key that is wrong and what is accepted
     */
    public static InProgressTimeoutSettings from(Map<String, Object> config) {
        return new InProgressTimeoutSettings(ConfigValues.intIn(config, TaskConfigKeys.MAX_HOURS, 1, MAX_HOURS_LIMIT));
    }
}
