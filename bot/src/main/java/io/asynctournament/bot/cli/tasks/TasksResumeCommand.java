package io.asynctournament.bot.cli.tasks;

import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.control.TaskView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code tasks resume ID}. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a paused task fire again.")
final class TasksResumeCommand extends TaskSubcommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Override
    int execute(TaskControlService control, PrintWriter out) {
        TaskView view = control.resume(taskId, actor());
        out.println("resumed " + taskId + ": " + view.task().definition().schedule().describe());
        TaskViewFormat.details(view, out);
        return ok();
    }
}
