package io.asynctournament.jobs.tasks;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.task.TaskSettingRepository;
import io.asynctournament.db.task.TaskSettingRow;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tasks that exist and their effective settings, resolved in this one place. A setting comes from, in order:
 * the tournament's own override (applied in the sweeps' SQL), the guild instance, the built-in's stored override,
 * the code default ({@link BuiltInTasks}). A guild instance covers its guild's tournaments only, and while it exists
 * the built-in of its type skips that guild.
 */
public final class TaskCatalog {
    /** The suffix of a guild instance's id: {@code <type>.guild-<discord guild id>}. */
    public static final String GUILD_SUFFIX = ".guild-";

    private final DSLContext dsl;
    private final TaskSettingRepository settings;

    public TaskCatalog(DSLContext dsl, TaskSettingRepository settings) {
        this.dsl = dsl;
        this.settings = settings;
    }

    /**
     * A task with everything needed to run, list or schedule it.
     *
     * @param definition     id, name, type, effective schedule and config
     * @param scope          the tournaments it covers
     * @param active         false when paused
     * @param discordGuildId the guild of a guild instance, null for a built-in
     * @param stored         its stored row, if any
     */
    public record ResolvedTask(TaskDefinition definition, TournamentScope scope, boolean active, Long discordGuildId,
                               Optional<TaskSettingRow> stored) {
        /** True for one of the three built-in tasks. */
        public boolean builtIn() {
            return discordGuildId == null;
        }
    }

    /** The id of a guild's instance of a task type. */
    public static String guildInstanceId(TaskType type, long discordGuildId) {
        return type.id() + GUILD_SUFFIX + discordGuildId;
    }

    /** Every task: the built-ins first, then guild instances by id. */
    public List<ResolvedTask> all() {
        return resolve(settings.all(dsl));
    }

    /** The task with this id, if any. */
    public Optional<ResolvedTask> find(String taskId) {
        return all().stream().filter(task -> task.definition().id().equals(taskId)).findFirst();
    }

    /**
     * A tournament's effective timeouts: its own overrides, else the values of the tasks that cover its guild.
     *
     * @param guildId         the tournament's guild (row id)
     * @param warningOverride the tournament's warning_minutes, or null
     * @param timeoutOverride the tournament's timeout_minutes, or null
     * @param maxHoursOverride the tournament's max_hours, or null
     */
    public TournamentTimeouts timeoutsFor(long guildId, Integer warningOverride, Integer timeoutOverride,
                                          Integer maxHoursOverride) {
        List<ResolvedTask> tasks = all();
        ResolvedTask pending = covering(tasks, TaskType.TIMEOUT_PENDING, guildId);
        ResolvedTask inProgress = covering(tasks, TaskType.TIMEOUT_IN_PROGRESS, guildId);
        return new TournamentTimeouts(
                value(warningOverride, tasks, pending, TaskConfigKeys.WARNING_MINUTES),
                value(timeoutOverride, tasks, pending, TaskConfigKeys.TIMEOUT_MINUTES),
                value(maxHoursOverride, tasks, inProgress, TaskConfigKeys.MAX_HOURS));
    }

    /** The task of this type that covers the guild's tournaments: the guild's own instance if any, else the built-in. */
    public ResolvedTask covering(TaskType type, long guildId) {
        return covering(all(), type, guildId);
    }

    private static ResolvedTask covering(List<ResolvedTask> tasks, TaskType type, long guildId) {
        return tasks.stream().filter(t -> t.definition().type() == type && !t.builtIn()
                        && Long.valueOf(guildId).equals(t.scope().onlyGuildId())).findFirst()
                .orElseGet(() -> tasks.stream().filter(t -> t.builtIn() && t.definition().type() == type)
                        .findFirst().orElseThrow());
    }

    private static TournamentTimeouts.Value value(Integer override, List<ResolvedTask> tasks, ResolvedTask task,
                                                  String key) {
        if (override != null) {
            return new TournamentTimeouts.Value(override, "tournament");
        }
        int value = ((Number) task.definition().config().get(key)).intValue();
        if (task.stored().map(row -> row.config().containsKey(key)).orElse(false)) {
            return new TournamentTimeouts.Value(value, "task " + task.definition().id());
        }
        if (!task.builtIn()) {
            ResolvedTask builtIn = tasks.stream().filter(t -> t.builtIn()
                    && t.definition().type() == task.definition().type()).findFirst().orElseThrow();
            return value(null, tasks, builtIn, key);
        }
        return new TournamentTimeouts.Value(value, "default");
    }

    /** Resolves stored rows against the code defaults (pure; the one place of the precedence rules). */
    static List<ResolvedTask> resolve(List<TaskSettingRow> rows) {
        Map<String, TaskSettingRow> byId = rows.stream().collect(Collectors.toMap(TaskSettingRow::id, r -> r));
        Map<String, Set<Long>> guildsByType = rows.stream().filter(r -> r.guildId() != null)
                .collect(Collectors.groupingBy(TaskSettingRow::type,
                        Collectors.mapping(TaskSettingRow::guildId, Collectors.toSet())));
        Map<String, TaskDefinition> builtInEffective = new HashMap<>();
        List<ResolvedTask> tasks = new ArrayList<>();
        for (TaskDefinition code : BuiltInTasks.all()) {
            Optional<TaskSettingRow> row = Optional.ofNullable(byId.get(code.id()));
            TaskDefinition effective = new TaskDefinition(code.id(), code.name(), code.type(),
                    row.map(TaskCatalog::storedSchedule).flatMap(o -> o).orElse(code.schedule()),
                    merge(code.config(), row.map(TaskSettingRow::config).orElse(Map.of())));
            builtInEffective.put(code.type().id(), effective);
            TournamentScope scope = new TournamentScope(Set.of(), null,
                    guildsByType.getOrDefault(code.type().id(), Set.of()));
            tasks.add(new ResolvedTask(effective, scope, row.map(r -> !Boolean.FALSE.equals(r.active())).orElse(true),
                    null, row));
        }
        rows.stream().filter(r -> r.guildId() != null).forEach(row -> {
            TaskDefinition parent = builtInEffective.get(row.type());
            if (parent == null) {
                return; // a type this version does not know: ignored
            }
            TaskDefinition effective = new TaskDefinition(row.id(),
                    parent.name() + " (guild " + row.discordGuildId() + ")", parent.type(),
                    storedSchedule(row).orElse(parent.schedule()), merge(parent.config(), row.config()));
            tasks.add(new ResolvedTask(effective, new TournamentScope(Set.of(), row.guildId(), Set.of()),
                    !Boolean.FALSE.equals(row.active()), row.discordGuildId(), Optional.of(row)));
        });
        return tasks;
    }

    /** The schedule stored in a row, if it has one. */
    public static Optional<Schedule> storedSchedule(TaskSettingRow row) {
        if (row.intervalSeconds() != null) {
            return Optional.of(new Schedule.Interval(Duration.ofSeconds(row.intervalSeconds())));
        }
        if (row.cron() != null) {
            ZoneId zone = row.cronZone() == null ? ZoneOffset.UTC : ZoneId.of(row.cronZone());
            return Optional.of(new Schedule.Cron(row.cron(), zone));
        }
        return Optional.empty();
    }

    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        merged.putAll(overrides);
        return merged;
    }
}
