package io.asynctournament.jobs.scheduling;

import io.asynctournament.jobs.scheduling.TaskTimeliness.TaskTiming;
import org.jobrunr.server.BackgroundJobServerConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Catches up, once, the ticks a database outage made this process's job server miss; called when the database
 * answers again, before that server starts. Open-source JobRunr skips missed ticks (its job server schedules from
 * "now" when it starts again), so a sweep due during an outage would wait a whole period more. An occurrence JobRunr
 * had scheduled before the outage for an instant now past is enqueued at once; every other active task whose next
 * tick came and went since its last run, and that has no run scheduled, enqueued or processing (an orphan left
 * processing by the outage does not count), gets one run queued now (trigger {@value #TRIGGER}); several missed
 * ticks make one run. The task lock still keeps a catch-up from overlapping another run.
 */
public final class MissedTicks {
    /** The trigger recorded for a catch-up run. */
    public static final String TRIGGER = "scheduler:catch-up";

    private final TaskTimeliness timeliness;
    private final RecurringJobs recurringJobs;
    private final Clock clock;
    private final Duration serverTimeout;

    /**
     * @param pollInterval JobRunr's poll interval: a job still processing but not updated for 4 of them (JobRunr's
     *                     server timeout) is an orphan of a job server that is gone, and does not hold a task back
     */
    public MissedTicks(TaskTimeliness timeliness, RecurringJobs recurringJobs, Clock clock, Duration pollInterval) {
        this.timeliness = timeliness;
        this.recurringJobs = recurringJobs;
        this.clock = clock;
        this.serverTimeout = pollInterval.multipliedBy(
                BackgroundJobServerConfiguration.DEFAULT_SERVER_TIMEOUT_POLL_INTERVAL_MULTIPLICAND);
    }

    /**
     * Queues the catch-up runs.
     *
     * @return a line for each change made
     */
    public List<String> catchUp() {
        Instant now = clock.instant();
        List<String> queued = new ArrayList<>();
        recurringJobs.enqueueDue(now).forEach(taskId ->
                queued.add(taskId + ": its occurrence scheduled before the outage and due since was enqueued"));
        for (TaskTiming timing : timeliness.activeTasks()) {
            if (!timing.scheduled() || timing.firstDue().isAfter(now) || recurringJobs.hasPendingRun(timing.id(), now.minus(serverTimeout))) {
                continue;
            }
            recurringJobs.enqueueOnce(timing.task().definition(), TRIGGER);
            queued.add(timing.id() + ": its tick at " + timing.firstDue() + " was missed; one catch-up run queued");
        }
        return queued;
    }
}
