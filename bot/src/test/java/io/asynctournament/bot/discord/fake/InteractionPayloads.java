package io.asynctournament.bot.discord.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * INTERACTION_CREATE payloads for application commands (type 2) and autocomplete (type 4), with options and
 * resolved entities as Discord sends them; JDA drops an interaction without guild, channel or member objects.
 */
final class InteractionPayloads {
    private InteractionPayloads() {}

    static final int COMMAND = 2;
    static final int AUTOCOMPLETE = 4;

    /** A parsed command path: "tasks", "tasks pause" or "admin tasks pause" (command, [group], [subcommand]). */
    record CommandPath(String name, String group, String subcommand) {
        static CommandPath parse(String path) {
            String[] parts = path.trim().split("\\s+");
            return switch (parts.length) {
                case 1 -> new CommandPath(parts[0], null, null);
                case 2 -> new CommandPath(parts[0], null, parts[1]);
                case 3 -> new CommandPath(parts[0], parts[1], parts[2]);
                default -> throw new IllegalArgumentException("command path must have 1-3 words: " + path);
            };
        }
    }

    static Map<String, Object> interaction(long applicationId, PendingInteraction pending, int type,
            FakeChannel channel, FakeMember member, Map<String, Object> data) {
        FakeGuild guild = channel.guild();
        String guildId = Long.toUnsignedString(guild.id());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(pending.id));
        json.put("application_id", Long.toUnsignedString(applicationId));
        json.put("type", type);
        json.put("token", pending.token);
        json.put("version", 1);
        json.put("guild_id", guildId);
        json.put("guild", Map.of("id", guildId, "locale", "en-US", "features", List.of()));
        json.put("channel_id", Long.toUnsignedString(channel.id()));
        Map<String, Object> channelJson = new LinkedHashMap<>(Payloads.channel(channel));
        channelJson.put("permissions", Long.toString(member.permissions()));
        json.put("channel", channelJson);
        json.put("member", Payloads.interactionMember(member));
        json.put("locale", "en-US");
        json.put("guild_locale", "en-US");
        json.put("app_permissions", Long.toString(guild.botMember().permissions()));
        json.put("entitlements", List.of());
        json.put("authorizing_integration_owners", Map.of("0", guildId));
        json.put("context", 0);
        json.put("attachment_size_limit", 26214400);
        json.put("data", data);
        return json;
    }

    /**
     * The {@code data} of a slash command: options nested under the subcommand (group), values typed from their
     * Java type, and {@code resolved} entries for members, channels and roles.
     */
    static Map<String, Object> commandData(long commandId, long guildId, CommandPath path, Map<String, Object> options,
            Map<String, Object> focused) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        List<Object> leaf = new ArrayList<>();
        options.forEach((name, value) -> leaf.add(option(name, value, resolved)));
        if (focused != null) {
            leaf.add(focused);
        }
        List<Object> top = leaf;
        if (path.subcommand() != null) {
            top = List.of(Map.of("type", 1, "name", path.subcommand(), "options", leaf));
            if (path.group() != null) {
                top = List.of(Map.of("type", 2, "name", path.group(), "options", top));
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", Long.toUnsignedString(commandId));
        data.put("name", path.name());
        data.put("type", 1);
        if (guildId != 0) {
            data.put("guild_id", Long.toUnsignedString(guildId));
        }
        data.put("options", top);
        if (!resolved.isEmpty()) {
            data.put("resolved", resolved);
        }
        return data;
    }

    /** The focused option of an autocomplete interaction: Discord sends the partial input as a string. */
    static Map<String, Object> focused(String name, int type, String typed) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("name", name);
        option.put("type", type);
        option.put("value", typed);
        option.put("focused", true);
        return option;
    }

    private static Map<String, Object> option(String name, Object value, Map<String, Object> resolved) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("name", name);
        if (value instanceof String s) {
            option.put("type", 3);
            option.put("value", s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            option.put("type", 4);
            option.put("value", ((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            option.put("type", 5);
            option.put("value", b);
        } else if (value instanceof Double || value instanceof Float) {
            option.put("type", 10);
            option.put("value", ((Number) value).doubleValue());
        } else if (value instanceof FakeMember m) {
            option.put("type", 6);
            option.put("value", Long.toUnsignedString(m.userId()));
            String id = Long.toUnsignedString(m.userId());
            section(resolved, "users").put(id, Payloads.user(m.userId(), m.name(), m.bot()));
            Map<String, Object> member = Payloads.interactionMember(m);
            member.remove("user");
            section(resolved, "members").put(id, member);
        } else if (value instanceof FakeChannel c) {
            option.put("type", 7);
            option.put("value", Long.toUnsignedString(c.id()));
            Map<String, Object> channel = new LinkedHashMap<>(Payloads.channel(c));
            channel.put("permissions", Long.toString(FakeGuild.ALL_PERMISSIONS));
            section(resolved, "channels").put(Long.toUnsignedString(c.id()), channel);
        } else if (value instanceof FakeRole r) {
            option.put("type", 8);
            option.put("value", Long.toUnsignedString(r.id()));
            section(resolved, "roles").put(Long.toUnsignedString(r.id()), Payloads.role(r));
        } else if (value instanceof FakeAttachment a) {
            option.put("type", 11);
            option.put("value", Long.toUnsignedString(a.id()));
            section(resolved, "attachments").put(Long.toUnsignedString(a.id()), a.json());
        } else {
            throw new IllegalArgumentException("unsupported option value for " + name + ": " + value);
        }
        return option;
    }

    private static Map<String, Object> section(Map<String, Object> resolved, String key) {
        return Json.asMap(resolved.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>()));
    }
}
