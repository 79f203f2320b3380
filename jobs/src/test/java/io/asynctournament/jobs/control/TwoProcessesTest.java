package io.asynctournament.jobs.control;

import io.asynctournament.db.Database;
import io.asynctournament.db.generated.enums.TaskRunStatus;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.jobs.handlers.TaskHandler;
import io.asynctournament.jobs.handlers.TaskOutcome;
import io.asynctournament.jobs.runner.TaskRequestHandler;
import io.asynctournament.jobs.runner.TaskRunner;
import io.asynctournament.jobs.tasks.TaskType;
import org.jobrunr.jobs.states.StateName;
import java.util.Map;
import io.asynctournament.jobs.scheduling.JobRunrStorage;
import io.asynctournament.jobs.tasks.ScheduleParser;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jooq.Record3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.asynctournament.db.generated.Tables.TASK_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

/** Two bot processes on one database: two JobRunr servers in this JVM, each with its own storage provider. */
@ExtendWith(DatabaseExtension.class)
class TwoProcessesTest {

    @Test
    void two_processes_starting_together_on_an_empty_database_both_come_up() throws Exception {
        String url = freshDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<String>> start = () -> {
                Database database = Database.using(url, "postgres", null, "process");
                try (ControlPlane plane = new ControlPlane(database, new MutableClock(Instant.now()))) {
                    plane.control.reconcile(true);
                    return List.copyOf(plane.recurringJobs.current().keySet());
                } finally {
                    database.close();
                }
            };
            Future<List<String>> first = pool.submit(start);
            Future<List<String>> second = pool.submit(start);
            assertThat(first.get()).hasSize(3);
            assertThat(second.get()).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void with_two_job_servers_each_tick_of_a_recurring_task_runs_once_and_never_overlaps() {
        MutableClock clock = new MutableClock(Instant.now());
        ControlPlane a = new ControlPlane(TestDatabase.get(), clock);
        ControlPlane b = new ControlPlane(TestDatabase.get(), clock);
        a.control.reconcile(true);
        b.control.reconcile(true);
        a.control.pause("async_tournament_timeout_pending", "test");
        a.control.pause("async_tournament_timeout_in_progress", "test");
        a.control.reschedule("async_tournament_score_calculation",
                new ScheduleParser(Duration.ofSeconds(5)).interval("10s"), "test");
        Instant registered = a.recurringJobs.registeredAt("async_tournament_score_calculation").orElseThrow();

        List<BackgroundJobServer> servers = List.of(server(a), server(b));
        try {
            // JobRunr's own startup task of two servers starting at the same moment may race on its metadata row and
            // log a duplicate-key error on its startup thread (harmless: the other server wrote it). Awaitility would
            // fail on any thread's uncaught exception, so it is told not to: the assertions below are what count.
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> TestDatabase.get().dsl().fetchCount(TASK_RUN) >= 3);
        } finally {
            servers.forEach(BackgroundJobServer::stop);
            a.close();
            b.close();
        }
        Instant end = Instant.now();

        // An attempt to start the task while it ran (seen once, on a loaded machine) is stopped by the task lock and
        // recorded as skipped: it is not a run.
        List<Record3<OffsetDateTime, OffsetDateTime, TaskRunStatus>> runs = TestDatabase.get().dsl()
                .select(TASK_RUN.STARTED_AT, TASK_RUN.FINISHED_AT, TASK_RUN.STATUS).from(TASK_RUN)
                .where(TASK_RUN.STATUS.ne(TaskRunStatus.skipped))
                .orderBy(TASK_RUN.STARTED_AT).fetch();
        long ticks = Duration.between(registered, end).toSeconds() / 10 + 1;
        assertThat(runs).hasSizeLessThanOrEqualTo((int) ticks);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).value1()).as("runs never overlap").isAfterOrEqualTo(runs.get(i - 1).value2());
        }
        assertThat(runs).allSatisfy(run -> assertThat(run.value3()).isEqualTo(TaskRunStatus.success));
    }

    @Test
    void a_task_that_throws_is_recorded_failed_and_fires_again_on_its_next_tick_without_retries() {
        MutableClock clock = new MutableClock(Instant.now());
        ControlPlane plane = new ControlPlane(TestDatabase.get(), clock);
        plane.control.reconcile(true);
        plane.control.pause("async_tournament_timeout_pending", "test");
        plane.control.pause("async_tournament_timeout_in_progress", "test");
        plane.control.reschedule("async_tournament_score_calculation",
                new ScheduleParser(Duration.ofSeconds(5)).interval("10s"), "test");
        TaskRunner failing = new TaskRunner(TestDatabase.get().dataSource(), TestDatabase.get().dsl(), clock,
                new TaskRunRepository(), List.of(new TaskHandler() {
                    @Override
                    public TaskType type() {
                        return TaskType.SCORE_CALCULATION;
                    }

                    @Override
                    public TaskOutcome run(Map<String, Object> config, TournamentScope scope) {
                        throw new IllegalStateException("scores on fire");
                    }
                }));

        BackgroundJobServer server = server(new TaskRequestHandler(plane.catalog, failing), plane.storage);
        try {
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> TestDatabase.get().dsl().fetchCount(TASK_RUN) >= 2);
        } finally {
            server.stop();
            plane.close();
        }

        var runs = TestDatabase.get().dsl().select(TASK_RUN.STATUS, TASK_RUN.ERROR).from(TASK_RUN).fetch();
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.value1()).isEqualTo(TaskRunStatus.failed);
            assertThat(run.value2()).isEqualTo("IllegalStateException: scores on fire");
        });
        try (ControlPlane check = new ControlPlane(TestDatabase.get(), clock)) {
            assertThat(check.storage.countJobs(StateName.FAILED)).as("each failed run is one failed job, no retry")
                    .isEqualTo(runs.size());
            assertThat(check.storage.getJobList(StateName.SCHEDULED,
                    new org.jobrunr.storage.navigation.AmountRequest("updatedAt:ASC", 100)))
                    .as("no retry scheduled").allSatisfy(job -> assertThat(job.getJobStates()).hasSize(1));
        }
    }

    private static BackgroundJobServer server(ControlPlane plane) {
        return server(new TaskRequestHandler(plane.catalog, plane.runner), plane.storage);
    }

    private static BackgroundJobServer server(TaskRequestHandler handler, StorageProvider storage) {
        JobActivator activator = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return type.cast(handler);
            }
        };
        BackgroundJobServer server = new BackgroundJobServer(storage, JobRunrStorage.jsonMapper(), activator,
                usingStandardBackgroundJobServerConfiguration().andPollInterval(Duration.ofSeconds(5)));
        server.start();
        return server;
    }

    private static String freshDatabase() {
        String name = "fresh_" + System.nanoTime();
        TestDatabase.get().dsl().execute("create database " + name);
        String url = TestDatabase.jdbcUrl().replace("/postgres?", "/" + name + "?");
        assertThat(url).contains("/" + name + "?");
        return url;
    }
}
