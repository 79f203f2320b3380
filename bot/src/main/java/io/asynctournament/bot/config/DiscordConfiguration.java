package io.asynctournament.bot.config;

import io.asynctournament.bot.commands.TasksInteractionListener;
import io.asynctournament.bot.commands.tasks.TaskAccess;
import io.asynctournament.bot.commands.tasks.TaskGate;
import io.asynctournament.bot.commands.tasks.TasksCommand;
import io.asynctournament.bot.commands.tasks.TasksConfigureSubcommand;
import io.asynctournament.bot.commands.tasks.TasksCreateSubcommand;
import io.asynctournament.bot.commands.tasks.TasksDeleteSubcommand;
import io.asynctournament.bot.commands.tasks.TasksHistorySubcommand;
import io.asynctournament.bot.commands.tasks.TasksListSubcommand;
import io.asynctournament.bot.commands.tasks.TasksPauseSubcommand;
import io.asynctournament.bot.commands.tasks.TasksRescheduleSubcommand;
import io.asynctournament.bot.commands.tasks.TasksResetSubcommand;
import io.asynctournament.bot.commands.tasks.TasksResumeSubcommand;
import io.asynctournament.bot.commands.tasks.TasksRunSubcommand;
import io.asynctournament.bot.discord.CommandRegistrar;
import io.asynctournament.bot.discord.DiscordConnection;
import io.asynctournament.bot.discord.JdaCustomizer;
import io.asynctournament.bot.discord.LoginBackoff;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.tasks.ScheduleParser;
import io.asynctournament.jobs.tasks.TaskCatalog;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Discord side of the bot process: the connection (off without DISCORD_TOKEN; retried in the background while
 * Discord cannot be reached) and the slash commands.
 */
@Configuration(proxyBeanMethods = false)
public class DiscordConfiguration {

    @Bean
    TaskGate taskGate(TaskCatalog catalog, AuditLogRepository audit, DSLContext dsl, Clock clock) {
        return new TaskGate(catalog, new TaskAccess(), audit, dsl, clock);
    }

    @Bean
    TasksCommand tasksCommand(TaskControlService control, TaskGate gate, TaskCatalog catalog, ScheduleParser parser) {
        return new TasksCommand(List.of(
                new TasksListSubcommand(control, gate),
                new TasksPauseSubcommand(control, gate),
                new TasksResumeSubcommand(control, gate),
                new TasksRescheduleSubcommand(control, gate, parser),
                new TasksConfigureSubcommand(control, gate),
                new TasksRunSubcommand(control, gate),
                new TasksHistorySubcommand(control, gate),
                new TasksCreateSubcommand(control, gate),
                new TasksDeleteSubcommand(control, gate),
                new TasksResetSubcommand(control, gate)), gate, catalog);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService discordWorkers() {
        return Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "discord-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean(destroyMethod = "close")
    DiscordConnection discordConnection(BotSettings settings, TasksCommand tasks, ExecutorService discordWorkers,
                                        ObjectProvider<JdaCustomizer> customizer,
                                        ObjectProvider<LoginBackoff> backoff) {
        return DiscordConnection.connect(settings.discord().token(), List.of(
                        new TasksInteractionListener(tasks, settings.discord().operators(), discordWorkers),
                        new CommandRegistrar(List.of(tasks.definition()), settings.discord().guildScoped())),
                customizer.getIfAvailable(() -> JdaCustomizer.NONE),
                backoff.getIfAvailable(() -> LoginBackoff.DEFAULT));
    }
}
