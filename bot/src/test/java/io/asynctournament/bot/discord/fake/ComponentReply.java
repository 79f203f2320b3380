package io.asynctournament.bot.discord.fake;

import java.util.Map;

/**
 * How the bot answered a button click, a select menu choice or a submitted modal: a reply (callback type 4), a
 * deferred reply (5, then a follow-up or edit), a deferred update (6, then an edit of the component's message or
 * a follow-up), an update of the component's message (7) or a modal (9).
 */
public final class ComponentReply extends InteractionReply {

    ComponentReply(PendingInteraction interaction) {
        super(interaction);
    }

    /** Whether the bot deferred (5 deferred reply, 6 deferred update). */
    @Override
    public boolean deferred() {
        return callbackType() == 5 || callbackType() == 6;
    }

    /**
     * The component's message as the bot updated it: after callback 7, or after the webhook edit of
     * {@code @original} that followed a deferred update (6); empty if the bot replied instead.
     */
    public Map<String, Object> updatedMessage() {
        boolean updated = callbackType() == 7 || (callbackType() == 6 && interaction.sourceEdited);
        return updated && interaction.original != null ? interaction.original : Map.of();
    }
}
