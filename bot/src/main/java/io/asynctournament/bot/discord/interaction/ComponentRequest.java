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
 */
public record ComponentRequest(ComponentId id, Caller caller, long channelId, long messageId, List<String> values) {
    public ComponentRequest {
        values = List.copyOf(values);
    }
}
