package io.asynctournament.bot.config;

import io.asynctournament.db.generated.enums.TaskRunStatus;
import io.asynctournament.db.task.TaskLock;
import io.asynctournament.db.task.TaskRun;
import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.runner.TaskRequest;
import io.asynctournament.jobs.runner.TaskSkippedException;
import io.asynctournament.jobs.scheduling.RecurringJobs;
import io.asynctournament.jobs.tasks.BuiltInTasks;
import io.asynctournament.jobs.tasks.ScheduleParser;
import org.jobrunr.jobs.JobId;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.TASK_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bot process as `run` builds it (without Discord): JobRunr server, recurring jobs, dashboard behind basic auth. */
@ExtendWith(DatabaseExtension.class)
class BotProcessTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void registers_the_three_recurring_jobs_serves_the_dashboard_behind_basic_auth_and_runs_jobs() throws Exception {
        int port = freePort();
        BotSettings settings = BotSettings.fromEnvironment(Map.of(
                "DATABASE_URL", TestDatabase.jdbcUrl(), "DATABASE_USER", "postgres",
                "DASHBOARD_PORT", Integer.toString(port), "DASHBOARD_PASSWORD", "s3cret-s3cret"), null);

        try (AnnotationConfigApplicationContext context = BotContext.forBot(settings)) {
            HttpResponse<String> anonymous = get(port, "/api/recurring-jobs", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(get(port, "/dashboard/overview", null).statusCode()).isEqualTo(401);
            assertThat(get(port, "/api/recurring-jobs", "admin:wrong").statusCode()).isEqualTo(401);

            HttpResponse<String> jobs = get(port, "/api/recurring-jobs", "admin:s3cret-s3cret");
            assertThat(jobs.statusCode()).isEqualTo(200);
            assertThat(jobs.body()).contains("\"id\":\"async_tournament_timeout_pending\"")
                    .contains("\"id\":\"async_tournament_timeout_in_progress\"")
                    .contains("\"id\":\"async_tournament_score_calculation\"")
                    .contains("Async tournament: time out races not started")
                    .contains("\"scheduleExpression\":\"PT1M\"").contains("\"scheduleExpression\":\"PT1H\"");

            // A job enqueued in JobRunr is resolved through the Spring context and recorded as a task run.
            context.getBean(JobRequestScheduler.class).enqueue(new TaskRequest("async_tournament_score_calculation"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(TestDatabase.get().dsl().select(TASK_RUN.STATUS, TASK_RUN.TRIGGER).from(TASK_RUN)
                            .where(TASK_RUN.TASK_ID.eq("async_tournament_score_calculation")).fetch())
                            .singleElement().satisfies(r -> {
                                assertThat(r.value1()).isEqualTo(TaskRunStatus.success);
                                assertThat(r.value2()).isEqualTo("scheduler");
                            }));
        }
    }

    @Test
    void a_task_rescheduled_from_every_hour_to_every_10s_runs_every_10s_without_waiting_for_the_old_hour() throws Exception {
        BotSettings settings = BotSettings.fromEnvironment(Map.of(
                "DATABASE_URL", TestDatabase.jdbcUrl(), "DATABASE_USER", "postgres",
                "DASHBOARD_PORT", Integer.toString(freePort()), "DASHBOARD_PASSWORD", "s3cret-s3cret"), null);
        String scores = "async_tournament_score_calculation";
        try (AnnotationConfigApplicationContext context = BotContext.forBot(settings)) {
            StorageProvider storage = context.getBean(StorageProvider.class);
            // JobRunr schedules the hourly run ahead of time and remembers it (jobrunr/jobrunr#1534)
            await().atMost(Duration.ofSeconds(20)).until(() -> storage.countJobs(StateName.SCHEDULED) >= 1);

            context.getBean(TaskControlService.class).reschedule(scores,
                    new ScheduleParser(Duration.ofSeconds(5)).interval("10s"), "test");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    TestDatabase.get().dsl().fetchCount(TASK_RUN, TASK_RUN.TASK_ID.eq(scores)
                            .and(TASK_RUN.TRIGGER.eq("scheduler"))) >= 2);
        }
    }

    @Test
    void a_run_left_running_by_a_killed_process_is_marked_failed_when_the_bot_starts() throws Exception {
        String scores = "async_tournament_score_calculation"; // hourly: no run of it before the assertion
        TaskRunRepository runs = new TaskRunRepository();
        long abandoned = runs.start(TestDatabase.get().dsl(), scores, "scheduler", Instant.now().minusSeconds(600));

        try (AnnotationConfigApplicationContext context = BotContext.forBot(settings())) {
            TaskRun run = runs.last(TestDatabase.get().dsl(), scores).orElseThrow();
            assertThat(run.id()).isEqualTo(abandoned);
            assertThat(run.status()).isEqualTo(TaskRunStatus.failed);
            assertThat(run.error()).startsWith("abandoned");
        }
    }

    @Test
    void a_queued_run_skipped_because_the_task_is_running_is_recorded_and_its_jobrunr_job_is_not_a_success()
            throws Exception {
        String scores = "async_tournament_score_calculation";
        try (AnnotationConfigApplicationContext context = BotContext.forBot(settings())) {
            TaskRunRepository runs = new TaskRunRepository();
            Optional<TaskLock> cliRun = TaskLock.tryAcquire(TestDatabase.get().dataSource(), scores);
            long holder = runs.start(TestDatabase.get().dsl(), scores, "cli:alice", Instant.now());
            try {
                JobId job = context.getBean(RecurringJobs.class)
                        .enqueueOnce(BuiltInTasks.byId(scores).orElseThrow(), "cli:bob");
                StorageProvider storage = context.getBean(StorageProvider.class);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                        storage.getJobById(job).getState() == StateName.FAILED);
                FailedState failed = (FailedState) storage.getJobById(job).getJobState();
                assertThat(failed.getExceptionType()).isEqualTo(TaskSkippedException.class.getName());
                assertThat(failed.getExceptionMessage()).startsWith("skipped: task " + scores + " was already running");
            } finally {
                cliRun.orElseThrow().close();
            }
            TaskRun skipped = runs.last(TestDatabase.get().dsl(), scores).orElseThrow();
            assertThat(skipped.status()).isEqualTo(TaskRunStatus.skipped);
            assertThat(skipped.trigger()).isEqualTo("cli:bob");
            assertThat(skipped.error()).isEqualTo("skipped: task " + scores + " was already running: run " + holder
                    + " (cli:alice, started " + runs.history(TestDatabase.get().dsl(), scores, 2).get(1).startedAt()
                    + "); no second copy was started");
        }
    }

    @Test
    void a_job_server_jobrunr_stopped_is_started_again_and_the_runs_it_cut_short_are_recorded_as_failed()
            throws Exception {
        String scores = "async_tournament_score_calculation";
        try (AnnotationConfigApplicationContext context = BotContext.forBot(settings())) {
            BackgroundJobServer server = context.getBean(BackgroundJobServer.class);
            TaskRunRepository runs = new TaskRunRepository();
            long cutShort = runs.start(TestDatabase.get().dsl(), scores, "scheduler", Instant.now());

            server.stop(); // what JobRunr's ServerZooKeeper does when a heartbeat fails

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(server::isRunning);
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.last(TestDatabase.get().dsl(), scores)
                    .filter(run -> run.id() == cutShort && run.status() == TaskRunStatus.failed).isPresent());
            // and it works: a queued run is picked up and recorded
            context.getBean(JobRequestScheduler.class).enqueue(new TaskRequest(scores));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    runs.last(TestDatabase.get().dsl(), scores).orElseThrow().status() == TaskRunStatus.success);
        }
    }

    private static BotSettings settings() throws IOException {
        return BotSettings.fromEnvironment(Map.of(
                "DATABASE_URL", TestDatabase.jdbcUrl(), "DATABASE_USER", "postgres",
                "DASHBOARD_PORT", Integer.toString(freePort()), "DASHBOARD_PASSWORD", "s3cret-dashboard"), null);
    }

    @Test
    void rejects_bad_settings_with_the_variable_and_what_is_accepted() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BotSettings.fromEnvironment(
                        Map.of("DASHBOARD_PORT", "80000"), null))
                .hasMessage("DASHBOARD_PORT must be a port number from 1 to 65535, got '80000'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BotSettings.fromEnvironment(
                        Map.of("JOBRUNR_POLL_SECONDS", "1"), null))
                .hasMessageContaining("JOBRUNR_POLL_SECONDS must be a whole number of seconds from 5 to 3600");
        for (String bad : new String[] {"0", "10081", "an hour"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BotSettings.fromEnvironment(
                            Map.of("RACE_THREAD_ARCHIVE_MINUTES", bad), null))
                    .hasMessage("RACE_THREAD_ARCHIVE_MINUTES must be a whole number of minutes from 1 to 10080 (a "
                            + "week), got '" + bad + "'");
        }
        assertThat(BotSettings.fromEnvironment(Map.of("RACE_THREAD_ARCHIVE_MINUTES", " 15 "), null)
                .raceThreadArchive()).isEqualTo(Duration.ofMinutes(15));
        BotSettings defaults = BotSettings.fromEnvironment(Map.of(), null);
        assertThat(defaults.raceThreadArchive()).isEqualTo(Duration.ofMinutes(60));
        assertThat(defaults.dashboard().port()).isEqualTo(8000);
        assertThat(defaults.dashboard().user()).isEqualTo("admin");
        assertThat(defaults.dashboard().passwordGenerated()).isTrue();
        assertThat(defaults.dashboard().password()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(defaults.discord().token()).isEmpty();
        assertThat(defaults.discord().guildScoped()).isFalse();
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    private HttpResponse<String> get(int port, String path, String credentials)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
