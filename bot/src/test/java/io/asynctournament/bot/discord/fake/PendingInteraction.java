package io.asynctournament.bot.discord.fake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * State of one dispatched interaction: the requests made with its id/token, its callback, its original response
 * message and a future completed once the bot has answered.
 */
final class PendingInteraction {
    final long id;
    final String token;
    final long channelId;
    final long guildId;
    volatile Instant dispatchedAt;
    final List<ApiRequest> requests = new CopyOnWriteArrayList<>();
    final CompletableFuture<PendingInteraction> answered = new CompletableFuture<>();
    volatile Map<String, Object> callback; // the callback request body: {type, data}
    volatile Instant callbackAt;
    volatile Map<String, Object> original; // the original response message, once there is one
    volatile Map<String, Object> loading; // the "is thinking..." message of a deferred reply
    final List<Map<String, Object>> followUps = new CopyOnWriteArrayList<>();

    PendingInteraction(long id, String token, long channelId, long guildId, Instant dispatchedAt) {
        this.id = id;
        this.token = token;
        this.channelId = channelId;
        this.guildId = guildId;
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
}
