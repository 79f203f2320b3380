package io.asynctournament.jobs.control;

import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.db.GuildRepository;
import io.asynctournament.db.TournamentRepository;
import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.task.TaskLock;
import io.asynctournament.db.task.TaskRun;
import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.db.task.TaskRunRepository.RunStats;
import io.asynctournament.db.task.TaskSettingRepository;
import io.asynctournament.db.task.TaskSettingRow;
import io.asynctournament.jobs.runner.TaskRunResult;
import io.asynctournament.jobs.runner.TaskRunner;
import io.asynctournament.jobs.scheduling.RecurringJobs;
import io.asynctournament.jobs.tasks.Schedule;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;
import io.asynctournament.jobs.tasks.TaskConfigKeys;
import io.asynctournament.jobs.tasks.TaskConfigParser;
import io.asynctournament.jobs.tasks.TaskSettingsValidator;
import io.asynctournament.jobs.tasks.TaskType;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jooq.DSLContext;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The one control plane for the tasks, behind the CLI and the slash commands: list, pause, resume, reschedule,
 * configure, run, history, create / delete (guild instances) and reset (built-ins). Each change is a transaction on
 * the task's locked row with its audit_log entry (who, what, before, after), then the matching change in JobRunr.
 * Invalid requests throw {@link UserError} and change nothing.
 */
public final class TaskControlService {
    /** How many recent runs {@code history} shows unless told otherwise, and the most it shows. */
    public static final int DEFAULT_HISTORY = 10;
    public static final int MAX_HISTORY = 100;

    private final DSLContext dsl;
    private final DataSource dataSource;
    private final Clock clock;
    private final TaskCatalog catalog;
    private final TaskSettingRepository settings;
    private final GuildRepository guilds;
    private final TournamentRepository tournaments;
    private final TaskRunRepository runs;
    private final AuditLogRepository audit;
    private final RecurringJobs recurringJobs;
    private final JobRequestScheduler jobs;
    private final TaskRunner runner;
    private final TaskConfigParser configParser = new TaskConfigParser();
    private final TaskRegistration registration;
    private final TaskReconciler reconciler;

    public TaskControlService(DSLContext dsl, DataSource dataSource, Clock clock, TaskCatalog catalog,
                              TaskSettingRepository settings, GuildRepository guilds, TournamentRepository tournaments,
                              TaskRunRepository runs, AuditLogRepository audit, RecurringJobs recurringJobs,
                              JobRequestScheduler jobs, TaskRunner runner) {
        this.dsl = dsl;
        this.dataSource = dataSource;
        this.clock = clock;
        this.catalog = catalog;
        this.settings = settings;
        this.guilds = guilds;
        this.tournaments = tournaments;
        this.runs = runs;
        this.audit = audit;
        this.recurringJobs = recurringJobs;
        this.jobs = jobs;
        this.runner = runner;
        this.registration = new TaskRegistration(dsl, settings, recurringJobs);
        this.reconciler = new TaskReconciler(dsl, clock, catalog, settings, audit, recurringJobs, registration);
    }

    /** Every task with its schedule, next three fire times, state, config, last run and 24-hour statistics. */
    public List<TaskView> list() {
        Instant now = clock.instant();
        Map<String, RecurringJob> scheduled = recurringJobs.current();
        Map<String, RunStats> stats = runs.statsSince(dsl, now.minus(Duration.ofHours(24)));
        return catalog.all().stream().map(task -> view(task, scheduled, stats, now)).toList();
    }

    /** One task as {@link #list} shows it. */
    public TaskView get(String taskId) {
        ResolvedTask task = find(taskId);
        Instant now = clock.instant();
        return view(task, recurringJobs.current(), runs.statsSince(dsl, now.minus(Duration.ofHours(24))), now);
    }

    /** Stops a task firing: its recurring job and any occurrence JobRunr already scheduled are removed. */
    public TaskView pause(String taskId, String actor) {
        ResolvedTask task = current(taskId);
        change(task, actor, "task_pause", row -> {
            if (Boolean.FALSE.equals(row.active())) {
                throw UserError.conflict("task " + taskId + " is already paused; resume it with: tasks resume "
                        + taskId);
            }
        }, row -> TaskRows.withState(row, false, false, "paused by " + actor));
        recurringJobs.remove(taskId);
        return get(taskId);
    }

    /** Lets a paused task fire again on its schedule. */
    public TaskView resume(String taskId, String actor) {
        ResolvedTask task = current(taskId);
        change(task, actor, "task_resume", row -> {
            if (!Boolean.FALSE.equals(row.active())) {
                throw UserError.conflict("task " + taskId + " is not paused, so there is nothing to resume "
                        + "(tasks list shows its state)");
            }
        }, row -> TaskRows.withState(row, true, false, null));
        register(taskId);
        return get(taskId);
    }

    /** Gives a task a new schedule (interval or cron); a running task keeps its recurring job, re-anchored. */
    public TaskView reschedule(String taskId, Schedule schedule, String actor) {
        ResolvedTask task = current(taskId);
        change(task, actor, "task_reschedule", row -> TaskRows.withSchedule(row, schedule));
        if (find(taskId).active()) {
            register(taskId);
        }
        return get(taskId);
    }

    /**
     * Sets config keys from {@code key=value} strings, checked against the task type's keys, types and ranges with
     * the task's other effective settings; {@code tournament_ids} must name existing tournaments of the task's scope.
     */
    public TaskView configure(String taskId, List<String> assignments, String actor) {
        ResolvedTask task = find(taskId);
        TaskType type = task.definition().type();
        Map<String, Object> changes = configParser.parse(type, assignments);
        Map<String, Object> effective = new LinkedHashMap<>(task.definition().config());
        TaskRows.applyConfigChanges(effective, changes);
        TaskSettingsValidator.validate(type, effective);
        checkTournamentIds(task, changes.get(TaskConfigKeys.TOURNAMENT_IDS));
        change(task, actor, "task_configure", row -> TaskRows.withConfigChanges(row, changes));
        return get(taskId);
    }

    /**
     * Asks JobRunr to run the task once now (it runs on a background job server of any bot process), with 0
     * retries: a failed run or one skipped because the task got busy meanwhile is recorded in task_run.
     *
     * @throws UserError when the task is running now: no second copy is started
     */
    public String enqueue(String taskId, String actor) {
        ResolvedTask task = find(taskId);
        if (isRunning(taskId)) {
            throw UserError.conflict("task " + taskId + " is running now; no second copy was started");
        }
        var jobId = jobs.create(RecurringJobs.oneOffRun(task.definition(), actor));
        writeAudit(actor, "task_run", taskId, Map.of("job_id", jobId.toString()));
        return "task " + taskId + " was queued to run now (job " + jobId + ")";
    }

    /**
     * Asks JobRunr to run, once now, the task of this type that covers the tournament's guild (its own instance if it
     * has one, else the built-in), over that tournament only (the run's {@code tournament_ids}), with 0 retries, as
     * {@link #enqueue} does; writes the audit entry {@code task_run} on {@code auditSubject} (e.g. the tournament).
     * The caller checks that {@code actor} may ask.
     *
     * @param guildId the tournament's guild (row id)
     * @throws UserError (conflict) when that task is running now, saying since when: no second copy is started
     */
    public QueuedRun enqueueForTournament(TaskType type, long tournamentId, long guildId, String actor,
                                          String auditSubject) {
        ResolvedTask task = catalog.covering(type, guildId);
        String taskId = task.definition().id();
        if (isRunning(taskId)) {
            String since = runs.running(dsl, taskId).map(run -> " since " + run.startedAt() + " (run " + run.id()
                    + ", " + run.trigger() + ")").orElse("");
            throw UserError.conflict("task " + taskId + " is already running" + since + "; no second copy was "
                    + "started. Try again when it has finished (tasks history " + taskId + " shows its runs).");
        }
        var jobId = jobs.create(RecurringJobs.oneOffRun(task.definition(), actor, List.of(tournamentId)));
        dsl.transaction(tx -> audit.insertAll(tx.dsl(), List.of(new AuditEntry(actor, "task_run", auditSubject,
                Map.of("task", taskId, "job_id", jobId.toString(), "tournament_ids", List.of(tournamentId)),
                clock.instant()))));
        return new QueuedRun(taskId, jobId.toString());
    }

    /**
     * A run handed to JobRunr.
     *
     * @param taskId the task that will run
     * @param jobId  JobRunr's job id
     */
    public record QueuedRun(String taskId, String jobId) {
    }

    /** Runs the task once now in this process, synchronously (the CLI's {@code tasks run}). */
    public TaskRunResult runHere(String taskId, String actor) {
        ResolvedTask task = find(taskId);
        writeAudit(actor, "task_run", taskId, Map.of("where", "in the caller's process"));
        return runner.run(task.definition(), task.scope(), actor);
    }

    /** The task's last {@code limit} runs (1 to 100), newest first. */
    public List<TaskRun> history(String taskId, int limit) {
        find(taskId);
        if (limit < 1 || limit > MAX_HISTORY) {
            throw UserError.badInput("the number of runs must be from 1 to " + MAX_HISTORY + ", got " + limit);
        }
        return runs.history(dsl, taskId, limit);
    }

    /**
     * Creates a guild's own instance of a task type, starting with the built-in's schedule; its config keys fall back
     * to the built-in's until set. From then on the built-in of that type skips the guild.
     *
     * @param guildName the guild's name, used if the guild is not known yet
     */
    public TaskView create(TaskType type, long discordGuildId, String guildName, String actor) {
        if (discordGuildId <= 0) {
            throw UserError.badInput("a guild id is a positive Discord id, got " + discordGuildId);
        }
        String id = TaskCatalog.guildInstanceId(type, discordGuildId);
        if (catalog.find(id).isPresent()) {
            throw UserError.conflict("guild " + discordGuildId + " already has its own " + type.id()
                    + " (task " + id + ")");
        }
        ResolvedTask builtIn = find(type.id());
        Instant now = clock.instant();
        dsl.transaction(tx -> {
            long guildId = guilds.findOrCreate(tx.dsl(), discordGuildId, guildName);
            Schedule schedule = builtIn.definition().schedule();
            TaskSettingRow row = TaskRows.withSchedule(new TaskSettingRow(id, type.id(), guildId, discordGuildId,
                    true, null, null, null, Map.of(), false, null, now, actor), schedule);
            settings.save(tx.dsl(), row);
            audit.insertAll(tx.dsl(), List.of(new AuditEntry(actor, "task_create", TaskRows.subject(id),
                    Map.of("before", Map.of(), "after", TaskRows.describe(row)), now)));
        });
        register(id);
        return get(id);
    }

    /** Deletes a guild instance; its guild goes back to the built-in task of that type. */
    public void delete(String taskId, String actor) {
        ResolvedTask task = find(taskId);
        if (task.builtIn()) {
            throw UserError.badInput("task " + taskId + " is built in and cannot be deleted; pause it, or "
                    + "reset it to its defaults");
        }
        Instant now = clock.instant();
        dsl.transaction(tx -> {
            TaskSettingRow row = settings.findForUpdate(tx.dsl(), taskId).orElseThrow(() -> unknown(taskId));
            settings.delete(tx.dsl(), taskId);
            audit.insertAll(tx.dsl(), List.of(new AuditEntry(actor, "task_delete", TaskRows.subject(taskId),
                    Map.of("before", TaskRows.describe(row), "after", Map.of()), now)));
        });
        recurringJobs.remove(taskId);
    }

    /** Drops every admin change to a built-in: its code defaults apply again and it is active. */
    public TaskView reset(String taskId, String actor) {
        ResolvedTask task = current(taskId);
        if (!task.builtIn()) {
            throw UserError.badInput("task " + taskId + " is a guild instance; reset applies to built-in "
                    + "tasks (delete the instance to hand the guild back to the built-in)");
        }
        change(task, actor, "task_reset", row -> new TaskSettingRow(row.id(), row.type(), null, null, null, null,
                null, null, Map.of(), false, null, row.updatedAt(), row.updatedBy()));
        register(taskId);
        return get(taskId);
    }

    /**
     * Brings JobRunr in line with the stored state (see {@link TaskReconciler#reconcile}).
     *
     * @return a line for each change made
     */
    public List<String> reconcile(boolean startup) {
        return reconciler.reconcile(startup);
    }

    private void register(String taskId) {
        registration.register(find(taskId));
    }

    private boolean isRunning(String taskId) {
        try {
            return TaskLock.isHeld(dataSource, taskId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check whether task " + taskId + " is running", e);
        }
    }

    private void change(ResolvedTask task, String actor, String action, UnaryOperator<TaskSettingRow> update) {
        change(task, actor, action, row -> { }, update);
    }

    /**
     * One change to a task's row, under the row's lock, with its audit entry.
     *
     * @param precondition checked on the locked row (a concurrent change may have just happened); throws to refuse
     */
    private void change(ResolvedTask task, String actor, String action,
                        java.util.function.Consumer<TaskSettingRow> precondition, UnaryOperator<TaskSettingRow> update) {
        String taskId = task.definition().id();
        Instant now = clock.instant();
        dsl.transaction(tx -> {
            if (task.builtIn()) {
                settings.ensureBuiltIn(tx.dsl(), taskId, now);
            }
            TaskSettingRow before = settings.findForUpdate(tx.dsl(), taskId).orElseThrow(() -> unknown(taskId));
            precondition.accept(before);
            TaskSettingRow after = TaskRows.stamp(update.apply(before), now, actor);
            settings.save(tx.dsl(), after);
            audit.insertAll(tx.dsl(), List.of(new AuditEntry(actor, action, TaskRows.subject(taskId),
                    Map.of("before", TaskRows.describe(before), "after", TaskRows.describe(after)), now)));
        });
    }

    private void writeAudit(String actor, String action, String taskId, Map<String, ?> details) {
        dsl.transaction(tx -> audit.insertAll(tx.dsl(), List.of(new AuditEntry(actor, action, TaskRows.subject(taskId),
                details, clock.instant()))));
    }

    private void checkTournamentIds(ResolvedTask task, Object ids) {
        if (!(ids instanceof List<?> list) || list.isEmpty()) {
            return;
        }
        List<Long> wanted = list.stream().map(id -> ((Number) id).longValue()).toList();
        Long guildId = task.scope().onlyGuildId();
        Set<Long> found = tournaments.existingIds(dsl, wanted, guildId);
        Set<Long> missing = new TreeSet<>(wanted);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw UserError.badInput(TaskConfigKeys.TOURNAMENT_IDS + " names no tournament "
                    + (guildId == null ? "" : "of guild " + task.discordGuildId() + " ") + "with id(s) " + missing
                    + "; accepted: ids of existing tournaments" + (guildId == null ? "" : " of that guild"));
        }
    }

    /** The task, after recording as a pause a deletion of its recurring job on the dashboard not noticed yet. */
    private ResolvedTask current(String taskId) {
        ResolvedTask task = find(taskId);
        return reconciler.noticeDashboardDeletion(task.definition().id()) ? find(taskId) : task;
    }

    private ResolvedTask find(String taskId) {
        return catalog.find(taskId == null ? "" : taskId.strip()).orElseThrow(() -> unknown(taskId));
    }

    private UserError unknown(String taskId) {
        return UserError.notFound("unknown task '" + taskId + "'; known tasks: " + catalog.all().stream()
                .map(t -> t.definition().id()).collect(Collectors.joining(", ")));
    }

    private TaskView view(ResolvedTask task, Map<String, RecurringJob> scheduled, Map<String, RunStats> stats,
                          Instant now) {
        String id = task.definition().id();
        RecurringJob job = scheduled.get(id);
        List<Instant> next = job == null ? List.of()
                : task.definition().schedule().nextFireTimes(job.getCreatedAt(), now, 3);
        return new TaskView(task, job != null, next, runs.last(dsl, id),
                stats.getOrDefault(id, new RunStats(0, 0, null)),
                task.stored().map(TaskSettingRow::pauseReason).orElse(null));
    }
}
