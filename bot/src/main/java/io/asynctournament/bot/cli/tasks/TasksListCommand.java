package io.asynctournament.bot.cli.tasks;

import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.notifications.NotificationBacklogService;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code tasks list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every task: scope, schedule and next fire times, active or paused, config, last run, "
                + "success rate and median duration over the last 24 h; the notification backlog when a "
                + "notification has waited more than a minute.")
final class TasksListCommand extends TaskSubcommand {
    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int execute(TaskControlService control, PrintWriter out) {
        TaskViewFormat.table(control.list(), out);
        // one line while notifications wait for more than a minute (README "Notifications: seeing and retrying ...")
        context.getBean(NotificationBacklogService.class).stuckNotice()
                .ifPresent(notice -> out.println(notice + " (notifications list)"));
        return ok();
    }
}
