package io.asynctournament.jobs.scheduling;

import org.jobrunr.server.JobActivator;
import org.jobrunr.server.JobActivatorShutdownException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Resolves JobRunr's job handlers (e.g. {@link io.asynctournament.jobs.runner.TaskRequestHandler}) as beans of the
 * Spring context, so they get their dependencies injected. There is no JobRunr module for Spring without Boot.
 */
public final class SpringJobActivator implements JobActivator {
    private final ApplicationContext context;

    public SpringJobActivator(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public <T> T activateJob(Class<T> type) {
        if (context instanceof ConfigurableApplicationContext configurable && !configurable.isActive()) {
            throw new JobActivatorShutdownException("The application context is closed", null);
        }
        return context.getBean(type);
    }
}
