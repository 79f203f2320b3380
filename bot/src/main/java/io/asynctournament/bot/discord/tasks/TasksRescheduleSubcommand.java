package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.jobs.errors.UserError;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.tasks.Schedule;
import io.asynctournament.jobs.tasks.ScheduleParser;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

import java.util.Optional;

/** {@code /tasks reschedule}: an interval ({@code every}) or a cron expression ({@code cron}, {@code zone}). */
@Component
@Order(4)
public final class TasksRescheduleSubcommand implements TasksSubcommand {
    private final TaskControlService control;
    private final TaskGate gate;
    private final ScheduleParser parser;

    public TasksRescheduleSubcommand(TaskControlService control, TaskGate gate, ScheduleParser parser) {
        this.control = control;
        this.gate = gate;
        this.parser = parser;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("reschedule", "Give a task a new schedule: every (e.g. 5m) or cron")
                .addOptions(TaskOptions.task(),
                        new OptionData(OptionType.STRING, "every", "An interval: 90s, 5m, 1h"),
                        new OptionData(OptionType.STRING, "cron", "A cron expression, e.g. 0 */2 * * *"),
                        new OptionData(OptionType.STRING, "zone", "The cron expression's time zone (default UTC)"));
    }

    @Override
    public MessageEmbed handle(CommandOptions options, Caller caller) {
        String taskId = gate.require(caller, options.requiredString(TaskOptions.TASK), "reschedule").definition().id();
        Optional<String> every = options.string("every");
        Optional<String> cron = options.string("cron");
        if (every.isPresent() == cron.isPresent()) {
            throw UserError.badInput("give exactly one of every (an interval such as 5m) or cron (such as "
                    + "0 */2 * * *)");
        }
        if (every.isPresent() && options.string("zone").isPresent()) {
            throw UserError.badInput("zone applies to cron only");
        }
        Schedule schedule = every.isPresent() ? parser.interval(every.get())
                : parser.cron(cron.get(), options.string("zone").orElse(null));
        return TaskEmbeds.task("Rescheduled " + taskId, control.reschedule(taskId, schedule, caller.actor()));
    }
}
