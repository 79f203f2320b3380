package io.asynctournament.jobs.health;

import io.asynctournament.db.Database;
import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.db.task.TaskSettingRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.health.HealthReport.Item;
import io.asynctournament.jobs.scheduling.JobRunrStorage;
import io.asynctournament.jobs.scheduling.RecurringJobs;
import io.asynctournament.jobs.scheduling.TaskTimeliness;
import io.asynctournament.jobs.tasks.BuiltInTasks;
import io.asynctournament.jobs.tasks.TaskCatalog;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The health check's three rules, read from the database as the `health` command reads them. */
@ExtendWith(DatabaseExtension.class)
class HealthCheckTest {
    private static final String PENDING = "async_tournament_timeout_pending";
    private static final String IN_PROGRESS = "async_tournament_timeout_in_progress";
    private static final String SCORES = "async_tournament_score_calculation";
    private static final Duration POLL = Duration.ofSeconds(5);

    private final Database database = TestDatabase.get();
    private final TaskRunRepository runs = new TaskRunRepository();
    private StorageProvider storage;
    private RecurringJobs recurringJobs;
    private MutableClock clock;
    private HealthCheck health;
    private Instant registeredAt;

    @BeforeEach
    void registeredTasks() {
        storage = JobRunrStorage.create(database.dataSource(), JobRunrStorage.jsonMapper());
        recurringJobs = new RecurringJobs(new JobRequestScheduler(storage), storage);
        BuiltInTasks.all().forEach(recurringJobs::register); // every minute, every minute, every hour
        registeredAt = recurringJobs.registeredAt(PENDING).orElseThrow();
        clock = new MutableClock(registeredAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(2));
        health = new HealthCheck(database.dsl(), clock, storage, new TaskTimeliness(database.dsl(),
                new TaskCatalog(database.dsl(), new TaskSettingRepository()), runs, recurringJobs), POLL);
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @Test
    void is_healthy_when_the_database_answers_a_job_server_heartbeats_and_every_task_ran_within_twice_its_period() {
        announceServer(clock.instant().minusSeconds(3), true);

        HealthReport report = health.check();

        assertThat(report.healthy()).as(report.toString()).isTrue();
        assertThat(report.items()).extracting(Item::subject)
                .containsExactly("database", "job server", PENDING, IN_PROGRESS, SCORES);
        assertThat(report.items().get(1).detail()).startsWith("running: bot-host (");
        assertThat(report.items().get(2).detail()).isEqualTo("every 1m, never ran");
    }

    @Test
    void is_unhealthy_without_a_job_server_or_when_its_last_heartbeat_is_four_poll_intervals_old() {
        assertThat(health.check().problems()).singleElement().satisfies(item -> {
            assertThat(item.subject()).isEqualTo("job server");
            assertThat(item.detail()).contains("no JobRunr job server is registered");
        });

        announceServer(clock.instant().minusSeconds(21), true);

        assertThat(health.check().problems()).singleElement().satisfies(item ->
                assertThat(item.detail()).startsWith("none running: the latest heartbeat, from bot-host (")
                        .contains("was 21 s ago").endsWith("a server without one for 20 s is gone"));
    }

    @Test
    void a_task_that_has_not_run_for_twice_its_period_is_overdue_until_it_runs() {
        clock.set(registeredAt.plus(Duration.ofMinutes(2)).plus(POLL.multipliedBy(2)).plusSeconds(1));
        announceServer(clock.instant(), true);

        HealthReport late = health.check();

        assertThat(late.problems()).extracting(Item::subject).containsExactly(PENDING, IN_PROGRESS);
        assertThat(late.problems().get(0).detail()).startsWith("every 1m, never ran; overdue: its ticks at ")
                .endsWith(" passed without a run");

        runs.start(database.dsl(), PENDING, "scheduler", clock.instant().minusSeconds(2));
        runs.skipped(database.dsl(), IN_PROGRESS, "scheduler", clock.instant(), "skipped: busy");

        assertThat(health.check().problems()).as("a skipped run did not run").extracting(Item::subject)
                .containsExactly(IN_PROGRESS);
    }

    @Test
    void a_task_active_but_without_its_recurring_job_is_a_problem() {
        announceServer(clock.instant(), true);
        recurringJobs.remove(SCORES);

        assertThat(health.check().problems()).singleElement().satisfies(item -> {
            assertThat(item.subject()).isEqualTo(SCORES);
            assertThat(item.detail()).isEqualTo("active, but JobRunr has no recurring job for it (never ran)");
        });
    }

    private void announceServer(Instant lastHeartbeat, boolean running) {
        storage.announceBackgroundJobServer(new BackgroundJobServerStatus(UUID.randomUUID(), "bot-host", 4,
                (int) POLL.toSeconds(), Duration.ofHours(36), Duration.ofHours(72), lastHeartbeat.minusSeconds(60),
                lastHeartbeat, running, 0L, 0L, 0.0, 0L, 0L, 0L, 0.0));
    }
}
