package io.asynctournament.bot.commands.tasks;

import io.asynctournament.jobs.control.TaskControlService;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** {@code /tasks run}: queue one run now; a running task is not started twice. */
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
