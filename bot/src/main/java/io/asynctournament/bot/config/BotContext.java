package io.asynctournament.bot.config;

import io.asynctournament.bot.config.CoreConfiguration.DatabaseOwnership;
import io.asynctournament.bot.discord.JdaCustomizer;
import io.asynctournament.bot.discord.LoginBackoff;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** Builds the Spring context of the bot process ({@link #forBot}) or of a CLI command ({@link #forCli}). */
public final class BotContext {
    private BotContext() {
    }

    /** Database, tasks, scheduler, dashboard and Discord: the running bot. Owns an embedded data directory. */
    public static AnnotationConfigApplicationContext forBot(BotSettings settings) {
        return forBot(settings, JdaCustomizer.NONE);
    }

    /**
     * The running bot, with JDA's builder adjusted (tests point it at a local fake Discord).
     *
     * @param extraComponents more beans, such as interaction handlers a test adds
     */
    public static AnnotationConfigApplicationContext forBot(BotSettings settings, JdaCustomizer customizer,
                                                            Class<?>... extraComponents) {
        return forBot(settings, customizer, LoginBackoff.DEFAULT, extraComponents);
    }

    /**
     * The running bot, with JDA's builder adjusted and the waits between Discord login attempts chosen (tests use
     * short ones).
     *
     * @param extraComponents more beans, such as interaction handlers a test adds
     */
    public static AnnotationConfigApplicationContext forBot(BotSettings settings, JdaCustomizer customizer,
                                                            LoginBackoff backoff, Class<?>... extraComponents) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(JdaCustomizer.class, () -> customizer);
        context.registerBean(LoginBackoff.class, () -> backoff);
        for (Class<?> component : extraComponents) {
            context.registerBean(component);
        }
        return build(context, settings, new DatabaseOwnership(true, "bot"), CoreConfiguration.class,
                SchedulerConfiguration.class, DiscordConfiguration.class, NotificationConfiguration.class,
                NotificationMaintenanceConfiguration.class);
    }

    /** Database and tasks only; attaches to a running bot's embedded database when there is one. */
    public static AnnotationConfigApplicationContext forCli(BotSettings settings) {
        return forCli(settings, false);
    }

    /**
     * Database and tasks only, for a CLI command; with {@code existingOnly} (commands that only read) an embedded data
     * directory without a database is refused (an {@code IllegalArgumentException}, exit code 2) and none is created.
     */
    public static AnnotationConfigApplicationContext forCli(BotSettings settings, boolean existingOnly) {
        return build(new AnnotationConfigApplicationContext(), settings,
                new DatabaseOwnership(false, existingOnly, "cli"), CoreConfiguration.class);
    }

    private static AnnotationConfigApplicationContext build(AnnotationConfigApplicationContext context,
                                                            BotSettings settings, DatabaseOwnership ownership,
                                                            Class<?>... configurations) {
        context.registerBean(BotSettings.class, () -> settings);
        context.registerBean(DatabaseOwnership.class, () -> ownership);
        context.register(configurations);
        context.refresh();
        return context;
    }
}
