package io.asynctournament.jobs.scheduling;

import io.asynctournament.jobs.runner.TaskRequest;
import io.asynctournament.jobs.tasks.Schedule;
import io.asynctournament.jobs.tasks.TaskDefinition;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.scheduling.RecurringJobBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.util.Collection;

/**
 * Registers tasks as JobRunr recurring jobs: id = task id, the task's readable name, its schedule, and 0 retries (a
 * sweep's next tick is its retry, so a failing task never causes a retry storm).
 */
public final class RecurringTaskRegistrar {
    private static final Logger log = LoggerFactory.getLogger(RecurringTaskRegistrar.class);

    private final JobRequestScheduler scheduler;

    public RecurringTaskRegistrar(JobRequestScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Creates or replaces the recurring job of each task. */
    public void registerAll(Collection<TaskDefinition> tasks) {
        tasks.forEach(this::register);
    }

    /** Creates or replaces the recurring job of one task. */
    public void register(TaskDefinition task) {
        RecurringJobBuilder builder = RecurringJobBuilder.aRecurringJob()
                .withId(task.id())
                .withName(task.name())
                .withJobRequest(new TaskRequest(task.id()))
                .withAmountOfRetries(0)
                .withLabels("task", task.type().id().replace("async_tournament_", ""));
        if (task.schedule() instanceof Schedule.Interval interval) {
            builder.withInterval(interval.interval()).withZoneId(ZoneOffset.UTC);
        } else if (task.schedule() instanceof Schedule.Cron cron) {
            builder.withCron(cron.expression()).withZoneId(cron.zone());
        }
        scheduler.createRecurrently(builder);
        log.info("Recurring job {} registered: {}", task.id(), task.schedule().describe());
    }
}
