package io.asynctournament.jobs.control;

import io.asynctournament.db.task.TaskRun;
import io.asynctournament.db.task.TaskRunRepository.RunStats;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task as the control plane shows it.
 *
 * @param task           its effective definition, scope and state
 * @param scheduled      true when JobRunr has its recurring job
 * @param nextFireTimes  its next three fire times (UTC instants); empty when paused
 * @param lastRun        its latest run, if any
 * @param last24h        run count, success rate and median duration over the last 24 hours
 * @param pauseReason    why it is paused, or null
 */
public record TaskView(ResolvedTask task, boolean scheduled, List<Instant> nextFireTimes, Optional<TaskRun> lastRun,
                       RunStats last24h, String pauseReason) {

    /** The task's id. */
    public String id() {
        return task.definition().id();
    }

    /** {@code global} for a built-in, {@code guild <discord id>} for a guild instance. */
    public String scope() {
        return task.builtIn() ? "global" : "guild " + task.discordGuildId();
    }
}
