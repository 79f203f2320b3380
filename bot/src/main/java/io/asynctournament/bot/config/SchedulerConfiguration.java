package io.asynctournament.bot.config;

import io.asynctournament.dashboard.DashboardServer;
import io.asynctournament.jobs.scheduling.RecurringTaskRegistrar;
import io.asynctournament.jobs.scheduling.SpringJobActivator;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

/**
 * The bot process's scheduling: JobRunr's background job server (jobs resolved through the Spring context), the
 * recurring jobs of the tasks, and the operators' dashboard.
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

    @Bean
    JobRequestScheduler jobRequestScheduler(StorageProvider storage) {
        return new JobRequestScheduler(storage);
    }

    @Bean
    RecurringTaskRegistrar recurringTaskRegistrar(JobRequestScheduler scheduler, TaskCatalog catalog) {
        RecurringTaskRegistrar registrar = new RecurringTaskRegistrar(scheduler);
        registrar.registerAll(catalog.all().stream().map(ResolvedTask::definition).toList());
        return registrar;
    }

    @Bean(destroyMethod = "close")
    DashboardServer dashboardServer(StorageProvider storage, JsonMapper jsonMapper, BotSettings settings) {
        DashboardServer server = new DashboardServer(storage, jsonMapper, settings.dashboard());
        server.start(System.out);
        return server;
    }
}
