package io.asynctournament.db.task;

import java.time.Instant;
import java.util.Map;

/**
 * A task's stored settings: admin overrides of a built-in (null = the code default) or a guild instance's own.
 *
 * @param id              task id (a built-in's is its type id; a guild instance's {@code <type>.guild-<discord id>})
 * @param type            task type id
 * @param guildId         the guild row of a guild instance, null for a built-in
 * @param discordGuildId  that guild's Discord id, null for a built-in
 * @param active          false when paused, true when resumed, null for the default (active)
 * @param intervalSeconds an interval schedule in seconds, or null
 * @param cron            a cron schedule, or null
 * @param cronZone        the cron schedule's zone id, or null for UTC
 * @param config          the config keys set here
 * @param registered      true once its recurring job was put in JobRunr (so a missing one was deleted by someone)
 * @param pauseReason     why it is paused, or null
 * @param updatedAt       UTC instant of the last change
 * @param updatedBy       who made it
 */
public record TaskSettingRow(String id, String type, Long guildId, Long discordGuildId, Boolean active,
                             Integer intervalSeconds, String cron, String cronZone, Map<String, Object> config,
                             boolean registered, String pauseReason, Instant updatedAt, String updatedBy) {
    public TaskSettingRow {
        config = Map.copyOf(config);
    }
}
