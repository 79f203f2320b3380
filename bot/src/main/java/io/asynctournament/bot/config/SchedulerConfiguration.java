package io.asynctournament.bot.config;

import io.asynctournament.dashboard.DashboardServer;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.scheduling.RecurringJobs;
import io.asynctournament.jobs.scheduling.SpringJobActivator;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

/**
 * The bot process's scheduling: JobRunr's background job server (jobs resolved through the Spring context), the
 * tasks' recurring jobs brought in line with their stored state at startup and every two poll intervals after, and the operators'
 * dashboard.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerConfiguration {

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

    @Bean(destroyMethod = "close")
    TaskReconcileLoop taskReconcileLoop(TaskControlService control, RecurringJobs recurringJobs,
                                        BackgroundJobServer server, BotSettings settings) {
        TaskReconcileLoop loop = new TaskReconcileLoop(control, recurringJobs, server,
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
