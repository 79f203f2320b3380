package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.bot.discord.interaction.CommandOptions;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import io.asynctournament.jobs.control.TaskControlService;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** {@code /tasks run}: queue one run now; a running task is not started twice. */
@Component
@Order(6)
public final class TasksRunSubcommand implements TasksSubcommand {
    private final TaskControlService control;
    private final TaskGate gate;

    public TasksRunSubcommand(TaskControlService control, TaskGate gate) {
        this.control = control;
        this.gate = gate;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("run", "Run a task once now (never a second copy of a running task)")
                .addOptions(TaskOptions.task());
    }

    @Override
    public MessageEmbed handle(CommandOptions options, Caller caller) {
        String taskId = gate.require(caller, options.requiredString(TaskOptions.TASK), "run").definition().id();
        return TaskEmbeds.message("Run queued", control.enqueue(taskId, caller.actor())
                + "\nSee its result with `/tasks history`.", false);
    }
}
