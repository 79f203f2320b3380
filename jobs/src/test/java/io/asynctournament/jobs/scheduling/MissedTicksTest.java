package io.asynctournament.jobs.scheduling;

import io.asynctournament.db.Database;
import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.db.task.TaskSettingRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.runner.TaskRequest;
import io.asynctournament.jobs.tasks.BuiltInTasks;
import io.asynctournament.jobs.tasks.TaskCatalog;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.jobs.states.ProcessingState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The catch-up after a database outage stopped the job server: one run for each task whose tick came and went. */
@ExtendWith(DatabaseExtension.class)
class MissedTicksTest {
    private static final String PENDING = "async_tournament_timeout_pending";
    private static final String IN_PROGRESS = "async_tournament_timeout_in_progress";
    private static final String SCORES = "async_tournament_score_calculation";

    private final Database database = TestDatabase.get();
    private final TaskRunRepository runs = new TaskRunRepository();
    private StorageProvider storage;
    private RecurringJobs recurringJobs;
    private MutableClock clock;
    private MissedTicks missedTicks;

    @BeforeEach
    void registeredTasks() {
        storage = JobRunrStorage.create(database.dataSource(), JobRunrStorage.jsonMapper());
        recurringJobs = new RecurringJobs(new JobRequestScheduler(storage), storage);
        BuiltInTasks.all().forEach(recurringJobs::register); // every minute, every minute, every hour
        clock = new MutableClock(Instant.now());
        TaskTimeliness timeliness = new TaskTimeliness(database.dsl(),
                new TaskCatalog(database.dsl(), new TaskSettingRepository()), runs, recurringJobs);
        missedTicks = new MissedTicks(timeliness, recurringJobs, clock, Duration.ofSeconds(5));
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @Test
    void queues_one_catch_up_run_for_each_task_whose_tick_passed_and_none_for_a_task_not_due_yet() {
        clock.tick(Duration.ofMinutes(3)); // three ticks of the sweeps missed, the hourly task not due

        List<String> lines = missedTicks.catchUp();

        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains("catch-up run queued"));
        assertThat(enqueued()).extracting(this::taskId).containsExactlyInAnyOrder(PENDING, IN_PROGRESS);
        assertThat(enqueued()).allSatisfy(job -> {
            assertThat(((TaskRequest) job.getJobDetails().getJobParameterValues()[0]).getTrigger())
                    .isEqualTo(MissedTicks.TRIGGER);
            assertThat(job.getAmountOfRetries()).isZero();
        });

        assertThat(missedTicks.catchUp()).as("a task with a run queued gets no second one").isEmpty();
        assertThat(enqueued()).hasSize(2);
    }

    @Test
    void a_task_that_ran_since_its_last_tick_is_not_caught_up() {
        clock.tick(Duration.ofSeconds(90));
        runs.start(database.dsl(), PENDING, "scheduler", clock.instant().minusSeconds(10));

        missedTicks.catchUp();

        assertThat(enqueued()).extracting(this::taskId).containsExactly(IN_PROGRESS);
    }

    @Test
    void an_occurrence_scheduled_before_the_outage_and_due_since_is_enqueued_instead_of_a_catch_up_run() {
        RecurringJob pending = recurringJobs.current().get(PENDING);
        Job occurrence = storage.save(pending.toScheduledJob());
        clock.tick(Duration.ofMinutes(2));

        List<String> lines = missedTicks.catchUp();

        assertThat(lines).contains(PENDING + ": its occurrence scheduled before the outage and due since was enqueued");
        assertThat(storage.getJobById(occurrence.getId()).getState()).isEqualTo(StateName.ENQUEUED);
        assertThat(enqueued()).extracting(this::taskId).containsExactlyInAnyOrder(PENDING, IN_PROGRESS);
        assertThat(enqueued()).filteredOn(job -> taskId(job).equals(PENDING)).singleElement()
                .satisfies(job -> assertThat(job.getId()).isEqualTo(occurrence.getId()));
    }

    @Test
    void a_run_left_processing_by_a_job_server_that_is_gone_does_not_hold_the_catch_up_back_but_a_live_one_does() {
        clock.tick(Duration.ofMinutes(2));
        Instant realNow = Instant.now();
        RecurringJob pending = recurringJobs.current().get(PENDING);
        Job orphan = new Job(UUID.randomUUID(), pending.getJobDetails(),
                new ProcessingState(UUID.randomUUID(), "gone", realNow, realNow)); // not updated for 2 minutes
        orphan.setRecurringJobId(PENDING);
        storage.save(orphan);
        RecurringJob inProgress = recurringJobs.current().get(IN_PROGRESS);
        Job live = new Job(UUID.randomUUID(), inProgress.getJobDetails(),
                new ProcessingState(UUID.randomUUID(), "alive", realNow, clock.instant().minusSeconds(3)));
        live.setRecurringJobId(IN_PROGRESS);
        storage.save(live);

        missedTicks.catchUp();

        assertThat(enqueued()).extracting(this::taskId).containsExactly(PENDING);
    }

    private List<Job> enqueued() {
        return storage.getJobList(StateName.ENQUEUED, new AmountRequest("updatedAt:ASC", 100));
    }

    private String taskId(Job job) {
        return ((TaskRequest) job.getJobDetails().getJobParameterValues()[0]).getTaskId();
    }
}
