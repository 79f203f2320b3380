package io.asynctournament.bot.discord.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Channel messages the bot created through REST (not interaction responses), by id, in creation order. */
final class MessageStore {
    private final Map<Long, Map<String, Object>> messages = new LinkedHashMap<>();

    synchronized Map<String, Object> create(FakeChannel channel, Map<String, Object> author, Map<String, Object> body) {
        long id = Snowflakes.next();
        Map<String, Object> message = Payloads.message(id, channel.id(), channel.guild().id(), author, body);
        messages.put(id, message);
        return Json.copyMap(message);
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
