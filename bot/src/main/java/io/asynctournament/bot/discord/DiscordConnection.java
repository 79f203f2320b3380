package io.asynctournament.bot.discord;

import io.asynctournament.jobs.errors.UserError;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The bot's Discord connection (JDA), or none when no {@code DISCORD_TOKEN} is set: the scheduler, dashboard and CLI
 * work without Discord. The bot needs no privileged intent: slash commands and buttons arrive as interactions.
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
     * @param listeners  JDA event listeners (slash commands, command registration)
     * @param customizer adjusts the builder (tests point it at a local fake Discord)
     * @throws UserError (bad input) when Discord rejects the token (the process then exits instead of retrying)
     */
    public static DiscordConnection connect(Optional<String> token, List<Object> listeners, JdaCustomizer customizer) {
        if (token.isEmpty()) {
            log.warn("DISCORD_TOKEN is not set: Discord is off. The scheduler, dashboard and CLI run without it.");
            return new DiscordConnection(null);
        }
        try {
            JDABuilder builder = JDABuilder.createLight(token.get(), EnumSet.of(GatewayIntent.GUILD_MESSAGES))
                    .addEventListeners(listeners.toArray());
            JDA jda = customizer.apply(builder).build();
            log.info("Logging in to Discord");
            return new DiscordConnection(jda);
        } catch (InvalidTokenException e) {
            throw UserError.badInput("Discord rejected DISCORD_TOKEN (" + e.getMessage() + "): copy the "
                    + "bot token from the Discord developer portal (your application > Bot > Reset Token)", e);
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
