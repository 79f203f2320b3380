package io.asynctournament.bot.cli.tasks;

import io.asynctournament.jobs.control.TaskControlService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code tasks history ID [--limit N]}. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show a task's last runs: start, status, duration, trigger, counts and error.")
final class TasksHistoryCommand extends TaskSubcommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "How many runs (1 to 100; "
            + "default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int execute(TaskControlService control, PrintWriter out) {
        TaskViewFormat.runs(control.history(taskId, limit), out);
        return ok();
    }
}
