package io.asynctournament.bot.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Optional;

/**
 * The bot's Discord connection (JDA), or none when no {@code DISCORD_TOKEN} is set: the scheduler, dashboard and CLI
 * work without Discord.
 */
public final class DiscordConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiscordConnection.class);

    private final JDA jda; // null when Discord is off

    private DiscordConnection(JDA jda) {
        this.jda = jda;
    }

    /**
     * Logs in with the token, or returns a connection that is off.
     *
     * @throws IllegalStateException when Discord rejects the token
     */
    public static DiscordConnection connect(Optional<String> token) {
        if (token.isEmpty()) {
            log.warn("DISCORD_TOKEN is not set: Discord is off. The scheduler, dashboard and CLI run without it.");
            return new DiscordConnection(null);
        }
        try {
            JDA jda = JDABuilder.createLight(token.get(), EnumSet.of(GatewayIntent.GUILD_MESSAGES))
                    .build();
            log.info("Logging in to Discord");
            return new DiscordConnection(jda);
        } catch (InvalidTokenException e) {
            throw new IllegalStateException("Discord rejected DISCORD_TOKEN: check the bot token in the developer "
                    + "portal (Bot > Reset Token)", e);
        }
    }

    /** The JDA client, when Discord is on. */
    public Optional<JDA> jda() {
        return Optional.ofNullable(jda);
    }

    @Override
    public void close() {
        if (jda != null) {
            jda.shutdown();
        }
    }
}
