package io.asynctournament.jobs.control;

import io.asynctournament.db.task.TaskSettingRow;
import io.asynctournament.jobs.tasks.Schedule;
import io.asynctournament.jobs.tasks.TaskCatalog;

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
