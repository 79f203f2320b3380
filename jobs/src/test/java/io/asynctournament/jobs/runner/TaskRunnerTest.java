package io.asynctournament.jobs.runner;

import io.asynctournament.db.Database;
import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.generated.enums.TaskRunStatus;
import io.asynctournament.db.task.TaskLock;
import io.asynctournament.db.task.TaskRun;
import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.handlers.TaskHandler;
import io.asynctournament.jobs.handlers.TaskOutcome;
import io.asynctournament.jobs.tasks.BuiltInTasks;
import io.asynctournament.jobs.tasks.TaskDefinition;
import io.asynctournament.jobs.tasks.TaskType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DatabaseExtension.class)
class TaskRunnerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final TaskDefinition SCORES = BuiltInTasks.byId("async_tournament_score_calculation").orElseThrow();

    private final Database database = TestDatabase.get();
    private final TaskRunRepository runs = new TaskRunRepository();

    @Test
    void records_a_successful_run_with_its_counts_and_duration() {
        TaskRunResult result = runner(outcome(TaskOutcome.success(Map.of("races_scored", 7, "tournaments", 1))))
                .run(SCORES, TournamentScope.allActive(), "cli:test");

        assertThat(result.status()).isEqualTo(TaskRunStatus.success);
        TaskRun run = runs.last(database.dsl(), SCORES.id()).orElseThrow();
        assertThat(run.status()).isEqualTo(TaskRunStatus.success);
        assertThat(run.trigger()).isEqualTo("cli:test");
        assertThat(run.startedAt()).isEqualTo(NOW);
        assertThat(run.finishedAt()).isEqualTo(NOW);
        assertThat(run.durationMs()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(run.counts()).containsEntry("races_scored", 7).containsEntry("tournaments", 1);
        assertThat(run.error()).isNull();
    }

    @Test
    void records_a_throwing_handler_as_failed_with_its_error() {
        TaskHandler throwing = new FixedHandler(() -> {
            throw new IllegalStateException("database on fire");
        });

        TaskRunResult result = runner(throwing).run(SCORES, TournamentScope.allActive(), "scheduler");

        assertThat(result.status()).isEqualTo(TaskRunStatus.failed);
        TaskRun run = runs.last(database.dsl(), SCORES.id()).orElseThrow();
        assertThat(run.status()).isEqualTo(TaskRunStatus.failed);
        assertThat(run.error()).isEqualTo("IllegalStateException: database on fire");
    }

    @Test
    void a_statement_cancelled_by_the_statement_timeout_is_recorded_with_the_setting_to_raise() {
        TaskHandler slow = new FixedHandler(() -> database.dsl().transactionResult(tx -> {
            tx.dsl().execute("set local statement_timeout = 200");
            tx.dsl().fetch("select pg_sleep(2)");
            return TaskOutcome.success(Map.of());
        }));

        TaskRunResult result = runner(slow).run(SCORES, TournamentScope.allActive(), "scheduler");

        assertThat(result.status()).isEqualTo(TaskRunStatus.failed);
        assertThat(runs.last(database.dsl(), SCORES.id()).orElseThrow().error())
                .contains("canceling statement due to statement timeout")
                .contains("PostgreSQL cancelled a statement that ran longer than DATABASE_STATEMENT_TIMEOUT_SECONDS "
                        + "allows; raise it if the statement is legitimate");
    }

    @Test
    void records_a_run_with_failed_parts_as_partial_never_success() {
        TaskRunResult result = runner(outcome(new TaskOutcome(Map.of("tournaments", 2, "tournaments_failed", 1),
                List.of("tournament 3 (Weekly): boom"), false)))
                .run(SCORES, TournamentScope.allActive(), "scheduler");

        assertThat(result.status()).isEqualTo(TaskRunStatus.partial);
        TaskRun run = runs.last(database.dsl(), SCORES.id()).orElseThrow();
        assertThat(run.status()).isEqualTo(TaskRunStatus.partial);
        assertThat(run.error()).isEqualTo("tournament 3 (Weekly): boom");
    }

    @Test
    void does_not_start_a_second_copy_while_the_task_is_running_elsewhere_and_records_the_run_as_skipped()
            throws Exception {
        Optional<TaskLock> heldElsewhere = TaskLock.tryAcquire(database.dataSource(), SCORES.id());
        assertThat(heldElsewhere).isPresent();
        try {
            TaskRunResult result = runner(outcome(TaskOutcome.success(Map.of())))
                    .run(SCORES, TournamentScope.allActive(), "cli:test");

            assertThat(result.alreadyRunning()).isTrue();
            assertThat(result.status()).isEqualTo(TaskRunStatus.skipped);
            assertThat(result.describe()).contains("already running");
            assertThat(runs.history(database.dsl(), SCORES.id(), 10)).singleElement().satisfies(run -> {
                assertThat(run.id()).isEqualTo(result.runId());
                assertThat(run.status()).isEqualTo(TaskRunStatus.skipped);
                assertThat(run.trigger()).isEqualTo("cli:test");
                assertThat(run.startedAt()).isEqualTo(NOW);
                assertThat(run.finishedAt()).isEqualTo(NOW);
                assertThat(run.error()).isEqualTo("skipped: task " + SCORES.id() + " was already running: another "
                        + "run (its lock is held); no second copy was started");
            });
        } finally {
            heldElsewhere.get().close();
        }
        assertThat(runner(outcome(TaskOutcome.success(Map.of()))).run(SCORES, TournamentScope.allActive(), "cli")
                .status()).isEqualTo(TaskRunStatus.success);
        assertThat(runs.statsSince(database.dsl(), NOW.minusSeconds(60)).get(SCORES.id()))
                .as("a skipped run is no run in the success rate").satisfies(stats -> {
                    assertThat(stats.runs()).isEqualTo(1);
                    assertThat(stats.successes()).isEqualTo(1);
                });
    }

    @Test
    void a_skipped_run_names_the_run_that_holds_the_task_and_fails_its_jobrunr_job() throws Exception {
        TaskRunner runner = runner(outcome(TaskOutcome.success(Map.of())));
        TaskRequestHandler requestHandler = new TaskRequestHandler(new io.asynctournament.jobs.tasks.TaskCatalog(
                database.dsl(), new io.asynctournament.db.task.TaskSettingRepository()), runner);
        Optional<TaskLock> lock = TaskLock.tryAcquire(database.dataSource(), SCORES.id());
        long holder = runs.start(database.dsl(), SCORES.id(), "cli:alice", NOW.minusSeconds(30));
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> requestHandler.run(new TaskRequest(SCORES.id())))
                    .isInstanceOf(TaskSkippedException.class)
                    .hasMessage("skipped: task " + SCORES.id() + " was already running: run " + holder
                            + " (cli:alice, started " + NOW.minusSeconds(30) + "); no second copy was started");
        } finally {
            lock.orElseThrow().close();
        }
        TaskRun skipped = runs.last(database.dsl(), SCORES.id()).orElseThrow();
        assertThat(skipped.status()).isEqualTo(TaskRunStatus.skipped);
        assertThat(skipped.trigger()).isEqualTo("scheduler");
        assertThat(skipped.error()).contains("run " + holder + " (cli:alice");
        assertThat(runs.lastStart(database.dsl(), SCORES.id())).as("a skipped run did not start")
                .contains(NOW.minusSeconds(30));
    }

    @Test
    void runs_left_running_are_marked_failed_for_every_task_whose_lock_is_free_and_a_run_under_way_is_left_alone()
            throws Exception {
        String pending = "async_tournament_timeout_pending";
        long abandoned = runs.start(database.dsl(), SCORES.id(), "scheduler", NOW.minusSeconds(3600));
        long underWay = runs.start(database.dsl(), pending, "cli:bob", NOW.minusSeconds(5));
        Optional<TaskLock> heldByTheRunUnderWay = TaskLock.tryAcquire(database.dataSource(), pending);
        try {
            assertThat(runner(outcome(TaskOutcome.success(Map.of()))).failAbandonedRuns()).isEqualTo(1);
        } finally {
            heldByTheRunUnderWay.orElseThrow().close();
        }
        TaskRun old = runs.last(database.dsl(), SCORES.id()).orElseThrow();
        assertThat(old.id()).isEqualTo(abandoned);
        assertThat(old.status()).isEqualTo(TaskRunStatus.failed);
        assertThat(old.finishedAt()).isEqualTo(NOW);
        assertThat(old.error()).startsWith("abandoned");
        assertThat(runs.last(database.dsl(), pending).orElseThrow())
                .satisfies(run -> assertThat(run.id()).isEqualTo(underWay))
                .satisfies(run -> assertThat(run.status()).isEqualTo(TaskRunStatus.running));
    }

    @Test
    void a_run_left_running_by_a_process_that_stopped_is_recorded_failed_by_the_next_run() {
        long abandoned = runs.start(database.dsl(), SCORES.id(), "cli:gone", NOW.minusSeconds(3600));

        runner(outcome(TaskOutcome.success(Map.of()))).run(SCORES, TournamentScope.allActive(), "scheduler");

        TaskRun old = runs.history(database.dsl(), SCORES.id(), 10).stream().filter(r -> r.id() == abandoned)
                .findFirst().orElseThrow();
        assertThat(old.status()).isEqualTo(TaskRunStatus.failed);
        assertThat(old.error()).startsWith("abandoned");
        assertThat(runs.last(database.dsl(), SCORES.id()).orElseThrow().status()).isEqualTo(TaskRunStatus.success);
    }

    @Test
    void the_request_handler_rethrows_a_failed_run_so_jobrunr_marks_the_job_failed() {
        TaskRunner runner = runner(new FixedHandler(() -> {
            throw new IllegalStateException("nope");
        }));
        TaskRequestHandler requestHandler = new TaskRequestHandler(new io.asynctournament.jobs.tasks.TaskCatalog(database.dsl(), new io.asynctournament.db.task.TaskSettingRepository()),
                runner);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> requestHandler.run(new TaskRequest(SCORES.id())))
                .isInstanceOf(TaskFailedException.class).hasMessageContaining("failed");
        assertThat(runs.last(database.dsl(), SCORES.id()).orElseThrow().trigger()).isEqualTo("scheduler");
    }

    private TaskRunner runner(TaskHandler handler) {
        return new TaskRunner(database.dataSource(), database.dsl(), new MutableClock(NOW), runs, List.of(handler));
    }

    private static TaskHandler outcome(TaskOutcome outcome) {
        return new FixedHandler(() -> outcome);
    }

    /** A score-calculation stand-in whose outcome the test chooses. */
    private record FixedHandler(java.util.function.Supplier<TaskOutcome> result) implements TaskHandler {
        @Override
        public TaskType type() {
            return TaskType.SCORE_CALCULATION;
        }

        @Override
        public TaskOutcome run(Map<String, Object> config, TournamentScope scope) {
            return result.get();
        }
    }
}
