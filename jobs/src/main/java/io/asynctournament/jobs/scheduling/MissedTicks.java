package io.asynctournament.jobs.scheduling;

import io.asynctournament.jobs.scheduling.TaskTimeliness.TaskTiming;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Catches up, once, the ticks a database outage made this process's job server miss; called when the database
 * answers again, before that server starts. Open-source JobRunr skips missed ticks (its job server schedules from
 * "now" when it starts again), so a sweep due during an outage would wait a whole period more. An occurrence JobRunr
 * had scheduled before the outage for an instant now past is enqueued at once; every other active task whose next
 * tick came and went since its last run, and that has no run scheduled, enqueued or processing, gets one run
 * queued now (trigger {@value #TRIGGER}); several missed ticks make one run. The task lock still keeps a catch-up
 * from overlapping another run.
 */
public final class MissedTicks {
    /** The trigger recorded for a catch-up run. */
    public static final String TRIGGER = "scheduler:catch-up";

    private final TaskTimeliness timeliness;
    private final RecurringJobs recurringJobs;
    private final Clock clock;

    public MissedTicks(TaskTimeliness timeliness, RecurringJobs recurringJobs, Clock clock) {
        this.timeliness = timeliness;
        this.recurringJobs = recurringJobs;
        this.clock = clock;
    }

    /**
     * Queues the catch-up runs.
     *
     * @return a line for each change made
     */
    public List<String> catchUp() {
        Instant now = clock.instant();
        List<String> queued = new ArrayList<>();
        int due = recurringJobs.enqueueDue(now);
        if (due > 0) {
            queued.add(due + " occurrence(s) scheduled before the outage and due since: enqueued now");
        }
        for (TaskTiming timing : timeliness.activeTasks()) {
            if (!timing.scheduled() || timing.firstDue().isAfter(now) || recurringJobs.hasPendingRun(timing.id())) {
                continue;
            }
            recurringJobs.enqueueOnce(timing.task().definition(), TRIGGER);
            queued.add(timing.id() + ": its tick at " + timing.firstDue() + " was missed; one catch-up run queued");
        }
        return queued;
    }
}
