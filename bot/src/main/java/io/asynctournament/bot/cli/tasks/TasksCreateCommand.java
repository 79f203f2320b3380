package io.asynctournament.bot.cli.tasks;

import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.control.TaskView;
import io.asynctournament.jobs.tasks.TaskType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.stream.Collectors;

/** {@code tasks create TYPE --guild DISCORD_GUILD_ID}. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a guild's own instance of a task type (id TYPE.guild-GUILD_ID). It handles that "
                + "guild's tournaments only, and the built-in of that type skips the guild while it exists.")
final class TasksCreateCommand extends TaskSubcommand {
    @Parameters(index = "0", paramLabel = "TYPE", description = "A task type: the id of a built-in task.")
    String type;

    @Option(names = "--guild", required = true, paramLabel = "DISCORD_GUILD_ID", description = "The Discord guild id.")
    long guild;

    @Override
    int execute(TaskControlService control, PrintWriter out) {
        TaskType taskType = TaskType.byId(type).orElseThrow(() -> UserError.badInput("unknown task type '"
                + type + "'; accepted: " + Arrays.stream(TaskType.values()).map(TaskType::id)
                .collect(Collectors.joining(", "))));
        TaskView view = control.create(taskType, guild, "guild " + guild, actor());
        out.println("created " + view.id() + ": " + view.task().definition().schedule().describe());
        TaskViewFormat.details(view, out);
        return ok();
    }
}
