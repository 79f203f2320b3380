package io.asynctournament.bot.config;

import io.asynctournament.bot.config.CoreConfiguration.DatabaseOwnership;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** Builds the Spring context of the bot process ({@link #forBot}) or of a CLI command ({@link #forCli}). */
public final class BotContext {
    private BotContext() {
    }

    /** Database, tasks, scheduler, dashboard and Discord: the running bot. Owns an embedded data directory. */
    public static AnnotationConfigApplicationContext forBot(BotSettings settings) {
        return build(settings, new DatabaseOwnership(true, "bot"), CoreConfiguration.class,
                SchedulerConfiguration.class, DiscordConfiguration.class);
    }

    /** Database and tasks only; attaches to a running bot's embedded database when there is one. */
    public static AnnotationConfigApplicationContext forCli(BotSettings settings) {
        return build(settings, new DatabaseOwnership(false, "cli"), CoreConfiguration.class);
    }

    private static AnnotationConfigApplicationContext build(BotSettings settings, DatabaseOwnership ownership,
                                                            Class<?>... configurations) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(BotSettings.class, () -> settings);
        context.registerBean(DatabaseOwnership.class, () -> ownership);
        context.register(configurations);
        context.refresh();
        return context;
    }
}
