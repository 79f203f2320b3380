package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.jobs.errors.UserError;
import org.springframework.stereotype.Component;
import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;
import io.asynctournament.jobs.validation.Names;
import org.jooq.DSLContext;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, before any work, that the caller may manage the task they named (the permission rules are in
 * {@link TaskAccess}); a refusal is written to the audit log and thrown as {@link UserError} (refused).
 */
@Component
public final class TaskGate {
    private final TaskCatalog catalog;
    private final TaskAccess access;
    private final AuditLogRepository audit;
    private final DSLContext dsl;
    private final Clock clock;

    public TaskGate(TaskCatalog catalog, TaskAccess access, AuditLogRepository audit, DSLContext dsl, Clock clock) {
        this.catalog = catalog;
        this.access = access;
        this.audit = audit;
        this.dsl = dsl;
        this.clock = clock;
    }

    /**
     * The task, when the caller may manage it.
     *
     * @throws UserError (not found) for an unknown task (or another guild's, which the caller cannot see)
     * @throws UserError (refused)     when the caller may not manage it
     */
    public ResolvedTask require(Caller caller, String taskId, String action) {
        ResolvedTask task = catalog.find(taskId).orElse(null);
        if (task == null || (!caller.operator() && !task.builtIn() && task.discordGuildId() != caller.guildId())) {
            // an unknown id is whatever the caller typed: audit and echo it escaped and cut to a name's length
            String shown = Names.printable(taskId, Names.MAX_LENGTH);
            refuse(caller, "task:" + shown, action, "unknown task");
            throw UserError.notFound("unknown task '" + shown + "'; pick one from the list "
                    + "(`/tasks list` shows the tasks you may manage)");
        }
        Optional<String> refusal = access.refusal(caller, task);
        if (refusal.isPresent()) {
            refuse(caller, "task:" + taskId, action, refusal.get());
            throw UserError.refused(refusal.get());
        }
        return task;
    }

    /**
     * Checks that the caller may create or delete their guild's own task instances.
     *
     * @throws UserError (refused) when they may not
     */
    public void requireGuildAdmin(Caller caller, String subject, String action) {
        Optional<String> refusal = access.guildRefusal(caller);
        if (refusal.isPresent()) {
            refuse(caller, subject, action, refusal.get());
            throw UserError.refused(refusal.get());
        }
    }

    /** The tasks the caller may manage. */
    public List<ResolvedTask> manageable(Caller caller) {
        return catalog.all().stream().filter(task -> access.mayManage(caller, task)).toList();
    }

    private void refuse(Caller caller, String subject, String action, String reason) {
        dsl.transaction(tx -> audit.insertAll(tx.dsl(), List.of(new AuditEntry(caller.actor(), "refused",
                subject, Map.of("command", action, "guild", Long.toString(caller.guildId()), "reason", reason),
                clock.instant()))));
    }
}
