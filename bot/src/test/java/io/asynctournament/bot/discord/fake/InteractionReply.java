package io.asynctournament.bot.discord.fake;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the bot answered an interaction: its callback, and the message the user sees (the last follow-up, else the
 * original response). {@link SlashReply} and {@link ComponentReply} add what is particular to their interactions.
 */
public abstract class InteractionReply {
    final PendingInteraction interaction;

    InteractionReply(PendingInteraction interaction) {
        this.interaction = interaction;
    }

    /** The callback type: 4 reply, 5 deferred reply, 6 deferred update, 7 update message, 9 modal. */
    public int callbackType() {
        return interaction.callbackType();
    }

    /** Whether the bot deferred its answer. */
    public abstract boolean deferred();

    /** Whether the reply (or the deferral, which decides for the original) carried the EPHEMERAL flag. */
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
     * The message the user sees, a JSON map: the last follow-up, else the original response (for a component, the
     * component's message as updated); empty for a modal.
     */
    public Map<String, Object> message() {
        return interaction.shownMessage();
    }

    /** The original response (for a deferred reply: once edited or replaced by the first follow-up); else empty. */
    public Map<String, Object> original() {
        return interaction.original == null ? Map.of() : interaction.original;
    }

    /** Follow-up messages created through the interaction webhook, in order. */
    public List<Map<String, Object>> followUps() {
        return List.copyOf(interaction.followUps);
    }

    /** The modal the bot opened (callback type 9), with its custom id, title and text inputs; else AssertionError. */
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
        return getClass().getSimpleName() + "[type=" + callbackType() + ", ephemeral=" + ephemeral() + ", content="
                + content() + ", embeds=" + embeds() + "]";
    }
}
