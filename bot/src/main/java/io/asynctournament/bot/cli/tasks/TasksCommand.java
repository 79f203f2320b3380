package io.asynctournament.bot.cli.tasks;

import io.asynctournament.bot.cli.BotCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code tasks}: the background tasks' control plane, one subcommand class each. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "List, pause, resume, reschedule, configure, run and inspect the background tasks.",
        subcommands = {TasksListCommand.class, TasksPauseCommand.class, TasksResumeCommand.class,
                TasksRescheduleCommand.class, TasksConfigureCommand.class, TasksRunCommand.class,
                TasksHistoryCommand.class, TasksCreateCommand.class, TasksDeleteCommand.class,
                TasksResetCommand.class})
public final class TasksCommand {
    @ParentCommand
    BotCommand root;
}
