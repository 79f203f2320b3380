package io.asynctournament.bot.cli.notifications;

import io.asynctournament.bot.cli.BotCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code notifications}: the outbox's backlog for operators (README "Notifications: seeing and retrying the backlog"). */
@Command(name = "notifications", mixinStandardHelpOptions = true,
        description = "See the notification backlog (pending and undeliverable notifications) and retry one.",
        subcommands = {NotificationsListCommand.class, NotificationsRetryCommand.class})
public final class NotificationsCommand {
    @ParentCommand
    BotCommand root;
}
