package io.asynctournament.bot.config;

import io.asynctournament.bot.discord.DiscordConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Discord connection of the bot process (off without DISCORD_TOKEN). */
@Configuration(proxyBeanMethods = false)
public class DiscordConfiguration {

    @Bean(destroyMethod = "close")
    DiscordConnection discordConnection(BotSettings settings) {
        return DiscordConnection.connect(settings.discordToken());
    }
}
