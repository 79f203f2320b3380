package io.asynctournament.bot.discord.fake;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interactions dispatched to the bot, by token, and what their callback and webhook requests did: Discord's
 * side of interaction responses (original message, follow-ups, deferral, updates of a component's message).
 */
final class InteractionTracker {
    private final Map<String, PendingInteraction> byToken = new ConcurrentHashMap<>();
    private final Map<Long, PendingInteraction> byId = new ConcurrentHashMap<>();
    private final Map<String, Object> botAuthor;
    private final long applicationId;
    private final MessageStore channelMessages;
    private final java.util.function.Supplier<Instant> idClock;

    /** @param idClock the instant each new interaction's id encodes (Discord's "received at") */
    InteractionTracker(Map<String, Object> botAuthor, long applicationId, MessageStore channelMessages,
            java.util.function.Supplier<Instant> idClock) {
        this.idClock = idClock;
        this.botAuthor = botAuthor;
        this.applicationId = applicationId;
        this.channelMessages = channelMessages;
    }

    PendingInteraction register(long channelId, long guildId) {
        return register(channelId, guildId, InteractionPayloads.COMMAND, null);
    }

    /** Registers an interaction of {@code type}; {@code source} is the message its component is on (or null). */
    PendingInteraction register(long channelId, long guildId, int type, Map<String, Object> source) {
        long id = Snowflakes.at(idClock.get());
        String token = "aW50ZXJhY3Rpb246" + Long.toUnsignedString(id) + "-fake-token";
        PendingInteraction pending = new PendingInteraction(id, token, channelId, guildId, type,
                source == null ? null : Json.copyMap(source), Instant.now());
        byToken.put(token, pending);
        byId.put(id, pending);
        return pending;
    }

    Optional<PendingInteraction> byToken(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    Optional<PendingInteraction> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Handles {@code POST interactions/{id}/{token}/callback}; returns the {@code with_response} body, or null when
     * the interaction is unknown or already acknowledged (Discord answers 10062 / 40060 then).
     */
    synchronized Map<String, Object> callback(PendingInteraction pending, Map<String, Object> body) {
        if (pending.callback != null) {
            return null;
        }
        pending.callbackAt = Instant.now();
        pending.callback = body;
        int type = pending.callbackType();
        // Discord's spec (InteractionCallbackResponse) has a resource only for 4 (message), 7 (update) and 12
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", type);
        if (type == 4 || type == 5) {
            Map<String, Object> data = type == 4 ? pending.callbackData() : Map.of();
            Map<String, Object> message = message(pending, data, 20);
            int flags = pending.ephemeral() ? 64 : 0;
            message.put("flags", type == 5 ? flags | 128 : flags); // 128: LOADING ("is thinking...")
            pending.original = type == 4 ? message : null;
            pending.loading = type == 5 ? message : null;
            if (type == 4) {
                resource.put("message", message);
            }
        } else if (pending.updatesSource()) {
            pending.original = type == 7 ? updateSource(pending, pending.callbackData()) : current(pending);
            if (type == 7) {
                resource.put("message", Json.copyMap(pending.original)); // Discord returns it for UPDATE_MESSAGE only
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        Map<String, Object> interaction = new LinkedHashMap<>();
        interaction.put("id", Long.toUnsignedString(pending.id));
        interaction.put("type", pending.type);
        Object responseMessageId = pending.loading != null
                ? pending.loading.get("id") : pending.original != null ? pending.original.get("id") : null;
        if (responseMessageId != null) {
            interaction.put("response_message_id", responseMessageId);
        }
        interaction.put("response_message_loading", type == 5);
        interaction.put("response_message_ephemeral", pending.ephemeral());
        response.put("interaction", interaction);
        if (resource.containsKey("message")) {
            response.put("resource", resource);
        }
        return response;
    }

    /** {@code POST webhooks/{app}/{token}}: after a deferral the first one replaces the "thinking" message. */
    synchronized Map<String, Object> followUp(PendingInteraction pending, Map<String, Object> body) {
        if (pending.callbackType() == 5 && pending.original == null) {
            Map<String, Object> message = message(pending, body, 20);
            message.put("id", pending.loading.get("id"));
            message.put("flags", flagsOf(body) | (pending.ephemeral() ? 64 : 0));
            pending.original = message;
            return Json.copyMap(message);
        }
        Map<String, Object> message = message(pending, body, 0);
        message.put("flags", flagsOf(body));
        pending.followUps.add(message);
        return Json.copyMap(message);
    }

    /** {@code PATCH webhooks/{app}/{token}/messages/{id}}, {@code @original} included. */
    synchronized Optional<Map<String, Object>> edit(PendingInteraction pending, String messageId,
            Map<String, Object> body) {
        if (pending.updatesSource() && isSource(pending, messageId)) {
            pending.original = updateSource(pending, body);
            pending.sourceEdited = true;
            return Optional.of(Json.copyMap(pending.original));
        }
        Optional<Map<String, Object>> target = find(pending, messageId);
        if (target.isEmpty() && "@original".equals(messageId) && pending.loading != null) {
            Map<String, Object> message = Json.copyMap(pending.loading);
            message.put("flags", pending.ephemeral() ? 64 : 0);
            pending.original = message;
            target = Optional.of(message);
        }
        target.ifPresent(m -> {
            Payloads.applyEdit(m, body);
            m.put("edited_timestamp", Snowflakes.now());
        });
        return target.map(Json::copyMap);
    }

    synchronized Optional<Map<String, Object>> get(PendingInteraction pending, String messageId) {
        Optional<Map<String, Object>> found = find(pending, messageId);
        if (found.isEmpty() && "@original".equals(messageId) && pending.loading != null) {
            found = Optional.of(pending.loading);
        }
        return found.map(Json::copyMap);
    }

    synchronized boolean delete(PendingInteraction pending, String messageId) {
        if (pending.updatesSource() && isSource(pending, messageId) && pending.original != null) {
            deleteSource(pending);
            pending.original = null;
            return true;
        }
        Optional<Map<String, Object>> found = find(pending, messageId);
        found.ifPresent(m -> {
            if (m == pending.original) {
                pending.original = null;
            } else {
                pending.followUps.remove(m);
            }
        });
        return found.isPresent();
    }

    /** Completes the interaction's future once the bot has answered (see {@link FakeDiscord#slash}). */
    void settle(PendingInteraction pending) {
        int type = pending.callbackType();
        boolean done = switch (type) {
            case -1 -> false;
            case 5 -> pending.original != null;
            case 6 -> pending.sourceEdited || !pending.followUps.isEmpty() || pending.source == null;
            default -> true;
        };
        if (done) {
            pending.answered.complete(pending);
        }
    }

    /**
     * A message the bot sent as an interaction response (original or follow-up) of any interaction; the live
     * object, so callers hold the tracker's lock. Originals of updates (6/7) are copies of another message: skipped.
     */
    private Optional<Map<String, Object>> responseMessage(String messageId) {
        for (PendingInteraction other : byId.values()) {
            Optional<Map<String, Object>> found = other.updatesSource()
                    ? other.followUps.stream().filter(m -> messageId.equals(m.get("id"))).findFirst()
                    : find(other, messageId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** A copy of an interaction response message with this id (any interaction), if there is one. */
    synchronized Optional<Map<String, Object>> responseMessageCopy(String messageId) {
        return responseMessage(messageId).map(Json::copyMap);
    }

    private static boolean isSource(PendingInteraction pending, String messageId) {
        return "@original".equals(messageId) || messageId.equals(pending.source.get("id"));
    }

    /** The source message as it is now: from the channel store, an interaction response, or as dispatched. */
    private Map<String, Object> current(PendingInteraction pending) {
        String id = String.valueOf(pending.source.get("id"));
        return channelMessages.get(sourceChannel(pending), parseId(id))
                .or(() -> responseMessage(id).map(Json::copyMap))
                .orElseGet(() -> Json.copyMap(pending.original != null ? pending.original : pending.source));
    }

    /**
     * Applies an edit to the source message wherever the fake keeps it (channel message or interaction response;
     * a message unknown to the fake is edited as a copy) and returns a copy of the result.
     */
    private Map<String, Object> updateSource(PendingInteraction pending, Map<String, Object> body) {
        String id = String.valueOf(pending.source.get("id"));
        Optional<Map<String, Object>> stored = channelMessages.edit(sourceChannel(pending), parseId(id), body);
        if (stored.isPresent()) {
            return stored.get();
        }
        Map<String, Object> message = responseMessage(id)
                .orElseGet(() -> Json.copyMap(pending.original != null ? pending.original : pending.source));
        Payloads.applyEdit(message, body);
        message.put("edited_timestamp", Snowflakes.now());
        return Json.copyMap(message);
    }

    private void deleteSource(PendingInteraction pending) {
        String id = String.valueOf(pending.source.get("id"));
        if (!channelMessages.delete(sourceChannel(pending), parseId(id))) {
            for (PendingInteraction other : byId.values()) { // the response message's owner, not its mirrors
                Optional<Map<String, Object>> found = other.updatesSource() ? Optional.empty() : find(other, id);
                found.ifPresent(m -> {
                    if (m == other.original) {
                        other.original = null;
                    } else {
                        other.followUps.remove(m);
                    }
                });
            }
        }
    }

    private static long sourceChannel(PendingInteraction pending) {
        Object channelId = pending.source.get("channel_id");
        return channelId == null ? pending.channelId : parseId(String.valueOf(channelId));
    }

    private static long parseId(String id) {
        try {
            return Long.parseUnsignedLong(id);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private Optional<Map<String, Object>> find(PendingInteraction pending, String messageId) {
        if ("@original".equals(messageId)) {
            return Optional.ofNullable(pending.original);
        }
        if (pending.original != null && messageId.equals(pending.original.get("id"))) {
            return Optional.of(pending.original);
        }
        return pending.followUps.stream().filter(m -> messageId.equals(m.get("id"))).findFirst();
    }

    private Map<String, Object> message(PendingInteraction pending, Map<String, Object> body, int type) {
        Map<String, Object> message = Payloads.message(
                Snowflakes.next(), pending.channelId, pending.guildId, Json.copyMap(botAuthor), body);
        message.put("type", type);
        message.put("webhook_id", Long.toUnsignedString(applicationId));
        message.put("application_id", Long.toUnsignedString(applicationId));
        return message;
    }

    private static int flagsOf(Map<String, Object> body) {
        return body.get("flags") instanceof Number n ? n.intValue() : 0;
    }
}
