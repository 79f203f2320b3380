package io.asynctournament.jobs.control;

import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.db.Json;
import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.task.TaskLock;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.tasks.Schedule;
import io.asynctournament.jobs.tasks.ScheduleParser;
import io.asynctournament.jobs.tasks.TaskType;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.jobs.states.StateName;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.TASK_SETTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DatabaseExtension.class)
class TaskControlServiceTest {
    private static final String PENDING = "async_tournament_timeout_pending";
    private static final String IN_PROGRESS = "async_tournament_timeout_in_progress";
    private static final String SCORES = "async_tournament_score_calculation";

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    private final ScheduleParser schedules = new ScheduleParser(Duration.ofSeconds(5));
    private ControlPlane plane;
    private TaskControlService control;

    @BeforeEach
    void startedProcess() {
        plane = new ControlPlane(TestDatabase.get(), clock);
        control = plane.control;
        control.reconcile(true);
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    @Test
    void list_shows_the_built_ins_with_schedule_next_fire_times_and_config() {
        List<TaskView> views = control.list();

        assertThat(views).extracting(TaskView::id).containsExactly(PENDING, IN_PROGRESS, SCORES);
        TaskView pending = views.get(0);
        assertThat(pending.scope()).isEqualTo("global");
        assertThat(pending.scheduled()).isTrue();
        assertThat(pending.task().active()).isTrue();
        assertThat(pending.task().definition().config()).containsEntry("warning_minutes", 10)
                .containsEntry("timeout_minutes", 20);
        assertThat(pending.nextFireTimes()).hasSize(3);
        assertThat(Duration.between(pending.nextFireTimes().get(0), pending.nextFireTimes().get(1)))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(plane.recurringJobs.current()).containsOnlyKeys(PENDING, IN_PROGRESS, SCORES);
    }

    @Test
    void pause_removes_the_recurring_job_and_an_occurrence_already_scheduled_and_resume_restores_it() {
        RecurringJob recurring = plane.recurringJobs.current().get(PENDING);
        plane.storage.save(recurring.toScheduledJob());
        plane.storage.save(recurring.toEnqueuedJob());
        assertThat(pendingOccurrences(PENDING)).isEqualTo(2);

        TaskView paused = control.pause(PENDING, "cli:alice");

        assertThat(paused.task().active()).isFalse();
        assertThat(paused.scheduled()).isFalse();
        assertThat(paused.nextFireTimes()).isEmpty();
        assertThat(plane.recurringJobs.current()).doesNotContainKey(PENDING);
        assertThat(pendingOccurrences(PENDING)).isZero();
        AuditEntry entry = lastAudit();
        assertThat(entry.actor()).isEqualTo("cli:alice");
        assertThat(entry.action()).isEqualTo("task_pause");
        assertThat(entry.subject()).isEqualTo("task:" + PENDING);
        assertThat(entry.details().toString()).contains("before").contains("after");

        TaskView resumed = control.resume(PENDING, "cli:alice");

        assertThat(resumed.task().active()).isTrue();
        assertThat(plane.recurringJobs.current()).containsKey(PENDING);
        assertThat(lastAudit().action()).isEqualTo("task_resume");
    }

    @Test
    void pausing_a_paused_task_or_resuming_an_active_one_is_refused_and_changes_nothing() {
        control.pause(SCORES, "cli:alice");
        Snapshot before = snapshot();

        assertThatThrownBy(() -> control.pause(SCORES, "cli:bob")).isInstanceOf(UserError.class)
                .hasMessage("task " + SCORES + " is already paused; resume it with: tasks resume " + SCORES);
        assertThatThrownBy(() -> control.resume(PENDING, "cli:bob")).hasMessageStartingWith("task " + PENDING
                + " is not paused");
        assertThatThrownBy(() -> control.pause("nope", "cli:bob")).hasMessageStartingWith("unknown task 'nope'; "
                + "known tasks: " + PENDING);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void reschedule_to_an_interval_or_a_cron_updates_jobrunr_and_shows_the_next_three_fire_times() {
        TaskView every5 = control.reschedule(SCORES, schedules.interval("5m"), "cli:alice");

        assertThat(every5.task().definition().schedule()).isEqualTo(new Schedule.Interval(Duration.ofMinutes(5)));
        assertThat(plane.recurringJobs.current().get(SCORES).getScheduleExpression()).isEqualTo("PT5M");
        assertThat(every5.nextFireTimes()).hasSize(3);

        TaskView cron = control.reschedule(SCORES, schedules.cron("0 */2 * * *", "Europe/Paris"), "cli:alice");

        assertThat(plane.recurringJobs.current().get(SCORES).getScheduleExpression()).isEqualTo("0 */2 * * *");
        assertThat(plane.recurringJobs.current().get(SCORES).getZoneId()).isEqualTo("Europe/Paris");
        assertThat(cron.nextFireTimes()).containsExactly(Instant.parse("2026-05-01T10:00:00Z").plus(Duration.ofHours(2)),
                Instant.parse("2026-05-01T14:00:00Z"), Instant.parse("2026-05-01T16:00:00Z"));
        assertThat(lastAudit().details().get("after").toString()).contains("cron \"0 */2 * * *\" (Europe/Paris)");
    }

    @Test
    void bad_schedules_are_refused_with_what_is_accepted() {
        assertThatThrownBy(() -> schedules.interval("5 minutes")).isInstanceOf(UserError.class)
                .hasMessageContaining("accepted: a whole number with s, m, h or d, e.g. 90s, 5m, 1h (at least 10s)");
        assertThatThrownBy(() -> schedules.interval("9s")).hasMessageContaining("at least 10s");
        assertThatThrownBy(() -> schedules.interval("8d")).hasMessageContaining("at most 7d");
        assertThatThrownBy(() -> schedules.cron("0 */2 * *", null))
                .hasMessageContaining("has 4 field(s); accepted: 5 fields");
        assertThatThrownBy(() -> schedules.cron("0 25 * * *", null)).hasMessageContaining("is not valid");
        assertThatThrownBy(() -> schedules.cron("* * * * * *", null)).hasMessageContaining("at least 10s between runs");
        assertThatThrownBy(() -> schedules.cron("0 * * * *", "Mars/Olympus"))
                .hasMessageContaining("zone 'Mars/Olympus' is not a time zone");
        assertThat(schedules.cron("0 0 * * *", null).zone()).isEqualTo(ZoneId.of("Z"));
    }

    @Test
    void configure_sets_typed_keys_on_top_of_the_defaults() {
        TaskView view = control.configure(PENDING, List.of("timeout_minutes=30", "warning_minutes=5"), "cli:alice");

        assertThat(view.task().definition().config()).containsEntry("timeout_minutes", 30)
                .containsEntry("warning_minutes", 5);
        assertThat(control.configure(IN_PROGRESS, List.of("max_hours=24"), "cli:alice").task().definition().config())
                .containsEntry("max_hours", 24);
        assertThat(lastAudit().details().get("before").toString()).contains("config={}");
        assertThat(lastAudit().details().get("after").toString()).contains("max_hours=24");
    }

    @Test
    void every_bad_config_is_refused_naming_the_key_and_changes_nothing() {
        control.configure(PENDING, List.of("timeout_minutes=30"), "cli:alice");
        Snapshot before = snapshot();

        assertThatThrownBy(() -> control.configure(PENDING, List.of("colour=blue"), "cli:bob"))
                .hasMessage("unknown key 'colour' for " + PENDING + "; accepted: warning_minutes (a whole number of "
                        + "minutes from 1, below timeout_minutes), timeout_minutes (a whole number of minutes from 1 "
                        + "to 10080)");
        assertThatThrownBy(() -> control.configure(PENDING, List.of("warning_minutes=ten"), "cli:bob"))
                .hasMessageStartingWith("warning_minutes must be a whole number of minutes from 1");
        assertThatThrownBy(() -> control.configure(PENDING, List.of("warning_minutes=30"), "cli:bob"))
                .hasMessage("warning_minutes (30) must be below timeout_minutes (30)");
        assertThatThrownBy(() -> control.configure(PENDING, List.of("timeout_minutes=0"), "cli:bob"))
                .hasMessage("timeout_minutes must be from 1 to 10080, got 0");
        assertThatThrownBy(() -> control.configure(PENDING, List.of("timeout_minutes"), "cli:bob"))
                .hasMessageStartingWith("'timeout_minutes' is not key=value");
        assertThatThrownBy(() -> control.configure(IN_PROGRESS, List.of("max_hours=169"), "cli:bob"))
                .hasMessage("max_hours must be from 1 to 168, got 169");
        assertThatThrownBy(() -> control.configure(IN_PROGRESS, List.of("max_hours=-1"), "cli:bob"))
                .hasMessage("max_hours must be from 1 to 168, got -1");
        assertThatThrownBy(() -> control.configure(SCORES, List.of("tournament_ids=1,x"), "cli:bob"))
                .hasMessageStartingWith("tournament_ids must be tournament ids separated by commas");
        assertThatThrownBy(() -> control.configure(SCORES, List.of("tournament_ids=424242"), "cli:bob"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("tournament_ids names no tournament with id(s) [424242]");
        assertThatThrownBy(() -> control.configure(SCORES, List.of(), "cli:bob"))
                .hasMessageStartingWith("no settings given");

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void run_queues_one_run_in_jobrunr_but_never_a_second_copy_of_a_running_task() throws Exception {
        String message = control.enqueue(SCORES, "cli:alice");
        assertThat(message).startsWith("task " + SCORES + " was queued to run now");
        assertThat(plane.storage.countJobs(StateName.ENQUEUED)).isEqualTo(1);

        Optional<TaskLock> running = TaskLock.tryAcquire(TestDatabase.get().dataSource(), IN_PROGRESS);
        try {
            assertThatThrownBy(() -> control.enqueue(IN_PROGRESS, "cli:alice"))
                    .hasMessage("task " + IN_PROGRESS + " is running now; no second copy was started");
            assertThat(control.runHere(IN_PROGRESS, "cli:alice").alreadyRunning()).isTrue();
        } finally {
            running.orElseThrow().close();
        }
        assertThat(plane.storage.countJobs(StateName.ENQUEUED)).isEqualTo(1);
    }

    @Test
    void history_shows_the_last_runs_newest_first() {
        control.runHere(SCORES, "cli:alice");
        clock.tick(Duration.ofMinutes(1));
        control.runHere(SCORES, "cli:bob");

        assertThat(control.history(SCORES, 10)).extracting(r -> r.trigger()).containsExactly("cli:bob", "cli:alice");
        assertThat(control.history(SCORES, 1)).hasSize(1);
        assertThatThrownBy(() -> control.history(SCORES, 0)).hasMessage("the number of runs must be from 1 to 100, "
                + "got 0");
        assertThatThrownBy(() -> control.history("nope", 5)).hasMessageStartingWith("unknown task 'nope'");
    }

    @Test
    void create_delete_and_reset_follow_their_rules() {
        TaskView created = control.create(TaskType.TIMEOUT_PENDING, 123456789L, "Speedrun Club", "cli:alice");

        assertThat(created.id()).isEqualTo(PENDING + ".guild-123456789");
        assertThat(created.scope()).isEqualTo("guild 123456789");
        assertThat(plane.recurringJobs.current()).containsKey(created.id());
        assertThat(lastAudit().action()).isEqualTo("task_create");
        assertThatThrownBy(() -> control.create(TaskType.TIMEOUT_PENDING, 123456789L, "x", "cli:alice"))
                .hasMessageContaining("already has its own");
        assertThatThrownBy(() -> control.reset(created.id(), "cli:alice")).hasMessageContaining("is a guild instance");
        assertThatThrownBy(() -> control.delete(PENDING, "cli:alice")).hasMessageContaining("is built in and cannot "
                + "be deleted");

        control.delete(created.id(), "cli:alice");

        assertThat(plane.recurringJobs.current()).doesNotContainKey(created.id());
        assertThat(control.list()).extracting(TaskView::id).doesNotContain(created.id());
        assertThat(lastAudit().action()).isEqualTo("task_delete");

        control.reschedule(PENDING, schedules.interval("2m"), "cli:alice");
        control.configure(PENDING, List.of("timeout_minutes=45"), "cli:alice");
        control.pause(PENDING, "cli:alice");
        TaskView reset = control.reset(PENDING, "cli:alice");

        assertThat(reset.task().active()).isTrue();
        assertThat(reset.task().definition().schedule()).isEqualTo(new Schedule.Interval(Duration.ofSeconds(60)));
        assertThat(reset.task().definition().config()).containsEntry("timeout_minutes", 20);
        assertThat(plane.recurringJobs.current().get(PENDING).getScheduleExpression()).isEqualTo("PT1M");
    }

    @Test
    void pause_and_reschedule_survive_a_restart() {
        control.pause(IN_PROGRESS, "cli:alice");
        control.reschedule(SCORES, schedules.cron("30 3 * * *", null), "cli:alice");
        plane.close();

        // a new process on the same database: JobRunr still holds its recurring jobs; startup reconciles them
        plane = new ControlPlane(TestDatabase.get(), clock);
        control = plane.control;
        control.reconcile(true);

        Map<String, RecurringJob> scheduled = plane.recurringJobs.current();
        assertThat(scheduled).containsOnlyKeys(PENDING, SCORES);
        assertThat(scheduled.get(SCORES).getScheduleExpression()).isEqualTo("30 3 * * *");
        assertThat(control.get(IN_PROGRESS).task().active()).isFalse();
    }

    @Test
    void a_recurring_job_deleted_on_the_dashboard_counts_as_a_pause_and_is_not_recreated() {
        plane.jobs.deleteRecurringJob(PENDING); // what the dashboard's delete button does

        List<String> changes = control.reconcile(false);

        assertThat(changes).containsExactly(PENDING + ": its recurring job was deleted on the dashboard; recorded as "
                + "paused");
        TaskView view = control.get(PENDING);
        assertThat(view.task().active()).isFalse();
        assertThat(view.pauseReason()).isEqualTo("recurring job deleted on the dashboard");
        AuditEntry entry = lastAudit();
        assertThat(entry.actor()).isEqualTo("dashboard");
        assertThat(entry.action()).isEqualTo("task_pause");

        assertThat(control.reconcile(false)).isEmpty();
        assertThat(control.reconcile(true)).doesNotContain(PENDING + ": scheduled every 1m");
        assertThat(plane.recurringJobs.current()).doesNotContainKey(PENDING);
    }

    @Test
    void two_pauses_at_the_same_moment_pause_once_and_the_other_is_told() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.Callable<String> pause = () -> {
                start.await();
                try {
                    control.pause(SCORES, "cli:" + Thread.currentThread().getName());
                    return "paused";
                } catch (UserError e) {
                    return e.getMessage();
                }
            };
            var first = pool.submit(pause);
            var second = pool.submit(pause);
            assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder("paused",
                    "task " + SCORES + " is already paused; resume it with: tasks resume " + SCORES);
        } finally {
            pool.shutdownNow();
        }
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("task_pause"))).isEqualTo(1);
    }

    @Test
    void rescheduling_deletes_the_occurrence_scheduled_on_the_old_schedule() {
        plane.storage.save(plane.recurringJobs.current().get(SCORES).toScheduledJob());
        assertThat(pendingOccurrences(SCORES)).isEqualTo(1);

        control.reschedule(SCORES, schedules.interval("15s"), "cli:alice");

        assertThat(pendingOccurrences(SCORES)).isZero();
    }

    @Test
    void a_change_made_before_the_dashboard_deletion_was_noticed_does_not_recreate_the_job() {
        RecurringJob recurring = plane.recurringJobs.current().get(IN_PROGRESS);
        plane.storage.save(recurring.toScheduledJob());
        plane.jobs.deleteRecurringJob(IN_PROGRESS); // on the dashboard; the occurrence it scheduled is still there

        control.reschedule(IN_PROGRESS, schedules.interval("30s"), "cli:alice");

        assertThat(plane.recurringJobs.current()).doesNotContainKey(IN_PROGRESS);
        assertThat(pendingOccurrences(IN_PROGRESS)).isZero();
        TaskView view = control.get(IN_PROGRESS);
        assertThat(view.task().active()).isFalse();
        assertThat(view.task().definition().schedule().describe()).isEqualTo("every 30s");
        assertThat(control.resume(IN_PROGRESS, "cli:alice").scheduled()).isTrue();
    }

    @Test
    void more_schedule_and_config_mistakes_are_refused() {
        assertThatThrownBy(() -> schedules.cron("0,5 * * * * *", null)).hasMessageContaining("fires 5s apart");
        assertThatThrownBy(() -> schedules.cron("0 * * * *", "")).hasMessageStartingWith("zone is empty");
        assertThat(schedules.cron("0 * * * *", "+05:00").zone()).isEqualTo(ZoneId.of("+05:00"));
        assertThatThrownBy(() -> schedules.interval("99999999999999h")).hasMessageContaining("is too long");
        assertThatThrownBy(() -> control.configure(IN_PROGRESS, List.of("max_hours=3", "max_hours=4"), "cli:bob"))
                .hasMessage("max_hours is given twice; give each key once");
        assertThatThrownBy(() -> control.configure(SCORES, List.of("tournament_ids="), "cli:bob"))
                .hasMessageStartingWith("tournament_ids is empty; accepted:");
    }

    private long pendingOccurrences(String taskId) {
        return java.util.stream.Stream.of(StateName.SCHEDULED, StateName.ENQUEUED)
                .flatMap(state -> plane.storage.getJobList(state,
                        new org.jobrunr.storage.navigation.AmountRequest("updatedAt:ASC", 100)).stream())
                .map(Job::getRecurringJobId).filter(id -> id.map(String::strip).filter(taskId::equals).isPresent())
                .count();
    }

    private AuditEntry lastAudit() {
        return dsl.selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.ID.desc()).limit(1).fetchOne(r -> new AuditEntry(
                r.getActor(), r.getAction(), r.getSubject(), Json.map(r.getDetails()), r.getAt().toInstant()));
    }

    private Snapshot snapshot() {
        return new Snapshot(dsl.selectFrom(TASK_SETTING).orderBy(TASK_SETTING.ID).fetch().formatCSV(),
                dsl.fetchCount(AUDIT_LOG), plane.recurringJobs.current().keySet().toString());
    }

    private record Snapshot(String settings, int auditRows, String recurringJobs) {
    }
}
