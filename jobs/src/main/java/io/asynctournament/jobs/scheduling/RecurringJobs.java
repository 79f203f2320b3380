package io.asynctournament.jobs.scheduling;

import io.asynctournament.jobs.runner.TaskRequest;
import io.asynctournament.jobs.tasks.Schedule;
import io.asynctournament.jobs.tasks.TaskDefinition;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.scheduling.RecurringJobBuilder;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tasks' recurring jobs in JobRunr: id = task id, the task's readable name, its schedule, and 0 retries (a
 * sweep's next tick is its retry, so a failing task never causes a retry storm). Open-source JobRunr has no pause:
 * removing a task's recurring job also deletes the occurrences JobRunr already scheduled or enqueued for it, which
 * would otherwise still run once.
 */
public final class RecurringJobs {
    private static final Logger log = LoggerFactory.getLogger(RecurringJobs.class);
    private static final int PAGE = 1000;

    private final JobRequestScheduler scheduler;
    private final StorageProvider storage;

    public RecurringJobs(JobRequestScheduler scheduler, StorageProvider storage) {
        this.scheduler = scheduler;
        this.storage = storage;
    }

    /**
     * Creates or replaces the recurring job of a task (its interval ticks are re-anchored at now). An occurrence
     * JobRunr already scheduled ahead on the old schedule is deleted first, or it would still run on the old one.
     */
    public void register(TaskDefinition task) {
        deletePending(task.id());
        RecurringJobBuilder builder = RecurringJobBuilder.aRecurringJob()
                .withId(task.id())
                .withName(task.name())
                .withJobRequest(new TaskRequest(task.id()))
                .withAmountOfRetries(0)
                .withLabels("task", task.type().id().replace("async_tournament_", ""));
        if (task.schedule() instanceof Schedule.Interval interval) {
            builder.withInterval(interval.interval()).withZoneId(interval.zone());
        } else if (task.schedule() instanceof Schedule.Cron cron) {
            builder.withCron(cron.expression()).withZoneId(cron.zone());
        }
        scheduler.createRecurrently(builder);
        log.info("Recurring job {} registered: {}", task.id(), task.schedule().describe());
    }

    /**
     * Removes a task's recurring job and its scheduled or enqueued occurrences.
     *
     * @return how many pending occurrences were deleted
     */
    public int remove(String taskId) {
        scheduler.deleteRecurringJob(taskId);
        int deleted = deletePending(taskId);
        log.info("Recurring job {} removed ({} pending occurrence(s) deleted)", taskId, deleted);
        return deleted;
    }

    /** Deletes the task's occurrences that are scheduled or enqueued (not those already processing). */
    private int deletePending(String taskId) {
        int deleted = 0;
        for (StateName state : List.of(StateName.SCHEDULED, StateName.ENQUEUED)) {
            for (Job job : storage.getJobList(state, new AmountRequest("updatedAt:ASC", PAGE))) {
                if (job.getRecurringJobId().map(String::strip).filter(taskId::equals).isPresent()) {
                    try {
                        scheduler.delete(job.getId(), "task " + taskId + " paused, removed or rescheduled");
                        deleted++;
                    } catch (RuntimeException e) {
                        // another process deleted or started it at the same moment: nothing left to do
                        log.debug("Occurrence {} of {} changed under us", job.getId(), taskId, e);
                    }
                }
            }
        }
        return deleted;
    }

    /** The recurring jobs JobRunr has now, by id (ids stripped of the NCHAR padding). */
    public Map<String, RecurringJob> current() {
        Map<String, RecurringJob> jobs = new LinkedHashMap<>();
        storage.getRecurringJobs().forEach(job -> jobs.put(job.getId().strip(), job));
        return jobs;
    }

    /** When the recurring job of a task was registered, if it is. */
    public Optional<Instant> registeredAt(String taskId) {
        return Optional.ofNullable(current().get(taskId)).map(RecurringJob::getCreatedAt);
    }
}
