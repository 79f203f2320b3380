package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.bot.discord.interaction.CommandOptions;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import io.asynctournament.jobs.control.TaskControlService;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** {@code /tasks pause}: Stop a task firing until it is resumed */
@Component
@Order(2)
public final class TasksPauseSubcommand implements TasksSubcommand {
    private final TaskControlService control;
    private final TaskGate gate;

    public TasksPauseSubcommand(TaskControlService control, TaskGate gate) {
        this.control = control;
        this.gate = gate;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("pause", "Stop a task firing until it is resumed").addOptions(TaskOptions.task());
    }

    @Override
    public MessageEmbed handle(CommandOptions options, Caller caller) {
        String taskId = gate.require(caller, options.requiredString(TaskOptions.TASK), "pause").definition().id();
        return TaskEmbeds.task("Paused " + taskId, control.pause(taskId, caller.actor()));
    }
}
