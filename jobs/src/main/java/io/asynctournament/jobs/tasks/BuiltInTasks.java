package io.asynctournament.jobs.tasks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three built-in tasks with their default schedules and settings, exactly as README lists them (its task table):
 * pending timeout every 60 s (warning_minutes 10, timeout_minutes 20), in-progress timeout every 60 s (max_hours 12),
 * score calculation every 60 min (tournament_ids absent: all active tournaments).
 */
public final class BuiltInTasks {
    public static final int DEFAULT_WARNING_MINUTES = 10;
    public static final int DEFAULT_TIMEOUT_MINUTES = 20;
    public static final int DEFAULT_MAX_HOURS = 12;

    private static final List<TaskDefinition> ALL = List.of(
            new TaskDefinition(TaskType.TIMEOUT_PENDING.id(), "Async tournament: time out races not started",
                    TaskType.TIMEOUT_PENDING, new Schedule.Interval(Duration.ofSeconds(60)),
                    Map.of(TaskConfigKeys.WARNING_MINUTES, DEFAULT_WARNING_MINUTES,
                            TaskConfigKeys.TIMEOUT_MINUTES, DEFAULT_TIMEOUT_MINUTES)),
            new TaskDefinition(TaskType.TIMEOUT_IN_PROGRESS.id(), "Async tournament: time out races running too long",
                    TaskType.TIMEOUT_IN_PROGRESS, new Schedule.Interval(Duration.ofSeconds(60)),
                    Map.of(TaskConfigKeys.MAX_HOURS, DEFAULT_MAX_HOURS)),
            new TaskDefinition(TaskType.SCORE_CALCULATION.id(), "Async tournament: recompute par times and scores",
                    TaskType.SCORE_CALCULATION, new Schedule.Interval(Duration.ofMinutes(60)),
                    Map.of()));

    private BuiltInTasks() {
    }

    /** All built-in tasks, in a stable order. */
    public static List<TaskDefinition> all() {
        return ALL;
    }

    /** The built-in task with this id, if any. */
    public static Optional<TaskDefinition> byId(String id) {
        return ALL.stream().filter(task -> task.id().equals(id)).findFirst();
    }
}
