package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.bot.discord.interaction.CommandOptions;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.control.TaskView;
import io.asynctournament.jobs.notifications.NotificationBacklogService;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /tasks list}: the tasks the caller may manage, and the notification backlog when a notification has waited
 * more than a minute (README "Notifications: seeing and retrying the backlog").
 */
@Component
@Order(1)
public final class TasksListSubcommand implements TasksSubcommand {
    private final TaskControlService control;
    private final TaskGate gate;
    private final NotificationBacklogService backlog;

    public TasksListSubcommand(TaskControlService control, TaskGate gate, NotificationBacklogService backlog) {
        this.control = control;
        this.gate = gate;
        this.backlog = backlog;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("list", "List the tasks you may manage: schedule, next runs, state, last run");
    }

    @Override
    public MessageEmbed handle(CommandOptions options, Caller caller) {
        Set<String> mine = gate.manageable(caller).stream().map(t -> t.definition().id()).collect(Collectors.toSet());
        if (mine.isEmpty() && !caller.manageServer()) {
            gate.requireGuildAdmin(caller, "tasks", "list");
        }
        List<TaskView> views = control.list().stream().filter(view -> mine.contains(view.id())).toList();
        // the notification backlog while it is stuck: the whole bot's for an operator, this server's races' otherwise
        Optional<String> notice = caller.operator() ? backlog.stuckNotice() : backlog.stuckNotice(caller.guildId());
        return TaskEmbeds.list(views, notice);
    }
}
