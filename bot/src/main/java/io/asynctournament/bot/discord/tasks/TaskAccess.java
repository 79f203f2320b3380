package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import org.springframework.stereotype.Component;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;

import java.util.Optional;

/**
 * Who may manage which task: the built-in (global) tasks only the bot's operators; a guild's own instances the
 * operators and the members of that guild with Manage Server. A guild's admins never see or touch another guild's
 * instances.
 */
@Component
public final class TaskAccess {

    /** Why the caller may not manage the task, or empty when they may. */
    public Optional<String> refusal(Caller caller, ResolvedTask task) {
        if (caller.operator()) {
            return Optional.empty();
        }
        if (task.builtIn()) {
            return Optional.of("only the bot's operators may manage the built-in task " + task.definition().id());
        }
        if (task.discordGuildId() != caller.guildId()) {
            return Optional.of("unknown task '" + task.definition().id() + "'");
        }
        if (!caller.manageServer()) {
            return Optional.of("managing this server's tasks needs the Manage Server permission");
        }
        return Optional.empty();
    }

    /** True when the caller may manage the task. */
    public boolean mayManage(Caller caller, ResolvedTask task) {
        return refusal(caller, task).isEmpty();
    }

    /** Why the caller may not create or delete task instances of their guild, or empty when they may. */
    public Optional<String> guildRefusal(Caller caller) {
        return caller.operator() || caller.manageServer() ? Optional.empty()
                : Optional.of("managing this server's tasks needs the Manage Server permission");
    }
}
