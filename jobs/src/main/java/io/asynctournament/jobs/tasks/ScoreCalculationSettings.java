package io.asynctournament.jobs.tasks;

import java.util.Map;
import java.util.Set;

/**
 * Settings of the score-calculation task.
 *
 * @param tournamentIds tournaments to score; empty means every active tournament
 */
public record ScoreCalculationSettings(Set<Long> tournamentIds) {
    /**
     * Reads and checks the settings.
     *
     * @throws UserError when tournament_ids is not a list of positive ids
     */
    public static ScoreCalculationSettings from(Map<String, Object> config) {
        return new ScoreCalculationSettings(ConfigValues.ids(config, TaskConfigKeys.TOURNAMENT_IDS));
    }
}
