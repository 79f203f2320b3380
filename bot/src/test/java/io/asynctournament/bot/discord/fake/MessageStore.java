package io.asynctournament.bot.discord.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Channel messages the bot created through REST (not interaction responses), by id, in creation order.
 *
 * <p>{@code nonce} with {@code enforce_nonce: true}, as Discord's API reference describes it (Create Message): a
 * message whose nonce the same author used in the same channel within the last {@link #NONCE_WINDOW} is not created
 * again; the first message is returned instead. The nonce is echoed in the message.
 */
final class MessageStore {
    /** How long a nonce is remembered: Discord says "the past few minutes"; the fake takes 3. */
    static final java.time.Duration NONCE_WINDOW = java.time.Duration.ofMinutes(3);
    private final Map<Long, Map<String, Object>> messages = new LinkedHashMap<>();
    private final Map<String, Long> nonces = new java.util.HashMap<>(); // channel/author/nonce -> message id
    private final Map<String, Long> nonceTimes = new java.util.HashMap<>(); // same key -> epoch millis
    private int nonceReplays;

    synchronized Map<String, Object> create(FakeChannel channel, Map<String, Object> author, Map<String, Object> body) {
        return create(channel.id(), channel.guild().id(), author, body);
    }

    /** A message in a channel of a guild (0: a DM channel). */
    synchronized Map<String, Object> create(long channelId, long guildId, Map<String, Object> author,
                                            Map<String, Object> body) {
        Object nonce = body.get("nonce");
        String key = nonce == null ? null : channelId + "/" + author.get("id") + "/" + nonce;
        long now = System.currentTimeMillis();
        if (key != null && Boolean.TRUE.equals(body.get("enforce_nonce")) && nonces.containsKey(key)
                && now - nonceTimes.get(key) <= NONCE_WINDOW.toMillis()) {
            Map<String, Object> first = messages.get(nonces.get(key));
            if (first != null) {
                nonceReplays++;
                return Json.copyMap(first);
            }
        }
        long id = Snowflakes.next();
        Map<String, Object> message = Payloads.message(id, channelId, guildId, author, body);
        if (nonce != null) {
            message.put("nonce", Json.copy(nonce));
            nonces.put(key, id);
            nonceTimes.put(key, now);
        }
        messages.put(id, message);
        return Json.copyMap(message);
    }

    /** How many creates were answered with an earlier message of the same nonce (enforce_nonce). */
    synchronized int nonceReplays() {
        return nonceReplays;
    }

    synchronized Optional<Map<String, Object>> get(long channelId, long messageId) {
        return find(channelId, messageId).map(Json::copyMap);
    }

    synchronized Optional<Map<String, Object>> edit(long channelId, long messageId, Map<String, Object> body) {
        Optional<Map<String, Object>> message = find(channelId, messageId);
        message.ifPresent(m -> {
            Payloads.applyEdit(m, body);
            m.put("edited_timestamp", Snowflakes.now());
        });
        return message.map(Json::copyMap);
    }

    synchronized boolean delete(long channelId, long messageId) {
        return find(channelId, messageId).map(m -> messages.remove(messageId) != null).orElse(false);
    }

    /** Marks a message as the starter of a thread (Discord adds the thread to the message). */
    synchronized void attachThread(long channelId, long messageId, Map<String, Object> thread) {
        find(channelId, messageId).ifPresent(m -> m.put("thread", Json.copy(thread)));
    }

    synchronized List<Map<String, Object>> inChannel(long channelId) {
        List<Map<String, Object>> result = new ArrayList<>();
        String id = Long.toUnsignedString(channelId);
        for (Map<String, Object> message : messages.values()) {
            if (id.equals(message.get("channel_id"))) {
                result.add(Json.copyMap(message));
            }
        }
        return result;
    }

    private Optional<Map<String, Object>> find(long channelId, long messageId) {
        Map<String, Object> message = messages.get(messageId);
        if (message == null || !Long.toUnsignedString(channelId).equals(message.get("channel_id"))) {
            return Optional.empty();
        }
        return Optional.of(message);
    }
}
