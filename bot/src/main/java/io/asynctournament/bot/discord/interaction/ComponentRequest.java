package io.asynctournament.bot.discord.interaction;

import java.util.List;

/**
 * A button press or a select choice as its handler gets it.
 *
 * @param id        the parsed component id (its arguments say what it acts on)
 * @param caller    who pressed it
 * @param channelId the channel (or thread) of the message
 * @param messageId the message the component is on
 * @param values    the chosen values of a select; empty for a button
 * @param receivedAt when Discord received the press (UTC, from the interaction's snowflake id): a racer's time is
 *                   Discord's, never the bot's processing time
 */
public record ComponentRequest(ComponentId id, Caller caller, long channelId, long messageId, List<String> values,
                               java.time.Instant receivedAt) {
    public ComponentRequest {
        values = List.copyOf(values);
    }
}
