package io.asynctournament.jobs.control;

import io.asynctournament.db.task.TaskSettingRow;
import io.asynctournament.jobs.tasks.Schedule;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TaskConfigParser;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small transformations of stored task rows, and how the audit log describes them. */
final class TaskRows {
    private TaskRows() {
    }

    static TaskSettingRow withState(TaskSettingRow row, boolean active, boolean registered, String reason) {
        return new TaskSettingRow(row.id(), row.type(), row.guildId(), row.discordGuildId(), active,
                row.intervalSeconds(), row.cron(), row.cronZone(), row.config(), registered, reason, row.updatedAt(),
                row.updatedBy());
    }

    /** The row with this schedule stored in it (an interval in seconds, or a cron expression and its zone). */
    static TaskSettingRow withSchedule(TaskSettingRow row, Schedule schedule) {
        Integer interval = schedule instanceof Schedule.Interval i ? (int) i.interval().toSeconds() : null;
        String cron = schedule instanceof Schedule.Cron c ? c.expression() : null;
        String zone = schedule instanceof Schedule.Cron c ? c.zone().getId() : null;
        return new TaskSettingRow(row.id(), row.type(), row.guildId(), row.discordGuildId(), row.active(), interval,
                cron, zone, row.config(), row.registered(), row.pauseReason(), row.updatedAt(), row.updatedBy());
    }

    /** The row with these config keys set ({@link TaskConfigParser#UNSET} removes a key). */
    static TaskSettingRow withConfigChanges(TaskSettingRow row, Map<String, Object> changes) {
        Map<String, Object> config = new LinkedHashMap<>(row.config());
        applyConfigChanges(config, changes);
        return new TaskSettingRow(row.id(), row.type(), row.guildId(), row.discordGuildId(), row.active(),
                row.intervalSeconds(), row.cron(), row.cronZone(), config, row.registered(), row.pauseReason(),
                row.updatedAt(), row.updatedBy());
    }

    /** Applies parsed config changes to a config map ({@link TaskConfigParser#UNSET} removes a key). */
    static void applyConfigChanges(Map<String, Object> config, Map<String, Object> changes) {
        changes.forEach((key, value) -> {
            if (value == TaskConfigParser.UNSET) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
        });
    }

    static TaskSettingRow stamp(TaskSettingRow row, Instant now, String actor) {
        return new TaskSettingRow(row.id(), row.type(), row.guildId(), row.discordGuildId(), row.active(),
                row.intervalSeconds(), row.cron(), row.cronZone(), row.config(), row.registered(), row.pauseReason(),
                now, actor);
    }

    static Map<String, Object> describe(TaskSettingRow row) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("active", row.active() == null ? "default" : row.active());
        state.put("schedule", TaskCatalog.storedSchedule(row).map(Schedule::describe).orElse("default"));
        state.put("config", new java.util.TreeMap<>(row.config()));
        return state;
    }

    static String subject(String taskId) {
        return "task:" + taskId;
    }
}
