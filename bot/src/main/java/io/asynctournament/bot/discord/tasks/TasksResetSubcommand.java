package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.bot.discord.interaction.CommandOptions;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import io.asynctournament.jobs.control.TaskControlService;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** {@code /tasks reset}: Drop every change to a built-in task: default schedule and config, active */
@Component
@Order(10)
public final class TasksResetSubcommand implements TasksSubcommand {
    private final TaskControlService control;
    private final TaskGate gate;

    public TasksResetSubcommand(TaskControlService control, TaskGate gate) {
        this.control = control;
        this.gate = gate;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("reset", "Drop every change to a built-in task: default schedule and config, active").addOptions(TaskOptions.task());
    }

    @Override
    public MessageEmbed handle(CommandOptions options, Caller caller) {
        String taskId = gate.require(caller, options.requiredString(TaskOptions.TASK), "reset").definition().id();
        return TaskEmbeds.task("Reset " + taskId, control.reset(taskId, caller.actor()));
    }
}
