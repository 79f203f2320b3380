package io.asynctournament.bot.discord.fake;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the bot answered a slash command: immediate reply (callback type 4) or deferred (type 5) followed by a
 * follow-up or an edit of the original; the message shown to the user is the latest original/follow-up.
 */
public final class SlashReply {
    private final PendingInteraction interaction;

    SlashReply(PendingInteraction interaction) {
        this.interaction = interaction;
    }

    /** The callback type the bot used: 4 reply, 5 deferred reply, 9 modal, ... */
    public int callbackType() {
        return interaction.callbackType();
    }

    public boolean deferred() {
        return interaction.callbackType() == 5;
    }

    /** Whether the reply (or the deferral, which decides for the original) carried the EPHEMERAL flag. */
    public boolean ephemeral() {
        return interaction.ephemeral();
    }

    /** Content of the message the user sees: the last follow-up, else the original response. */
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

    /** The message the user sees (see {@link #content()}), a JSON map; empty for a modal. */
    public Map<String, Object> message() {
        List<Map<String, Object>> followUps = interaction.followUps;
        if (!followUps.isEmpty()) {
            return followUps.get(followUps.size() - 1);
        }
        return interaction.original == null ? Map.of() : interaction.original;
    }

    /** The original response message (for a deferred reply: once edited or replaced by the first follow-up). */
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
        return "SlashReply[type=" + callbackType() + ", ephemeral=" + ephemeral() + ", content=" + content()
                + ", embeds=" + embeds() + "]";
    }
}
