package io.asynctournament.bot.discord.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application commands the bot registered, global (guild id 0) and per guild, stored as Discord returns them
 * (with id, application_id, version, type, ...).
 */
final class CommandRegistry {
    private final long applicationId;
    private final Map<Long, List<Map<String, Object>>> byGuild = new LinkedHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    CommandRegistry(long applicationId) {
        this.applicationId = applicationId;
    }

    synchronized List<Map<String, Object>> list(long guildId) {
        return byGuild.getOrDefault(guildId, List.of()).stream().map(Json::copyMap).toList();
    }

    synchronized Optional<Map<String, Object>> get(long guildId, long commandId) {
        return find(guildId, commandId).map(Json::copyMap);
    }

    /** Bulk overwrite (PUT): commands keep their id when name and type match an existing one. */
    synchronized List<Map<String, Object>> overwrite(long guildId, List<Object> definitions) {
        writes.incrementAndGet();
        List<Map<String, Object>> old = byGuild.getOrDefault(guildId, List.of());
        List<Map<String, Object>> stored = new ArrayList<>();
        for (Object definition : definitions) {
            Map<String, Object> in = Json.asMap(definition);
            Long existingId = old.stream()
                    .filter(c -> sameCommand(c, in))
                    .map(c -> Long.parseUnsignedLong((String) c.get("id")))
                    .findFirst()
                    .orElse(null);
            stored.add(normalise(guildId, existingId, in));
        }
        byGuild.put(guildId, stored);
        return list(guildId);
    }

    /** Create (POST): like Discord, a command with the same name and type is replaced. */
    synchronized Map<String, Object> upsert(long guildId, Map<String, Object> definition) {
        writes.incrementAndGet();
        List<Map<String, Object>> commands = byGuild.computeIfAbsent(guildId, g -> new ArrayList<>());
        for (int i = 0; i < commands.size(); i++) {
            if (sameCommand(commands.get(i), definition)) {
                Map<String, Object> replaced =
                        normalise(guildId, Long.parseUnsignedLong((String) commands.get(i).get("id")), definition);
                commands.set(i, replaced);
                return Json.copyMap(replaced);
            }
        }
        Map<String, Object> created = normalise(guildId, null, definition);
        commands.add(created);
        return Json.copyMap(created);
    }

    synchronized Optional<Map<String, Object>> edit(long guildId, long commandId, Map<String, Object> changes) {
        writes.incrementAndGet();
        Optional<Map<String, Object>> existing = find(guildId, commandId);
        existing.ifPresent(command -> {
            Map<String, Object> merged = new LinkedHashMap<>(command);
            merged.putAll(changes);
            Map<String, Object> updated = normalise(guildId, commandId, merged);
            List<Map<String, Object>> commands = byGuild.get(guildId);
            commands.set(commands.indexOf(command), updated);
        });
        return find(guildId, commandId).map(Json::copyMap);
    }

    synchronized boolean delete(long guildId, long commandId) {
        writes.incrementAndGet();
        Optional<Map<String, Object>> existing = find(guildId, commandId);
        existing.ifPresent(command -> byGuild.get(guildId).remove(command));
        return existing.isPresent();
    }

    /** Id of the stored command with this name (guild first, then global), for interaction payloads. */
    synchronized Optional<Long> idOf(long guildId, String name) {
        for (long scope : new long[] {guildId, 0L}) {
            for (Map<String, Object> command : byGuild.getOrDefault(scope, List.of())) {
                if (name.equals(command.get("name")) && type(command) == 1) {
                    return Optional.of(Long.parseUnsignedLong((String) command.get("id")));
                }
            }
        }
        return Optional.empty();
    }

    int writes() {
        return writes.get();
    }

    private Optional<Map<String, Object>> find(long guildId, long commandId) {
        String id = Long.toUnsignedString(commandId);
        return byGuild.getOrDefault(guildId, List.of()).stream()
                .filter(c -> id.equals(c.get("id")))
                .findFirst();
    }

    private static boolean sameCommand(Map<String, Object> a, Map<String, Object> b) {
        return a.get("name") != null && a.get("name").equals(b.get("name")) && type(a) == type(b);
    }

    private static int type(Map<String, Object> command) {
        Object type = command.get("type");
        return type instanceof Number n ? n.intValue() : 1;
    }

    private Map<String, Object> normalise(long guildId, Long existingId, Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Long.toUnsignedString(existingId != null ? existingId : Snowflakes.next()));
        out.put("application_id", Long.toUnsignedString(applicationId));
        out.put("version", Long.toUnsignedString(Snowflakes.next()));
        out.put("type", type(in));
        out.put("name", in.get("name"));
        out.put("name_localizations", in.get("name_localizations"));
        out.put("description", in.get("description") == null ? "" : in.get("description"));
        out.put("description_localizations", in.get("description_localizations"));
        out.put("default_member_permissions", in.get("default_member_permissions"));
        out.put("nsfw", Boolean.TRUE.equals(in.get("nsfw")));
        out.put("options", in.get("options") == null ? List.of() : Json.copy(in.get("options")));
        // Discord stores these as integers; JDA 6.5 sends them as strings ("0")
        out.put("contexts", in.get("contexts") == null ? null : integers(in.get("contexts")));
        out.put("integration_types", in.get("integration_types") == null ? List.of(0)
                : integers(in.get("integration_types")));
        if (guildId != 0) {
            out.put("guild_id", Long.toUnsignedString(guildId));
        } else {
            out.put("dm_permission", !Boolean.FALSE.equals(in.get("dm_permission")));
        }
        return out;
    }

    private static List<Object> integers(Object values) {
        List<Object> out = new ArrayList<>();
        for (Object value : Json.asList(values)) {
            out.add(value instanceof String text && text.matches("\\d+") ? Integer.valueOf(text) : value);
        }
        return out;
    }
}
