package io.asynctournament.bot.discord.fake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * State of one dispatched interaction: the requests made with its id/token, its callback, its original response
 * message and a future completed once the bot has answered. A component interaction (or a modal submitted from a
 * message) also knows its {@code source} message, which callback types 6 and 7 update.
 */
final class PendingInteraction {
    final long id;
    final String token;
    final long channelId;
    final long guildId;
    final int type; // interaction type: 2 command, 3 component, 4 autocomplete, 5 modal submit
    final Map<String, Object> source; // the message the component is on, as dispatched; null if none
    volatile Instant dispatchedAt;
    final List<ApiRequest> requests = new CopyOnWriteArrayList<>();
    final CompletableFuture<PendingInteraction> answered = new CompletableFuture<>();
    volatile Map<String, Object> callback; // the callback request body: {type, data}
    volatile Instant callbackAt;
    volatile Map<String, Object> original; // the original response message (for types 6/7: the updated source)
    volatile Map<String, Object> loading; // the "is thinking..." message of a deferred reply
    volatile boolean sourceEdited; // the source message was edited through the webhook after a deferred update
    final List<Map<String, Object>> followUps = new CopyOnWriteArrayList<>();

    PendingInteraction(long id, String token, long channelId, long guildId, Instant dispatchedAt) {
        this(id, token, channelId, guildId, InteractionPayloads.COMMAND, null, dispatchedAt);
    }

    PendingInteraction(long id, String token, long channelId, long guildId, int type, Map<String, Object> source,
            Instant dispatchedAt) {
        this.id = id;
        this.token = token;
        this.channelId = channelId;
        this.guildId = guildId;
        this.type = type;
        this.source = source;
        this.dispatchedAt = dispatchedAt;
    }

    int callbackType() {
        return callback == null ? -1 : ((Number) callback.getOrDefault("type", -1)).intValue();
    }

    Map<String, Object> callbackData() {
        return callback == null ? Map.of() : Json.asMap(callback.get("data"));
    }

    boolean ephemeral() {
        Object flags = callbackData().get("flags");
        return flags instanceof Number n && (n.intValue() & 64) != 0;
    }

    /** Whether the callback updates the source message (6 deferred update, 7 update) instead of replying. */
    boolean updatesSource() {
        int callbackType = callbackType();
        return source != null && (callbackType == 6 || callbackType == 7);
    }

    /** The message the user sees: the last follow-up, else the original response (or updated source); or empty. */
    Map<String, Object> shownMessage() {
        if (!followUps.isEmpty()) {
            return followUps.get(followUps.size() - 1);
        }
        return original == null ? Map.of() : original;
    }
}
