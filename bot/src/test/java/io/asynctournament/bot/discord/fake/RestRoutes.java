package io.asynctournament.bot.discord.fake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Discord's REST API as the fake serves it: one method per resource, paths split on '/' below /api/v10/. */
final class RestRoutes {
    private final FakeDiscord discord;

    RestRoutes(FakeDiscord discord) {
        this.discord = discord;
    }

    Reply handle(String method, List<String> p, String query, String body) {
        String root = p.isEmpty() ? "" : p.get(0);
        return switch (root) {
            case "users" -> users(method, p, body);
            case "oauth2" -> method.equals("GET") && p.equals(List.of("oauth2", "applications", "@me"))
                    ? Reply.ok(discord.applicationInfo()) : Reply.notFound();
            case "applications" -> applications(method, p, body);
            case "interactions" -> interactionCallback(method, p, query, body);
            case "webhooks" -> webhooks(method, p, query, body);
            case "channels" -> channels(method, p, body);
            case "guilds" -> guilds(method, p);
            case "gateway" -> gateway(method, p);
            default -> Reply.notFound();
        };
    }

    private Reply users(String method, List<String> p, String body) {
        if (method.equals("POST") && p.equals(List.of("users", "@me", "channels"))) {
            Object recipient = Json.parseObject(body).get("recipient_id");
            long userId = recipient == null ? -1 : parseId(recipient.toString());
            Optional<FakeMember> member = discord.guildList().stream().flatMap(g -> g.memberById(userId).stream())
                    .findFirst();
            if (member.isEmpty()) {
                return Reply.error(400, 50033, "Invalid Recipient(s)");
            }
            return Reply.ok(Payloads.dmChannel(discord.dmChannelOf(userId),
                    Payloads.user(userId, member.get().name(), false)));
        }
        if (method.equals("GET") && p.size() == 2 && p.get(1).equals("@me")) {
            return discord.tokenRejected()
                    ? Reply.error(401, 0, "401: Unauthorized")
                    : Reply.ok(discord.selfUserJson());
        }
        return Reply.notFound();
    }

    private Reply gateway(String method, List<String> p) {
        if (!method.equals("GET")) {
            return Reply.notFound();
        }
        if (p.size() == 1) {
            return Reply.ok(Map.of("url", discord.gatewayUrl()));
        }
        Map<String, Object> limit = Map.of("total", 1000, "remaining", 999, "reset_after", 0, "max_concurrency", 1);
        return Reply.ok(Map.of("url", discord.gatewayUrl(), "shards", 1, "session_start_limit", limit));
    }

    private Reply applications(String method, List<String> p, String body) {
        if (p.size() == 2 && p.get(1).equals("@me")) {
            return method.equals("GET") ? Reply.ok(discord.applicationInfo()) : Reply.notFound();
        }
        if (p.size() < 3 || !p.get(1).equals(Long.toUnsignedString(discord.applicationId()))) {
            return Reply.error(404, 10002, "Unknown Application");
        }
        if (p.get(2).equals("commands")) {
            return commands(method, 0L, p.subList(3, p.size()), body);
        }
        if (p.get(2).equals("guilds") && p.size() >= 5 && p.get(4).equals("commands")) {
            long guildId = parseId(p.get(3));
            if (discord.findGuild(guildId).isEmpty()) {
                return Reply.error(403, 50001, "Missing Access");
            }
            return commands(method, guildId, p.subList(5, p.size()), body);
        }
        return Reply.notFound();
    }

    private Reply commands(String method, long guildId, List<String> rest, String body) {
        CommandRegistry commands = discord.commands();
        if (rest.isEmpty()) {
            return switch (method) {
                case "GET" -> Reply.ok(commands.list(guildId));
                case "PUT" -> Reply.ok(commands.overwrite(guildId, Json.parseArray(body)));
                case "POST" -> Reply.created(commands.upsert(guildId, Json.parseObject(body)));
                default -> Reply.notFound();
            };
        }
        if (rest.size() != 1 || rest.get(0).equals("permissions")) {
            return rest.get(0).equals("permissions") && method.equals("GET") ? Reply.ok(List.of()) : Reply.notFound();
        }
        long commandId = parseId(rest.get(0));
        Optional<Map<String, Object>> result = switch (method) {
            case "GET" -> commands.get(guildId, commandId);
            case "PATCH" -> commands.edit(guildId, commandId, Json.parseObject(body));
            case "DELETE" -> commands.delete(guildId, commandId) ? Optional.of(Map.of()) : Optional.empty();
            default -> null;
        };
        if (result == null) {
            return Reply.notFound();
        }
        if (result.isEmpty()) {
            return Reply.error(404, 10063, "Unknown application command");
        }
        return method.equals("DELETE") ? Reply.noContent() : Reply.ok(result.get());
    }

    private Reply interactionCallback(String method, List<String> p, String query, String body) {
        if (!method.equals("POST") || p.size() != 4 || !p.get(3).equals("callback")) {
            return Reply.notFound();
        }
        Optional<PendingInteraction> pending = discord.interactions().byToken(p.get(2))
                .filter(i -> Long.toUnsignedString(i.id).equals(p.get(1)));
        if (pending.isEmpty()) {
            return Reply.error(404, 10062, "Unknown interaction");
        }
        Map<String, Object> response = discord.interactions().callback(pending.get(), Json.parseObject(body));
        if (response == null) {
            return Reply.error(400, 40060, "Interaction has already been acknowledged.");
        }
        return query.contains("with_response=true") ? Reply.ok(response) : Reply.noContent();
    }

    private Reply webhooks(String method, List<String> p, String query, String body) {
        if (p.size() < 3 || !p.get(1).equals(Long.toUnsignedString(discord.applicationId()))) {
            return Reply.error(404, 10015, "Unknown Webhook");
        }
        Optional<PendingInteraction> found = discord.interactions().byToken(p.get(2));
        if (found.isEmpty() || found.get().callback == null) {
            return Reply.error(404, 10015, "Unknown Webhook");
        }
        PendingInteraction pending = found.get();
        InteractionTracker tracker = discord.interactions();
        if (p.size() == 3 && method.equals("POST")) {
            Map<String, Object> message = tracker.followUp(pending, Json.parseObject(body));
            return query.contains("wait=true") ? Reply.ok(message) : Reply.noContent();
        }
        if (p.size() != 5 || !p.get(3).equals("messages")) {
            return Reply.notFound();
        }
        String messageId = p.get(4);
        Optional<Map<String, Object>> result = switch (method) {
            case "GET" -> tracker.get(pending, messageId);
            case "PATCH" -> tracker.edit(pending, messageId, Json.parseObject(body));
            case "DELETE" -> tracker.delete(pending, messageId) ? Optional.of(Map.of()) : Optional.empty();
            default -> null;
        };
        if (result == null) {
            return Reply.notFound();
        }
        if (result.isEmpty()) {
            return Reply.error(404, 10008, "Unknown Message");
        }
        return method.equals("DELETE") ? Reply.noContent() : Reply.ok(result.get());
    }

    private Reply channels(String method, List<String> p, String body) {
        if (p.size() < 2) {
            return Reply.notFound();
        }
        Optional<FakeChannel> found = discord.findChannel(parseId(p.get(1)));
        Optional<Long> dmUser = discord.dmUserOf(parseId(p.get(1)));
        if (found.isEmpty() && dmUser.isPresent()) {
            return dmMessages(method, parseId(p.get(1)), dmUser.get(), p.subList(2, p.size()), body);
        }
        if (found.isEmpty()) {
            return Reply.error(404, 10003, "Unknown Channel");
        }
        FakeChannel channel = found.get();
        List<String> rest = p.subList(2, p.size());
        if (rest.isEmpty()) {
            return switch (method) {
                case "GET" -> Reply.ok(Payloads.channel(channel));
                case "PATCH" -> channel.isThread() ? editThread(channel, Json.parseObject(body)) : Reply.notFound();
                case "DELETE" -> channel.isThread() ? deleteThread(channel) : Reply.notFound();
                default -> Reply.notFound();
            };
        }
        return switch (rest.get(0)) {
            case "messages" -> messages(method, channel, rest.subList(1, rest.size()), body);
            case "threads" -> rest.size() == 1 && method.equals("POST")
                    ? createThread(channel, 0L, Json.parseObject(body)) : Reply.notFound();
            case "thread-members" -> threadMember(method, channel, rest);
            case "typing", "pins" -> Reply.noContent();
            default -> Reply.notFound();
        };
    }

    private Reply messages(String method, FakeChannel channel, List<String> rest, String body) {
        MessageStore store = discord.messages();
        if (rest.isEmpty() && method.equals("POST") && channel.isThread() && channel.archived()) {
            // Discord: a message sent to an archived thread unarchives it, unless it is locked
            if (channel.locked()) {
                return Reply.error(400, 50083, "Thread is archived");
            }
            channel.archived(false);
        }
        if (rest.isEmpty()) {
            return switch (method) {
                case "POST" -> Reply.ok(store.create(channel, discord.botAuthor(), Json.parseObject(body)));
                case "GET" -> Reply.ok(newestFirst(store.inChannel(channel.id())));
                default -> Reply.notFound();
            };
        }
        if (rest.get(0).equals("pins")) {
            return Reply.noContent();
        }
        long messageId = parseId(rest.get(0));
        if (rest.size() >= 2) {
            return switch (rest.get(1)) {
                case "threads" -> method.equals("POST")
                        ? createThread(channel, messageId, Json.parseObject(body)) : Reply.notFound();
                case "reactions" -> Reply.noContent();
                default -> Reply.notFound();
            };
        }
        Optional<Map<String, Object>> result = switch (method) {
            case "GET" -> store.get(channel.id(), messageId);
            case "PATCH" -> store.edit(channel.id(), messageId, Json.parseObject(body));
            case "DELETE" -> store.delete(channel.id(), messageId) ? Optional.of(Map.of()) : Optional.empty();
            default -> null;
        };
        if (result == null) {
            return Reply.notFound();
        }
        if (result.isEmpty()) {
            return Reply.error(404, 10008, "Unknown Message");
        }
        return method.equals("DELETE") ? Reply.noContent() : Reply.ok(result.get());
    }

    /** A DM channel: messages can be posted (403 50007 when the user closed their DMs) and read back. */
    private Reply dmMessages(String method, long channelId, long userId, List<String> rest, String body) {
        if (rest.size() != 1 || !rest.get(0).equals("messages")) {
            return rest.isEmpty() && method.equals("GET") ? Reply.notFound() : Reply.notFound();
        }
        if (method.equals("GET")) {
            return Reply.ok(newestFirst(discord.messages().inChannel(channelId)));
        }
        if (!method.equals("POST")) {
            return Reply.notFound();
        }
        if (discord.dmsClosed(userId)) {
            return Reply.error(403, 50007, "Cannot send messages to this user");
        }
        return Reply.ok(discord.messages().create(channelId, 0L, discord.botAuthor(), Json.parseObject(body)));
    }

    /** Thread creation, from a message (its id becomes the thread's id, as on Discord) or standalone. */
    private Reply createThread(FakeChannel parent, long fromMessageId, Map<String, Object> body) {
        if (parent.isThread()) {
            return Reply.error(400, 50024, "Cannot execute action on this channel type");
        }
        int type = fromMessageId != 0 ? FakeChannel.PUBLIC_THREAD
                : body.get("type") instanceof Number n ? n.intValue() : FakeChannel.PRIVATE_THREAD;
        long id = fromMessageId != 0 ? fromMessageId : Snowflakes.next();
        if (discord.findChannel(id).isPresent()) {
            return Reply.error(400, 160004, "A thread has already been created for this message");
        }
        String name = String.valueOf(body.getOrDefault("name", "thread"));
        FakeGuild guild = parent.guild();
        FakeChannel thread = new FakeChannel(guild, id, name, type, parent.id(), guild.channels().size());
        long botId = discord.botUserId();
        thread.addThreadMember(botId);
        guild.addChannel(thread);
        int archive = body.get("auto_archive_duration") instanceof Number n ? n.intValue() : 1440;
        thread.autoArchiveMinutes(archive);
        if (type == FakeChannel.PRIVATE_THREAD && body.get("invitable") instanceof Boolean invitable) {
            thread.invitable(invitable);
        }
        Map<String, Object> json = Payloads.thread(thread, botId, archive);
        if (fromMessageId != 0) {
            discord.messages().attachThread(parent.id(), fromMessageId, json);
        }
        return Reply.created(json);
    }

    /** {@code PATCH channels/{thread}}: archived, invitable and auto_archive_duration are kept; the thread returned. */
    private Reply editThread(FakeChannel thread, Map<String, Object> body) {
        if (body.get("archived") instanceof Boolean archived) {
            thread.archived(archived);
        }
        if (body.get("invitable") instanceof Boolean invitable) {
            thread.invitable(invitable);
        }
        if (body.get("auto_archive_duration") instanceof Number minutes) {
            thread.autoArchiveMinutes(minutes.intValue());
        }
        return Reply.ok(Payloads.channel(thread));
    }

    /** {@code DELETE channels/{thread}}: the thread and its messages are gone (Discord returns the channel). */
    private Reply deleteThread(FakeChannel thread) {
        Map<String, Object> json = Payloads.channel(thread);
        thread.guild().removeChannel(thread.id());
        return Reply.ok(json);
    }

    private Reply threadMember(String method, FakeChannel thread, List<String> rest) {
        if (!thread.isThread()) {
            return Reply.error(400, 50024, "Cannot execute action on this channel type");
        }
        if (rest.size() != 2) {
            return Reply.notFound();
        }
        long userId = rest.get(1).equals("@me") ? discord.botUserId() : parseId(rest.get(1));
        if (method.equals("PUT")) {
            thread.addThreadMember(userId);
            return Reply.noContent();
        }
        return method.equals("DELETE") ? Reply.noContent() : Reply.notFound();
    }

    private Reply guilds(String method, List<String> p) {
        if (p.size() < 2 || !method.equals("GET")) {
            return Reply.notFound();
        }
        Optional<FakeGuild> guild = discord.findGuild(parseId(p.get(1)));
        if (guild.isEmpty()) {
            return Reply.error(404, 10004, "Unknown Guild");
        }
        if (p.size() == 4 && p.get(2).equals("members")) {
            return guild.get().memberById(parseId(p.get(3)))
                    .map(m -> Reply.ok(Payloads.member(m)))
                    .orElseGet(() -> Reply.error(404, 10007, "Unknown Member"));
        }
        if (p.size() == 3 && p.get(2).equals("channels")) {
            return Reply.ok(guild.get().channels().stream().filter(c -> !c.isThread()).map(Payloads::channel).toList());
        }
        if (p.size() == 3 && p.get(2).equals("roles")) {
            return Reply.ok(guild.get().roles().stream().map(Payloads::role).toList());
        }
        if (p.size() == 2) {
            Map<String, Object> json = new LinkedHashMap<>(Payloads.guildCreate(guild.get()));
            json.keySet().removeAll(List.of("members", "channels", "threads", "presences", "voice_states",
                    "soundboard_sounds", "joined_at", "large", "unavailable", "lazy", "member_count",
                    "stage_instances", "guild_scheduled_events"));
            // the fields of Discord's GuildResponse that GUILD_CREATE leaves out
            json.put("home_header", null);
            json.put("discovery_splash", null);
            json.put("application_id", null);
            json.put("region", "deprecated");
            json.put("widget_enabled", false);
            json.put("widget_channel_id", null);
            json.put("max_presences", null);
            json.put("max_stage_video_channel_users", 50);
            json.put("max_video_channel_users", 25);
            json.put("incidents_data", null);
            json.put("nsfw", false);
            return Reply.ok(json);
        }
        return Reply.notFound();
    }

    private static List<Map<String, Object>> newestFirst(List<Map<String, Object>> messages) {
        List<Map<String, Object>> copy = new java.util.ArrayList<>(messages);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static long parseId(String id) {
        try {
            return Long.parseUnsignedLong(id);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
