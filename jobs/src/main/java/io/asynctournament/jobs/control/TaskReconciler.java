package io.asynctournament.jobs.control;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.task.TaskSettingRepository;
import io.asynctournament.db.task.TaskSettingRow;
import io.asynctournament.jobs.scheduling.RecurringJobs;
import io.asynctournament.jobs.tasks.BuiltInTasks;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;
import io.asynctournament.jobs.tasks.TaskType;
import org.jobrunr.jobs.RecurringJob;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps JobRunr's recurring jobs in line with the stored task state, and notices recurring jobs an operator deleted
 * on the dashboard (open-source JobRunr has no pause, so such a deletion is recorded as a pause, never undone).
 */
final class TaskReconciler {
    private final DSLContext dsl;
    private final Clock clock;
    private final TaskCatalog catalog;
    private final TaskSettingRepository settings;
    private final AuditLogRepository audit;
    private final RecurringJobs recurringJobs;
    private final TaskRegistration registration;

    TaskReconciler(DSLContext dsl, Clock clock, TaskCatalog catalog, TaskSettingRepository settings,
                   AuditLogRepository audit, RecurringJobs recurringJobs, TaskRegistration registration) {
        this.dsl = dsl;
        this.clock = clock;
        this.catalog = catalog;
        this.settings = settings;
        this.audit = audit;
        this.recurringJobs = recurringJobs;
        this.registration = registration;
    }

    /**
     * Brings JobRunr in line with the stored state. At startup ({@code startup} true) every active task is
     * (re-)registered with its stored schedule and every paused one removed. A task whose recurring job was put in
     * JobRunr but is gone now was deleted by an operator on the dashboard: that counts as a pause, recorded as one.
     *
     * @return a line for each change made
     */
    public List<String> reconcile(boolean startup) {
        Instant now = clock.instant();
        BuiltInTasks.all().forEach(task -> settings.ensureBuiltIn(dsl, task.id(), now));
        Map<String, RecurringJob> scheduled = recurringJobs.current();
        List<String> changes = new ArrayList<>();
        List<ResolvedTask> tasks = catalog.all();
        for (ResolvedTask task : tasks) {
            String id = task.definition().id();
            boolean registered = task.stored().map(TaskSettingRow::registered).orElse(false);
            boolean present = scheduled.containsKey(id);
            if (task.active() && registered && !present) {
                if (pauseAsDeletedOnDashboard(id, now)) {
                    changes.add(id + ": its recurring job was deleted on the dashboard; recorded as paused");
                }
            } else if (task.active() && (startup || !registered || !present)) {
                registration.register(task);
                changes.add(id + ": scheduled " + task.definition().schedule().describe());
            } else if (!task.active() && present) {
                recurringJobs.remove(id);
                changes.add(id + ": paused, its recurring job removed");
            }
        }
        Set<String> known = tasks.stream().map(t -> t.definition().id()).collect(Collectors.toSet());
        scheduled.keySet().stream()
                .filter(id -> !known.contains(id) && TaskType.byId(id.replaceFirst("\\.guild-\\d+$", "")).isPresent())
                .forEach(id -> {
                    recurringJobs.remove(id);
                    changes.add(id + ": no such task any more; its recurring job removed");
                });
        return changes;
    }

    /**
     * When the task's recurring job was put in JobRunr and is gone now (deleted on the dashboard), records the pause
     * before anything else is done to the task, so no later change silently re-creates the job.
     *
     * @return true when the task was found deleted and is now recorded as paused
     */
    boolean noticeDashboardDeletion(String taskId) {
        Optional<TaskSettingRow> row = settings.find(dsl, taskId);
        if (row.isEmpty() || Boolean.FALSE.equals(row.get().active()) || !row.get().registered()
                || recurringJobs.current().containsKey(taskId)) {
            return false;
        }
        return pauseAsDeletedOnDashboard(taskId, clock.instant());
    }

    private boolean pauseAsDeletedOnDashboard(String taskId, Instant now) {
        boolean paused = pauseRow(taskId, now);
        if (paused) {
            recurringJobs.remove(taskId); // an occurrence JobRunr had already scheduled would still run once
        }
        return paused;
    }

    private boolean pauseRow(String taskId, Instant now) {
        return dsl.transactionResult(tx -> {
            Optional<TaskSettingRow> locked = settings.findForUpdate(tx.dsl(), taskId);
            // Re-checked under the row lock: a pause or resume by another process may have just happened.
            if (locked.isEmpty() || Boolean.FALSE.equals(locked.get().active()) || !locked.get().registered()) {
                return false;
            }
            TaskSettingRow before = locked.get();
            TaskSettingRow after = TaskRows.withState(before, false, false, "recurring job deleted on the dashboard");
            settings.save(tx.dsl(), TaskRows.stamp(after, now, "dashboard"));
            audit.insertAll(tx.dsl(), List.of(new AuditEntry("dashboard", "task_pause", TaskRows.subject(taskId),
                    Map.of("before", TaskRows.describe(before), "after", TaskRows.describe(after),
                            "reason", "recurring job deleted on the dashboard"), now)));
            return true;
        });
    }
}
