package io.asynctournament.jobs.control;

import io.asynctournament.db.Database;
import io.asynctournament.db.GuildRepository;
import io.asynctournament.db.TournamentRepository;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.db.scoring.ScoringRepository;
import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.db.task.TaskSettingRepository;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.jobs.handlers.InProgressTimeoutHandler;
import io.asynctournament.jobs.handlers.PendingTimeoutHandler;
import io.asynctournament.jobs.handlers.ScoreCalculationHandler;
import io.asynctournament.jobs.runner.TaskRunner;
import io.asynctournament.jobs.scheduling.JobRunrStorage;
import io.asynctournament.jobs.scheduling.RecurringJobs;
import io.asynctournament.jobs.tasks.TaskCatalog;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;

import java.util.List;

/** A control plane wired as the bot wires it (one "process"), on a given database, with a clock the test moves. */
final class ControlPlane implements AutoCloseable {
    final Database database;
    final MutableClock clock;
    final StorageProvider storage;
    final JobRequestScheduler jobs;
    final RecurringJobs recurringJobs;
    final TaskCatalog catalog;
    final TaskRunner runner;
    final TaskControlService control;

    ControlPlane(Database database, MutableClock clock) {
        this.database = database;
        this.clock = clock;
        this.storage = JobRunrStorage.create(database.dataSource(), JobRunrStorage.jsonMapper());
        this.jobs = new JobRequestScheduler(storage);
        this.recurringJobs = new RecurringJobs(jobs, storage);
        this.catalog = new TaskCatalog(database.dsl(), new TaskSettingRepository());
        AuditLogRepository audit = new AuditLogRepository();
        RaceTimeoutRepository races = new RaceTimeoutRepository();
        this.runner = new TaskRunner(database.dataSource(), database.dsl(), clock, new TaskRunRepository(), List.of(
                new PendingTimeoutHandler(database.dsl(), clock, races),
                new InProgressTimeoutHandler(database.dsl(), clock, races),
                new ScoreCalculationHandler(database.dsl(), clock, new ScoringRepository())));
        this.control = new TaskControlService(database.dsl(), database.dataSource(), clock, catalog,
                new TaskSettingRepository(), new GuildRepository(), new TournamentRepository(), new TaskRunRepository(),
                audit, recurringJobs, jobs, runner);
    }

    @Override
    public void close() {
        storage.close();
    }
}
