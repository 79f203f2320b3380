package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.bot.discord.interaction.CommandOptions;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import io.asynctournament.jobs.control.TaskControlService;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** {@code /tasks delete}: delete this server's own task instance; the server goes back to the built-in. */
@Component
@Order(9)
public final class TasksDeleteSubcommand implements TasksSubcommand {
    private final TaskControlService control;
    private final TaskGate gate;

    public TasksDeleteSubcommand(TaskControlService control, TaskGate gate) {
        this.control = control;
        this.gate = gate;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("delete", "Delete this server's own task; the server goes back to the built-in one")
                .addOptions(TaskOptions.task());
    }

    @Override
    public MessageEmbed handle(CommandOptions options, Caller caller) {
        String taskId = gate.require(caller, options.requiredString(TaskOptions.TASK), "delete").definition().id();
        control.delete(taskId, caller.actor());
        return TaskEmbeds.message("Deleted " + taskId, "This server's tournaments are handled by the built-in task "
                + "again.", false);
    }
}
