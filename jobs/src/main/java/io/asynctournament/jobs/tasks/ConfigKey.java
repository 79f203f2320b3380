package io.asynctournament.jobs.tasks;

import java.util.List;

/**
 * A configuration key of a task type, with what it accepts.
 *
 * @param name     the key, as README "Configuration" names it
 * @param accepted what values it accepts, for error messages and help
 * @param ids      true for a list of ids (comma-separated when typed), false for a whole number
 */
public record ConfigKey(String name, String accepted, boolean ids) {

    /** The keys of a task type. */
    public static List<ConfigKey> of(TaskType type) {
        return switch (type) {
            case TIMEOUT_PENDING -> List.of(
                    new ConfigKey(TaskConfigKeys.WARNING_MINUTES, "a whole number of minutes from 1, below timeout_minutes", false),
                    new ConfigKey(TaskConfigKeys.TIMEOUT_MINUTES, "a whole number of minutes from 1 to "
                            + PendingTimeoutSettings.MAX_TIMEOUT_MINUTES, false));
            case TIMEOUT_IN_PROGRESS -> List.of(
                    new ConfigKey(TaskConfigKeys.MAX_HOURS, "a whole number of hours from 1 to "
                            + InProgressTimeoutSettings.MAX_HOURS_LIMIT, false));
            case SCORE_CALCULATION -> List.of(
                    new ConfigKey(TaskConfigKeys.TOURNAMENT_IDS, "tournament ids separated by commas, or 'all' for "
                            + "every active tournament", true));
        };
    }
}
