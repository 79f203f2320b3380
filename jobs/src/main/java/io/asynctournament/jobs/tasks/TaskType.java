package io.asynctournament.jobs.tasks;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of background task. Each built-in task is the global instance of its type and has the type's id. */
public enum TaskType {
    /** Races opened but not started: warn once before the deadline, forfeit at it. */
    TIMEOUT_PENDING("async_tournament_timeout_pending"),
    /** Races running too long: forfeit, tell the racer. */
    TIMEOUT_IN_PROGRESS("async_tournament_timeout_in_progress"),
    /** Recompute par times and scores of active tournaments. */
    SCORE_CALCULATION("async_tournament_score_calculation");

    private final String id;

    TaskType(String id) {
        this.id = id;
    }

    /** The type's id, also the id of its built-in task (e.g. {@code async_tournament_timeout_pending}). */
    public String id() {
        return id;
    }

    /** The type with this id, if any. */
    public static Optional<TaskType> byId(String id) {
        return Arrays.stream(values()).filter(type -> type.id.equals(id)).findFirst();
    }
}
