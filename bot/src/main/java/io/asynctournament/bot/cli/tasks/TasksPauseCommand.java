package io.asynctournament.bot.cli.tasks;

import io.asynctournament.jobs.control.TaskControlService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code tasks pause ID}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Stop a task firing until it is resumed (its recurring job is removed from JobRunr).")
final class TasksPauseCommand extends TaskSubcommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Override
    int execute(TaskControlService control, PrintWriter out) {
        control.pause(taskId, actor());
        out.println("paused " + taskId);
        return ok();
    }
}
