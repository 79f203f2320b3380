package io.asynctournament.bot.cli.tasks;

import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.control.TaskView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.TreeMap;

/** {@code tasks configure ID key=value ...}. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = {"Set a task's config keys: warning_minutes and timeout_minutes (pending timeout), max_hours "
                + "(in-progress timeout, 1 to 168), tournament_ids (score calculation: ids separated by commas, or "
                + "'all')."})
final class TasksConfigureCommand extends TaskSubcommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE")
    List<String> assignments;

    @Override
    int execute(TaskControlService control, PrintWriter out) {
        TaskView view = control.configure(taskId, assignments, actor());
        out.println("configured " + taskId + ": " + new TreeMap<>(view.task().definition().config()));
        return ok();
    }
}
