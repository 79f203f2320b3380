package io.asynctournament.bot.cli.tasks;

import io.asynctournament.jobs.control.TaskControlService;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code tasks list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every task: scope, schedule and next fire times, active or paused, config, last run, "
                + "success rate and median duration over the last 24 h.")
final class TasksListCommand extends TaskSubcommand {
    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int execute(TaskControlService control, PrintWriter out) {
        TaskViewFormat.table(control.list(), out);
        return ok();
    }
}
