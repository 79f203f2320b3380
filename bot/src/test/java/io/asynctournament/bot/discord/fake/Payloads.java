package io.asynctournament.bot.discord.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for the JSON objects Discord sends (users, members, roles, channels, guilds, messages, threads). */
final class Payloads {
    private Payloads() {}

    static Map<String, Object> user(long id, String name, boolean bot) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", Long.toUnsignedString(id));
        user.put("username", name);
        user.put("global_name", bot ? null : name);
        user.put("discriminator", "0");
        user.put("avatar", null);
        user.put("public_flags", 0);
        user.put("flags", 0);
        user.put("bot", bot);
        user.put("primary_guild", null); // required by Discord's spec (UserResponse), null when the user has none
        return user;
    }

    /** The bot's own user, as GET users/@me and READY describe it. */
    static Map<String, Object> selfUser(long id, String name) {
        Map<String, Object> user = user(id, name, true);
        user.put("verified", true);
        user.put("mfa_enabled", false);
        user.put("locale", "en-US");
        user.put("email", null);
        return user;
    }

    static Map<String, Object> member(FakeMember member) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", user(member.userId(), member.name(), member.bot()));
        json.put("nick", null);
        json.put("avatar", null);
        json.put("banner", null);
        json.put("roles", member.roleIds().stream().map(Long::toUnsignedString).toList());
        json.put("joined_at", Snowflakes.timestamp(member.joinedAt()));
        json.put("premium_since", null);
        json.put("deaf", false);
        json.put("mute", false);
        json.put("flags", 0);
        json.put("pending", false);
        json.put("communication_disabled_until", null);
        return json;
    }

    /** The member object inside an interaction: it also carries the member's permissions. */
    static Map<String, Object> interactionMember(FakeMember member) {
        Map<String, Object> json = member(member);
        json.put("permissions", Long.toString(member.permissions()));
        return json;
    }

    static Map<String, Object> role(FakeRole role) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(role.id()));
        json.put("name", role.name());
        json.put("permissions", Long.toString(role.permissions()));
        json.put("position", role.position());
        json.put("color", 0);
        Map<String, Object> colors = new LinkedHashMap<>();
        colors.put("primary_color", 0);
        colors.put("secondary_color", null);
        colors.put("tertiary_color", null);
        json.put("colors", colors);
        json.put("hoist", false);
        json.put("managed", role.managed());
        json.put("mentionable", false);
        json.put("icon", null);
        json.put("unicode_emoji", null);
        json.put("flags", 0);
        if (role.managed()) {
            json.put("tags", Map.of("bot_id", Long.toUnsignedString(role.botId())));
        }
        return json;
    }

    static Map<String, Object> channel(FakeChannel channel) {
        if (channel.isThread()) {
            return thread(channel, channel.guild().botMember().userId(), channel.autoArchiveMinutes());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(channel.id()));
        json.put("type", channel.type());
        json.put("guild_id", Long.toUnsignedString(channel.guild().id()));
        json.put("name", channel.name());
        json.put("position", channel.position());
        json.put("permission_overwrites", channel.botDenied() == 0 ? List.of()
                : List.of(Map.of("id", Long.toUnsignedString(channel.guild().botRoleId()), "type", 0,
                        "allow", "0", "deny", Long.toString(channel.botDenied()))));
        json.put("parent_id", null);
        json.put("topic", null);
        json.put("nsfw", false);
        json.put("last_message_id", null);
        json.put("rate_limit_per_user", 0);
        json.put("flags", 0);
        return json;
    }

    /** A thread channel object, with the bot's own thread-member entry as Discord returns on creation. */
    /** A DM channel with one user (PrivateChannelResponse). */
    static Map<String, Object> dmChannel(long channelId, Map<String, Object> recipient) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(channelId));
        json.put("type", 1);
        json.put("last_message_id", null);
        json.put("flags", 0);
        json.put("recipients", List.of(recipient));
        return json;
    }

    static Map<String, Object> thread(FakeChannel thread, long ownerId, int autoArchiveMinutes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(thread.id()));
        json.put("type", thread.type());
        json.put("guild_id", Long.toUnsignedString(thread.guild().id()));
        json.put("parent_id", Long.toUnsignedString(thread.parentId()));
        json.put("owner_id", Long.toUnsignedString(ownerId));
        json.put("name", thread.name());
        json.put("last_message_id", null);
        json.put("rate_limit_per_user", 0);
        json.put("message_count", 0);
        json.put("total_message_count", 0);
        json.put("member_count", Math.max(1, thread.threadMembers().size()));
        json.put("total_message_sent", 0);
        json.put("flags", 0);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("archived", thread.archived());
        metadata.put("auto_archive_duration", autoArchiveMinutes);
        metadata.put("archive_timestamp", Snowflakes.now());
        metadata.put("locked", thread.locked());
        if (thread.type() == FakeChannel.PRIVATE_THREAD) {
            metadata.put("invitable", thread.invitable());
        }
        metadata.put("create_timestamp", Snowflakes.now());
        json.put("thread_metadata", metadata);
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("id", Long.toUnsignedString(thread.id()));
        member.put("user_id", Long.toUnsignedString(ownerId));
        member.put("join_timestamp", Snowflakes.now());
        member.put("flags", 0);
        json.put("member", member);
        return json;
    }

    /** A full GUILD_CREATE payload, everything JDA's GuildSetupController and EntityBuilder read. */
    static Map<String, Object> guildCreate(FakeGuild guild) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(guild.id()));
        json.put("name", guild.name());
        json.put("icon", null);
        json.put("splash", null);
        json.put("banner", null);
        json.put("description", null);
        json.put("owner_id", Long.toUnsignedString(guild.owner().userId()));
        json.put("afk_channel_id", null);
        json.put("afk_timeout", 300);
        json.put("verification_level", 0);
        json.put("default_message_notifications", 0);
        json.put("explicit_content_filter", 0);
        json.put("mfa_level", 0);
        json.put("nsfw_level", 0);
        json.put("premium_tier", 0);
        json.put("premium_subscription_count", 0);
        json.put("premium_progress_bar_enabled", false);
        json.put("preferred_locale", "en-US");
        json.put("system_channel_id", null);
        json.put("system_channel_flags", 0);
        json.put("rules_channel_id", null);
        json.put("public_updates_channel_id", null);
        json.put("safety_alerts_channel_id", null);
        json.put("vanity_url_code", null);
        json.put("max_members", 500000);
        json.put("features", List.of());
        json.put("roles", guild.roles().stream().map(Payloads::role).toList());
        json.put("emojis", List.of());
        json.put("stickers", List.of());
        json.put("soundboard_sounds", List.of());
        json.put("joined_at", Snowflakes.now());
        json.put("large", false);
        json.put("unavailable", false);
        json.put("lazy", true);
        List<FakeMember> members = guild.members();
        json.put("member_count", members.size());
        json.put("members", members.stream().map(Payloads::member).toList());
        json.put("voice_states", List.of());
        json.put("presences", List.of());
        json.put("channels", guild.textChannels().stream().map(Payloads::channel).toList());
        json.put("threads", List.of());
        json.put("stage_instances", List.of());
        json.put("guild_scheduled_events", List.of());
        return json;
    }

    /** A message object as REST returns it, authored by the bot; the request's fields are copied over. */
    static Map<String, Object> message(
            long id, long channelId, long guildId, Map<String, Object> author, Map<String, Object> request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(id));
        json.put("type", 0);
        json.put("channel_id", Long.toUnsignedString(channelId));
        if (guildId != 0) {
            json.put("guild_id", Long.toUnsignedString(guildId));
        }
        json.put("author", author);
        json.put("content", "");
        json.put("timestamp", Snowflakes.now());
        json.put("edited_timestamp", null);
        json.put("tts", false);
        json.put("mention_everyone", false);
        json.put("mentions", List.of());
        json.put("mention_roles", List.of());
        json.put("attachments", List.of());
        json.put("embeds", List.of());
        json.put("components", List.of());
        json.put("pinned", false);
        json.put("flags", 0);
        applyEdit(json, request);
        return json;
    }

    /** Copies the fields a create/edit request sets onto a stored message, the way Discord echoes them. */
    static void applyEdit(Map<String, Object> message, Map<String, Object> request) {
        for (String key : List.of("content", "tts", "flags")) {
            if (request.containsKey(key) && request.get(key) != null) {
                message.put(key, Json.copy(request.get(key)));
            }
        }
        if (request.get("components") != null) {
            message.put("components", ComponentPayloads.stored(request.get("components")));
        }
        if (request.containsKey("embeds") && request.get("embeds") != null) {
            List<Object> embeds = new ArrayList<>();
            for (Object embed : Json.asList(Json.copy(request.get("embeds")))) {
                Map<String, Object> map = Json.asMap(embed);
                map.putIfAbsent("type", "rich"); // Discord adds the type, JDA's parser requires it
                embeds.add(map);
            }
            message.put("embeds", embeds);
        }
        if (request.containsKey("attachments") && request.get("attachments") != null) {
            List<Object> attachments = new ArrayList<>();
            for (Object attachment : Json.asList(request.get("attachments"))) {
                Map<String, Object> in = Json.asMap(attachment);
                String filename = String.valueOf(in.getOrDefault("filename", "file"));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", Long.toUnsignedString(Snowflakes.next()));
                out.put("filename", filename);
                out.put("size", 0);
                out.put("url", "https://cdn.example.invalid/attachments/" + filename);
                out.put("proxy_url", "https://media.example.invalid/attachments/" + filename);
                attachments.add(out);
            }
            message.put("attachments", attachments);
        }
    }
}
