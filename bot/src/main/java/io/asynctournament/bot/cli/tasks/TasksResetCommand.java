package io.asynctournament.bot.cli.tasks;

import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.control.TaskView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code tasks reset ID}. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = "Drop every change made to a built-in task: its default schedule and config apply again and "
                + "it is active.")
final class TasksResetCommand extends TaskSubcommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Override
    int execute(TaskControlService control, PrintWriter out) {
        TaskView view = control.reset(taskId, actor());
        out.println("reset " + taskId + ": " + view.task().definition().schedule().describe() + ", "
                + view.task().definition().config());
        return ok();
    }
}
