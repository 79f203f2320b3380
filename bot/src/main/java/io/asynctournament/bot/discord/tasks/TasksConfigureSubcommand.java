package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.bot.discord.interaction.CommandOptions;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import io.asynctournament.jobs.control.TaskControlService;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

import java.util.List;

/** {@code /tasks configure}: set one config key; the keys offered are those of the chosen task's type. */
@Component
@Order(5)
public final class TasksConfigureSubcommand implements TasksSubcommand {
    static final String KEY = "key";

    private final TaskControlService control;
    private final TaskGate gate;

    public TasksConfigureSubcommand(TaskControlService control, TaskGate gate) {
        this.control = control;
        this.gate = gate;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("configure", "Set a config key of a task")
                .addOptions(TaskOptions.task(),
                        new OptionData(OptionType.STRING, KEY, "The key (offered for the task's type)", true, true),
                        new OptionData(OptionType.STRING, "value", "The value, e.g. 30, or 1,2 for tournament_ids",
                                true));
    }

    @Override
    public MessageEmbed handle(CommandOptions options, Caller caller) {
        String taskId = gate.require(caller, options.requiredString(TaskOptions.TASK), "configure").definition().id();
        String assignment = options.requiredString(KEY) + "=" + options.requiredString("value");
        return TaskEmbeds.task("Configured " + taskId, control.configure(taskId, List.of(assignment), caller.actor()));
    }
}
