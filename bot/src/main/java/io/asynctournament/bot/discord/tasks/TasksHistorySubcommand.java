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

/** {@code /tasks history}: a task's last runs. */
@Component
@Order(7)
public final class TasksHistorySubcommand implements TasksSubcommand {
    private final TaskControlService control;
    private final TaskGate gate;

    public TasksHistorySubcommand(TaskControlService control, TaskGate gate) {
        this.control = control;
        this.gate = gate;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("history", "A task's last runs: status, duration, counts, error")
                .addOptions(TaskOptions.task(),
                        new OptionData(OptionType.INTEGER, "limit", "How many runs (1 to 100, default 10)")
                                .setRequiredRange(1, TaskControlService.MAX_HISTORY));
    }

    @Override
    public MessageEmbed handle(CommandOptions options, Caller caller) {
        String taskId = gate.require(caller, options.requiredString(TaskOptions.TASK), "history").definition().id();
        int limit = options.integer("limit").map(Long::intValue).orElse(TaskControlService.DEFAULT_HISTORY);
        return TaskEmbeds.history(taskId, control.history(taskId, limit));
    }
}
