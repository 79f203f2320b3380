package io.asynctournament.bot.cli.tasks;

import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.control.TaskView;
import io.asynctournament.jobs.tasks.Schedule;
import io.asynctournament.jobs.tasks.ScheduleParser;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code tasks reschedule ID --every 5m | --cron "0 * * * *" [--zone Europe/Paris]}. */
@Command(name = "reschedule", mixinStandardHelpOptions = true,
        description = "Give a task a new schedule: an interval (90s, 5m, 1h) or a cron expression (5 or 6 fields, "
                + "UTC unless --zone). Prints the next three fire times.")
final class TasksRescheduleCommand extends TaskSubcommand {
    @Parameters(index = "0", paramLabel = "TASK_ID")
    String taskId;

    @ArgGroup(multiplicity = "1")
    When when;

    @Option(names = "--zone", paramLabel = "ZONE", description = "The cron expression's time zone (default UTC).")
    String zone;

    static final class When {
        @Option(names = "--every", paramLabel = "INTERVAL", description = "e.g. 90s, 5m, 1h")
        String every;

        @Option(names = "--cron", paramLabel = "EXPRESSION", description = "e.g. \"0 */2 * * *\"")
        String cron;
    }

    @Override
    int execute(TaskControlService control, PrintWriter out) {
        ScheduleParser parser = new ScheduleParser(tasks.root.pollInterval());
        if (when.every != null && zone != null) {
            throw UserError.badInput("--zone applies to --cron only");
        }
        Schedule schedule = when.every != null ? parser.interval(when.every) : parser.cron(when.cron, zone);
        TaskView view = control.reschedule(taskId, schedule, actor());
        out.println("rescheduled " + taskId + ": " + view.task().definition().schedule().describe());
        TaskViewFormat.details(view, out);
        return ok();
    }
}
