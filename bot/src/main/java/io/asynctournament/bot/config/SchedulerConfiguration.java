package io.asynctournament.bot.config;

import io.asynctournament.dashboard.DashboardServer;
import io.asynctournament.db.Database;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.runner.TaskRunner;
import io.asynctournament.jobs.scheduling.MissedTicks;
import io.asynctournament.jobs.scheduling.RecurringJobs;
import io.asynctournament.jobs.scheduling.SpringJobActivator;
import io.asynctournament.jobs.scheduling.TaskTimeliness;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

/**
 * The bot process's scheduling: JobRunr's background job server (jobs resolved through the Spring context) and its
 * supervisor, which starts it again after a database outage, the tasks' recurring jobs brought in line with their
 * stored state at startup and every two poll intervals after, and the operators' dashboard.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SchedulerConfiguration.class);

    @Bean
    JobActivator jobActivator(ApplicationContext context) {
        return new SpringJobActivator(context);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    BackgroundJobServer backgroundJobServer(StorageProvider storage, JsonMapper jsonMapper, JobActivator activator,
                                            BotSettings settings) {
        return new BackgroundJobServer(storage, jsonMapper, activator,
                usingStandardBackgroundJobServerConfiguration().andPollInterval(settings.pollInterval()));
    }

    @Bean
    MissedTicks missedTicks(TaskTimeliness timeliness, RecurringJobs recurringJobs, Clock clock,
                            BotSettings settings) {
        return new MissedTicks(timeliness, recurringJobs, clock, settings.pollInterval());
    }

    /**
     * Runs left {@code running} by a process that was killed are recorded as failed now, not at their task's next
     * run; then the job server is watched, and after JobRunr stopped it (a database outage) runs the outage cut short
     * are recorded as failed, missed ticks are queued and the server is started again.
     */
    @Bean(destroyMethod = "close")
    JobServerSupervisor jobServerSupervisor(BackgroundJobServer server, Database database, TaskRunner runner,
                                            MissedTicks missedTicks) {
        runner.failAbandonedRuns();
        JobServerSupervisor supervisor = new JobServerSupervisor(server, database.dataSource(), () -> {
            runner.failAbandonedRuns();
            missedTicks.catchUp().forEach(line -> log.info("Task {}", line));
        }, Duration.ofSeconds(1));
        supervisor.start();
        return supervisor;
    }

    @Bean(destroyMethod = "close")
    TaskReconcileLoop taskReconcileLoop(TaskControlService control, RecurringJobs recurringJobs,
                                        JobServerSupervisor supervisor, BotSettings settings) {
        TaskReconcileLoop loop = new TaskReconcileLoop(control, recurringJobs, supervisor,
                settings.pollInterval().multipliedBy(2));
        loop.start();
        return loop;
    }

    @Bean(destroyMethod = "close")
    DashboardServer dashboardServer(StorageProvider storage, JsonMapper jsonMapper, BotSettings settings,
                                    Clock clock) {
        DashboardServer server = new DashboardServer(storage, jsonMapper, settings.dashboard(), clock);
        server.start(System.out);
        return server;
    }
}
