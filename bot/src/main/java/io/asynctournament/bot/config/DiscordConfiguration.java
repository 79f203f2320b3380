package io.asynctournament.bot.config;

import io.asynctournament.bot.discord.CommandRegistrar;
import io.asynctournament.bot.discord.DiscordConnection;
import io.asynctournament.bot.discord.JdaCustomizer;
import io.asynctournament.bot.discord.LoginBackoff;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.InteractionRouter;
import io.asynctournament.bot.discord.interaction.ModalHandler;
import io.asynctournament.bot.discord.interaction.SlashCommandHandler;
import io.asynctournament.bot.discord.interaction.StringSelectHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Discord side of the bot process: the connection (off without DISCORD_TOKEN; retried in the background while
 * Discord cannot be reached), the interaction router and the
 * slash-command registration. Handlers (slash commands, buttons, selects, modals) are {@code @Component} classes
 * under {@code io.asynctournament.bot.discord}, found by type: adding one is adding its class (README "How it is
 * built").
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.asynctournament.bot.discord")
public class DiscordConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService discordWorkers() {
        return Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "discord-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Where the handlers that wait on Discord's scarce rate limits run (Confirm: thread creation, 10 per 10 s per
     * channel), so that a start wave does not hold up every other answer (BENCHMARKS.md, "Start wave").
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService discordRateLimitedWorkers() {
        return Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "discord-rate-limited-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    InteractionRouter interactionRouter(ObjectProvider<SlashCommandHandler> commands,
                                        ObjectProvider<ButtonHandler> buttons,
                                        ObjectProvider<StringSelectHandler> selects,
                                        ObjectProvider<ModalHandler> modals, BotSettings settings,
                                        ExecutorService discordWorkers,
                                        ExecutorService discordRateLimitedWorkers) {
        return new InteractionRouter(commands.orderedStream().toList(), buttons.orderedStream().toList(),
                selects.orderedStream().toList(), modals.orderedStream().toList(), settings.discord().operators(),
                discordWorkers, discordRateLimitedWorkers);
    }

    @Bean(destroyMethod = "close")
    DiscordConnection discordConnection(BotSettings settings, InteractionRouter router,
                                        ObjectProvider<JdaCustomizer> customizer,
                                        ObjectProvider<LoginBackoff> backoff) {
        List<Object> listeners = List.of(router, new CommandRegistrar(router.commands().stream()
                .map(SlashCommandHandler::definition).toList(), settings.discord().guildScoped()));
        return DiscordConnection.connect(settings.discord().token(), listeners,
                customizer.getIfAvailable(() -> JdaCustomizer.NONE),
                backoff.getIfAvailable(() -> LoginBackoff.DEFAULT));
    }
}
