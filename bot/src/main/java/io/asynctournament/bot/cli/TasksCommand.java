package io.asynctournament.bot.cli;

import io.asynctournament.db.generated.enums.TaskRunStatus;
import io.asynctournament.db.task.TaskRun;
import io.asynctournament.jobs.control.TaskListing;
import io.asynctournament.jobs.control.TaskStatus;
import io.asynctournament.jobs.runner.TaskRunResult;
import io.asynctournament.jobs.runner.TaskRunner;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code tasks}: the background tasks. */
@Command(name = "tasks", mixinStandardHelpOptions = true, description = "List and run the background tasks.",
        subcommands = {TasksCommand.ListTasks.class, TasksCommand.RunTask.class})
public final class TasksCommand {
    @ParentCommand
    BotCommand root;

    /** {@code tasks list}: id, schedule, active, last run, status, duration. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tasks and their last runs.")
    static final class ListTasks implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        TasksCommand tasks;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AnnotationConfigApplicationContext context = tasks.root.cliContext()) {
                List<TaskStatus> statuses = context.getBean(TaskListing.class).list();
                String format = "%-38s  %-12s  %-14s  %-20s  %-8s  %s%n";
                out.printf(Locale.ROOT, format, "id", "schedule", "active", "last run (UTC)", "status", "duration");
                for (TaskStatus status : statuses) {
                    TaskRun last = status.lastRun().orElse(null);
                    out.printf(Locale.ROOT, format, status.task().id(), status.task().schedule().describe(),
                            status.registered() ? "yes" : "not scheduled",
                            last == null ? "never" : last.startedAt().toString().replace('T', ' ')
                                    .replaceAll("\\.\\d+Z$", "Z"),
                            last == null ? "" : last.status().getLiteral(),
                            last == null || last.durationMs() == null ? "" : last.durationMs() + " ms");
                    if (last != null && last.error() != null && last.status() != TaskRunStatus.success) {
                        out.println("    last error: " + last.error());
                    }
                }
                if (statuses.stream().noneMatch(TaskStatus::registered)) {
                    out.println("(No recurring job is scheduled yet: the bot process (run) registers them at startup.)");
                }
                return ExitCodes.OK;
            }
        }
    }

    /** {@code tasks run TASK_ID}: one run now, synchronously. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a task once now, synchronously, and print the result.")
    static final class RunTask implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        TasksCommand tasks;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TASK_ID", description = "The task's id (see tasks list).")
        String taskId;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AnnotationConfigApplicationContext context = tasks.root.cliContext()) {
                TaskCatalog catalog = context.getBean(TaskCatalog.class);
                ResolvedTask task = catalog.find(taskId).orElseThrow(() -> new BotCommand.UserError(
                        "unknown task '" + taskId + "'; known tasks: " + catalog.all().stream()
                                .map(t -> t.definition().id()).collect(Collectors.joining(", "))));
                TaskRunResult result = context.getBean(TaskRunner.class)
                        .run(task.definition(), task.scope(), "cli:" + System.getProperty("user.name", "unknown"));
                out.println(result.describe());
                return result.alreadyRunning() || result.status() == TaskRunStatus.success
                        ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }
}
