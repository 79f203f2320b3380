package io.asynctournament.jobs.control;

import io.asynctournament.db.task.TaskSettingRepository;
import io.asynctournament.jobs.scheduling.RecurringJobs;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;
import org.jooq.DSLContext;

/** Puts a task's recurring job in JobRunr and records that it is there (so a later absence means a deletion). */
final class TaskRegistration {
    private final DSLContext dsl;
    private final TaskSettingRepository settings;
    private final RecurringJobs recurringJobs;

    TaskRegistration(DSLContext dsl, TaskSettingRepository settings, RecurringJobs recurringJobs) {
        this.dsl = dsl;
        this.settings = settings;
        this.recurringJobs = recurringJobs;
    }

    void register(ResolvedTask task) {
        recurringJobs.register(task.definition());
        settings.setRegistered(dsl, task.definition().id(), true);
    }
}
