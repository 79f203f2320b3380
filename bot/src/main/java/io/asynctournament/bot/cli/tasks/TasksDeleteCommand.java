package io.asynctournament.bot.cli.tasks;

import io.asynctournament.jobs.control.TaskControlService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code tasks delete ID}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a guild's own task instance; the guild goes back to the built-in task of that type.")
final class TasksDeleteCommand extends TaskSubcommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Override
    int execute(TaskControlService control, PrintWriter out) {
        control.delete(taskId, actor());
        out.println("deleted " + taskId);
        return ok();
    }
}
