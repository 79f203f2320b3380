package io.asynctournament.jobs.handlers;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.jobs.tasks.TaskType;

import java.util.Map;

/**
 * Does one task type's work, as set-based SQL in transactions, at the handler's injected {@link java.time.Clock}.
 * Handlers never call Discord: a state change writes its notification row in the same transaction.
 */
public interface TaskHandler {

    /** The task type this handler runs. */
    TaskType type();

    /**
     * Runs once.
     *
     * @param config the task's effective settings (keys as in README, "Config keys, by task type")
     * @param scope  the tournaments this run covers
     * @throws io.asynctournament.jobs.errors.UserError when the settings are invalid
     */
    TaskOutcome run(Map<String, Object> config, TournamentScope scope);
}
