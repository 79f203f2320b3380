package io.asynctournament.bot.config;

import io.asynctournament.bot.discord.DiscordConnection;
import io.asynctournament.bot.notification.NotificationDispatcher;
import io.asynctournament.bot.notification.NotificationText;
import io.asynctournament.bot.notification.RetryBackoff;
import io.asynctournament.db.Database;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;

/**
 * The delivery of the notification outbox in the bot process (README "What racers receive"): the renderers
 * ({@link NotificationText} beans under {@code io.asynctournament.bot.notification.texts}: adding a kind is adding
 * its class) and the {@link NotificationDispatcher}, which starts once logged in to Discord.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.asynctournament.bot.notification.texts")
public class NotificationConfiguration {

    @Bean
    NotificationDispatcher notificationDispatcher(ObjectProvider<DiscordConnection> connection, Database database,
                                                  Clock clock, BotSettings settings, List<NotificationText> texts) {
        return new NotificationDispatcher(() -> {
            DiscordConnection discord = connection.getIfAvailable();
            return discord == null ? null : discord.loggedIn();
        }, database.dataSource(), database.dsl(), clock, settings.notificationPoll(), texts,
                NotificationDispatcher.defaultProcessId(), new RetryBackoff());
    }
}
