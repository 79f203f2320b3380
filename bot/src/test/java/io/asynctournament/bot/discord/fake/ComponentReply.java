package io.asynctournament.bot.discord.fake;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the bot answered a button click, a select menu choice or a submitted modal: a reply (callback type 4), a
 * deferred reply (5, then a follow-up or edit), a deferred update (6, then an edit of the component's message or
 * a follow-up), an update of the component's message (7) or a modal (9).
 */
public final class ComponentReply {
    private final PendingInteraction interaction;

    ComponentReply(PendingInteraction interaction) {
        this.interaction = interaction;
    }

    /** The callback type: 4 reply, 5 deferred reply, 6 deferred update, 7 update message, 9 modal. */
    public int callbackType() {
        return interaction.callbackType();
    }

    /** Whether the bot deferred (5 deferred reply, 6 deferred update). */
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

    /** Whether the reply (or the deferral) carried the EPHEMERAL flag. */
    public boolean ephemeral() {
        return interaction.ephemeral();
    }

    /** Content of the message the user sees (see {@link #message()}). */
    public String content() {
        Object content = message().get("content");
        return content == null ? "" : content.toString();
    }

    /** Embeds of that message, as raw JSON maps. */
    public List<Map<String, Object>> embeds() {
        return Json.asList(message().get("embeds")).stream().map(Json::asMap).toList();
    }

    /** Components of that message (action rows), as raw JSON maps. */
    public List<Map<String, Object>> components() {
        return Json.asList(message().get("components")).stream().map(Json::asMap).toList();
    }

    /**
     * The message the user sees, a JSON map: the last follow-up, else the reply, else (types 6/7) the component's
     * message as updated; empty for a modal.
     */
    public Map<String, Object> message() {
        return interaction.shownMessage();
    }

    /** The original response: the reply for types 4/5, the updated component message for 6/7; else empty. */
    public Map<String, Object> original() {
        return interaction.original == null ? Map.of() : interaction.original;
    }

    /** Follow-up messages created through the interaction webhook, in order. */
    public List<Map<String, Object>> followUps() {
        return List.copyOf(interaction.followUps);
    }

    /** The modal the bot opened (callback type 9); AssertionError if it answered otherwise. */
    public OpenedModal modal() {
        return OpenedModal.of(interaction);
    }

    /** Time from dispatching INTERACTION_CREATE to the arrival of the callback request. */
    public Duration ackAfter() {
        return Duration.between(interaction.dispatchedAt, interaction.callbackAt);
    }

    /** All REST requests made for this interaction (callback and webhook), live. */
    public List<ApiRequest> requests() {
        return List.copyOf(interaction.requests);
    }

    public long interactionId() {
        return interaction.id;
    }

    public String token() {
        return interaction.token;
    }

    @Override
    public String toString() {
        return "ComponentReply[type=" + callbackType() + ", ephemeral=" + ephemeral() + ", content=" + content()
                + ", embeds=" + embeds() + "]";
    }
}
