package io.asynctournament.jobs.tasks;

import io.asynctournament.db.TournamentScope;

import java.util.List;
import java.util.Optional;

/** The tasks that exist and what each one covers. Today: the three built-ins, over every active tournament. */
public final class TaskCatalog {

    /** A task with the tournaments it covers. */
    public record ResolvedTask(TaskDefinition definition, TournamentScope scope) {
    }

    /** Every task, built-ins first, in a stable order. */
    public List<ResolvedTask> all() {
        return BuiltInTasks.all().stream().map(task -> new ResolvedTask(task, TournamentScope.allActive())).toList();
    }

    /** The task with this id, if any. */
    public Optional<ResolvedTask> find(String taskId) {
        return all().stream().filter(task -> task.definition().id().equals(taskId)).findFirst();
    }
}
