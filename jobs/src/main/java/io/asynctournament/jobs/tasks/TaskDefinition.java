package io.asynctournament.jobs.tasks;

import java.util.Map;

/**
 * A task: what JobRunr registers as a recurring job.
 *
 * @param id       the recurring job id (a built-in's id is its type's id)
 * @param name     a readable name, shown on JobRunr's dashboard
 * @param type     what the task does
 * @param schedule when it fires
 * @param config   the type's settings, keyed as in README ("Config keys, by task type") (e.g. {@code warning_minutes})
 */
public record TaskDefinition(String id, String name, TaskType type, Schedule schedule, Map<String, Object> config) {
    public TaskDefinition {
        config = Map.copyOf(config);
    }
}
