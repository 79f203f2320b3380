package io.asynctournament.bot.cli.notifications;

import io.asynctournament.bot.cli.ExitCodes;
import io.asynctournament.db.notification.NotificationBacklogRepository.BacklogRow;
import io.asynctournament.jobs.notifications.NotificationBacklogService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code notifications retry ID}. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Put an undeliverable notification (or one waiting for a retry) back in the queue, due now.")
final class NotificationsRetryCommand extends NotificationSubcommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The notification's id (see notifications list).")
    long id;

    @Override
    int execute(NotificationBacklogService backlog, PrintWriter out) {
        BacklogRow before = backlog.retry(id, "cli:" + System.getProperty("user.name", "unknown"));
        out.println("Notification " + id + " (" + before.kind() + (before.raceId() == null ? "" : ", race "
                + before.raceId()) + ") was " + before.status().getLiteral() + "; it is pending again and due now: "
                + "a running bot delivers it within seconds.");
        return ExitCodes.OK;
    }
}
