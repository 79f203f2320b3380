package io.asynctournament.jobs.tasks;

import java.util.Map;

/** Checks a task type's complete, effective settings with the type's settings record. */
public final class TaskSettingsValidator {
    private TaskSettingsValidator() {
    }

    /**
     * @throws UserError naming the key that is wrong and what is accepted
     */
    public static void validate(TaskType type, Map<String, Object> effectiveConfig) {
        switch (type) {
            case TIMEOUT_PENDING -> PendingTimeoutSettings.from(effectiveConfig);
            case TIMEOUT_IN_PROGRESS -> InProgressTimeoutSettings.from(effectiveConfig);
            case SCORE_CALCULATION -> ScoreCalculationSettings.from(effectiveConfig);
        }
    }
}
