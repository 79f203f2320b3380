package io.asynctournament.jobs.control;

import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.jobs.tasks.TaskCatalog;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.storage.StorageProvider;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Lists the tasks with whether JobRunr has their recurring job and their last run. */
public final class TaskListing {
    private final TaskCatalog catalog;
    private final StorageProvider storage;
    private final TaskRunRepository runs;
    private final DSLContext dsl;

    public TaskListing(TaskCatalog catalog, StorageProvider storage, TaskRunRepository runs, DSLContext dsl) {
        this.catalog = catalog;
        this.storage = storage;
        this.runs = runs;
        this.dsl = dsl;
    }

    /** Every task, in catalog order. */
    public List<TaskStatus> list() {
        Set<String> registered = storage.getRecurringJobs().stream()
                .map(RecurringJob::getId).map(String::strip).collect(Collectors.toSet());
        return catalog.all().stream()
                .map(task -> new TaskStatus(task.definition(), registered.contains(task.definition().id()),
                        runs.last(dsl, task.definition().id())))
                .toList();
    }
}
