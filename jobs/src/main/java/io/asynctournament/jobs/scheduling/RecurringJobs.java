package io.asynctournament.jobs.scheduling;

import io.asynctournament.jobs.runner.TaskRequest;
import io.asynctournament.jobs.tasks.Schedule;
import io.asynctournament.jobs.tasks.TaskDefinition;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobId;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.scheduling.RecurringJobBuilder;
import org.jobrunr.storage.ConcurrentJobModificationException;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tasks' recurring jobs in JobRunr: id = task id, the task's readable name, its schedule, and 0 retries (a
 * sweep's next tick is its retry, so a failing task never causes a retry storm). Open-source JobRunr has no pause:
 * removing a task's recurring job also deletes the occurrences JobRunr already scheduled or enqueued for it, which
 * would otherwise still run once. A one-off run of a task ({@link #enqueueOnce}) has 0 retries too.
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

    /**
     * Queues one run of a task now, outside its schedule (see {@link #oneOffRun}).
     *
     * @param trigger who asked ({@code cli:<user>}, a Discord user id, {@code scheduler:catch-up})
     */
    public JobId enqueueOnce(TaskDefinition task, String trigger) {
        return scheduler.create(oneOffRun(task, trigger));
    }

    /**
     * A one-off JobRunr job running the task once, with 0 retries: a failed run, or one skipped because the task was
     * already running, is recorded in task_run, and the next tick (or the operator) is its retry.
     *
     * @param trigger who asked, recorded as the run's trigger
     */
    public static JobBuilder oneOffRun(TaskDefinition task, String trigger) {
        return JobBuilder.aJob()
                .withName(task.name())
                .withJobRequest(new TaskRequest(task.id(), trigger))
                .withAmountOfRetries(0)
                .withLabels("task", task.type().id().replace("async_tournament_", ""));
    }

    /**
     * A one-off run like {@link #oneOffRun(TaskDefinition, String)}, over these tournaments only.
     *
     * @param tournamentIds the tournaments the run covers instead of the task's own
     */
    public static JobBuilder oneOffRun(TaskDefinition task, String trigger, List<Long> tournamentIds) {
        return JobBuilder.aJob()
                .withName(task.name() + " (tournament(s) " + tournamentIds + ")")
                .withJobRequest(new TaskRequest(task.id(), trigger, tournamentIds))
                .withAmountOfRetries(0)
                .withLabels("task", task.type().id().replace("async_tournament_", ""));
    }

    /**
     * Enqueues now the occurrences of the tasks' recurring jobs that JobRunr scheduled for an instant already past
     * (JobRunr's own job server does the same on its next poll; doing it before that server starts lets its first
     * poll pick them up). An occurrence another server changed meanwhile is left to it.
     *
     * @return the task ids of the occurrences enqueued
     */
    public List<String> enqueueDue(Instant now) {
        List<String> enqueued = new ArrayList<>();
        for (Job job : storage.getScheduledJobs(now, new AmountRequest("updatedAt:ASC", PAGE))) {
            if (job.getRecurringJobId().isEmpty()) {
                continue;
            }
            try {
                job.enqueue();
                storage.save(job);
                enqueued.add(job.getRecurringJobId().get().strip());
            } catch (ConcurrentJobModificationException e) {
                log.debug("Occurrence {} changed under us", job.getId(), e);
            }
        }
        return enqueued;
    }

    /**
     * True when a run of the task is scheduled, enqueued or processing in JobRunr now: an occurrence of its recurring
     * job or a one-off run ({@link #enqueueOnce}). A job still marked processing but not updated since
     * {@code orphanedBefore} does not count: its job server is gone (JobRunr fails such orphans itself, on its
     * master's next poll).
     */
    public boolean hasPendingRun(String taskId, Instant orphanedBefore) {
        for (StateName state : List.of(StateName.SCHEDULED, StateName.ENQUEUED, StateName.PROCESSING)) {
            for (Job job : storage.getJobList(state, new AmountRequest("updatedAt:ASC", PAGE))) {
                boolean orphan = state == StateName.PROCESSING && job.getUpdatedAt().isBefore(orphanedBefore);
                if (!orphan && (job.getRecurringJobId().map(String::strip).filter(taskId::equals).isPresent()
                        || runsTask(job, taskId))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean runsTask(Job job, String taskId) {
        Object[] parameters = job.getJobDetails().getJobParameterValues();
        return parameters.length == 1 && parameters[0] instanceof TaskRequest request
                && taskId.equals(request.getTaskId());
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
