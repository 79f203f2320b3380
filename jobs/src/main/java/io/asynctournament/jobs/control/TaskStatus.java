package io.asynctournament.jobs.control;

import io.asynctournament.db.task.TaskRun;
import io.asynctournament.jobs.tasks.TaskDefinition;

import java.util.Optional;

/**
 * A task as listings show it.
 *
 * @param task       its definition (id, name, type, schedule, config)
 * @param registered true when JobRunr has its recurring job (it fires), false when it has none
 * @param lastRun    its latest run, if any
 */
public record TaskStatus(TaskDefinition task, boolean registered, Optional<TaskRun> lastRun) {
}
