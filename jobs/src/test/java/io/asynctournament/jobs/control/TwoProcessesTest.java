package io.asynctournament.jobs.control;

import io.asynctournament.db.Database;
import io.asynctournament.db.generated.enums.TaskRunStatus;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.runner.TaskRequestHandler;
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
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    TestDatabase.get().dsl().fetchCount(TASK_RUN) >= 3);
        } finally {
            servers.forEach(BackgroundJobServer::stop);
            a.close();
            b.close();
        }
        Instant end = Instant.now();

        List<Record3<OffsetDateTime, OffsetDateTime, TaskRunStatus>> runs = TestDatabase.get().dsl()
                .select(TASK_RUN.STARTED_AT, TASK_RUN.FINISHED_AT, TASK_RUN.STATUS).from(TASK_RUN)
                .orderBy(TASK_RUN.STARTED_AT).fetch();
        long ticks = Duration.between(registered, end).toSeconds() / 10 + 1;
        assertThat(runs).hasSizeLessThanOrEqualTo((int) ticks);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).value1()).as("runs never overlap").isAfterOrEqualTo(runs.get(i - 1).value2());
        }
        assertThat(runs).allSatisfy(run -> assertThat(run.value3()).isEqualTo(TaskRunStatus.success));
    }

    private static BackgroundJobServer server(ControlPlane plane) {
        TaskRequestHandler handler = new TaskRequestHandler(plane.catalog, plane.runner);
        JobActivator activator = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return type.cast(handler);
            }
        };
        StorageProvider storage = plane.storage;
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
