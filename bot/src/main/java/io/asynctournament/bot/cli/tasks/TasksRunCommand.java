package io.asynctournament.bot.cli.tasks;

import io.asynctournament.bot.cli.ExitCodes;
import io.asynctournament.db.generated.enums.TaskRunStatus;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.runner.TaskRunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code tasks run ID [--queue]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a task once now, synchronously in this process, and print the result; with --queue, "
                + "hand the run to the bot process's scheduler instead. Never starts a second copy of a running task.")
final class TasksRunCommand extends TaskSubcommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Option(names = "--queue", description = "Queue the run in JobRunr instead of running it here.")
    boolean queue;

    @Override
    int execute(TaskControlService control, PrintWriter out) {
        if (queue) {
            out.println(control.enqueue(taskId, actor()));
            return ok();
        }
        TaskRunResult result = control.runHere(taskId, actor());
        out.println(result.describe());
        if (result.alreadyRunning()) {
            return ExitCodes.CONFLICT;
        }
        return result.status() == TaskRunStatus.success ? ok() : ExitCodes.FAILED;
    }
}
