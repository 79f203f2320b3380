package io.asynctournament.bot.cli.notifications;

import io.asynctournament.bot.cli.ExitCodes;
import io.asynctournament.jobs.notifications.NotificationBacklogService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code notifications list [--status pending|undeliverable|all] [--limit N]}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Show the backlog (pending: due now or waiting for a retry, oldest age; undeliverable) and "
                + "its notifications.")
final class NotificationsListCommand extends NotificationSubcommand {
    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "pending",
            description = "pending (oldest first), undeliverable or all (newest first); default ${DEFAULT-VALUE}.")
    String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "How many notifications (1 to 1000; default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int execute(NotificationBacklogService backlog, PrintWriter out) {
        var rows = backlog.list(status, limit); // checks the options before anything is printed
        NotificationsFormat.summary(backlog.backlog(), backlog.now(), out);
        NotificationsFormat.rows(rows, backlog.now(), out);
        return ExitCodes.OK;
    }
}
