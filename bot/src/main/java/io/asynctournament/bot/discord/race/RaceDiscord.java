package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.DiscordConnection;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The JDA client for the race handlers, looked up when needed (the connection is built after the handlers: it needs
 * the router, which needs them).
 */
@Component
class RaceDiscord {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RaceDiscord.class);
    private final ObjectProvider<DiscordConnection> connection;

    RaceDiscord(ObjectProvider<DiscordConnection> connection) {
        this.connection = connection;
    }

    /** The client; empty while Discord is off or not logged in yet. */
    Optional<JDA> jda() {
        DiscordConnection discord = connection.getIfAvailable();
        return discord == null ? Optional.empty() : discord.jda();
    }

    /** The client, which a handler answering an interaction always has. */
    JDA require() {
        return jda().orElseThrow(() -> new IllegalStateException("not logged in to Discord"));
    }

    /** An active thread from JDA's cache (archived threads are not kept there). */
    Optional<ThreadChannel> thread(long threadId) {
        return jda().map(j -> j.getThreadChannelById(threadId));
    }

    /**
     * Posts a message in a thread and waits for it; a failure is logged, not thrown (the race's state is already
     * recorded; the racer still gets the interaction's answer).
     */
    void post(long threadId, net.dv8tion.jda.api.utils.messages.MessageCreateData message, String what) {
        try {
            thread(threadId).ifPresentOrElse(thread -> thread.sendMessage(message).complete(),
                    () -> log.warn("Could not post {}: thread {} is not an active thread the bot sees", what, threadId));
        } catch (RuntimeException e) {
            log.warn("Could not post {} in thread {}: {}", what, threadId, reason(e));
        }
    }

    /** What Discord said, in words: "Missing Permissions", else the exception's message. */
    static String reason(Throwable failure) {
        if (failure instanceof ErrorResponseException response) {
            return response.getMeaning();
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
