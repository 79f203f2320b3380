package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.jobs.errors.UserError;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.tasks.TaskType;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

import java.util.Arrays;

/** {@code /tasks create}: this server's own instance of a task type. */
@Component
@Order(8)
public final class TasksCreateSubcommand implements TasksSubcommand {
    private final TaskControlService control;
    private final TaskGate gate;

    public TasksCreateSubcommand(TaskControlService control, TaskGate gate) {
        this.control = control;
        this.gate = gate;
    }

    @Override
    public SubcommandData definition() {
        OptionData type = new OptionData(OptionType.STRING, "type", "The task type", true);
        Arrays.stream(TaskType.values()).forEach(t -> type.addChoice(t.id(), t.id()));
        return new SubcommandData("create", "Create this server's own instance of a task type").addOptions(type);
    }

    @Override
    public MessageEmbed handle(CommandOptions options, Caller caller) {
        String typeId = options.requiredString("type");
        TaskType type = TaskType.byId(typeId).orElseThrow(() -> UserError.badInput("unknown task type '"
                + typeId + "'"));
        gate.requireGuildAdmin(caller, "task:" + typeId, "create");
        return TaskEmbeds.task("Created this server's " + type.id(),
                control.create(type, caller.guildId(), caller.guildName(), caller.actor()));
    }
}
