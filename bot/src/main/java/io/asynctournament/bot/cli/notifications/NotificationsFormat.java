package io.asynctournament.bot.cli.notifications;

import io.asynctournament.db.notification.NotificationBacklogRepository.Backlog;
import io.asynctournament.db.notification.NotificationBacklogRepository.BacklogRow;
import io.asynctournament.db.notification.NotificationBacklogRepository.PendingBacklog;
import io.asynctournament.jobs.notifications.NotificationBacklogService;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** Prints the backlog and its rows for the CLI. Times are UTC. */
final class NotificationsFormat {
    private static final int ERROR_WIDTH = 120;

    private NotificationsFormat() {
    }

    /** The summary line, e.g. "Notification backlog: 37 pending (30 due now, 7 waiting for a retry), oldest 4 min; 2 undeliverable". */
    static void summary(Backlog backlog, Instant now, PrintWriter out) {
        PendingBacklog pending = backlog.pending();
        String line = pending.pending() == 0 ? "Notification backlog: none pending"
                : "Notification backlog: " + pending.pending() + " pending (" + pending.due() + " due now, " + pending.waiting()
                + " waiting for a retry), oldest " + NotificationBacklogService.age(pending.oldestAge(now).orElseThrow());
        line += "; " + backlog.undeliverable() + " undeliverable";
        if (backlog.undeliverable() > 0) {
            line += " (notifications list --status undeliverable)";
        }
        out.println(line);
    }

    /** One line a notification. */
    static void rows(List<BacklogRow> rows, Instant now, PrintWriter out) {
        if (rows.isEmpty()) {
            out.println("no notifications to show");
            return;
        }
        String format = "%-8s  %-8s  %-18s  %-13s  %-19s  %8s  %-19s  %s%n";
        out.printf(Locale.ROOT, format, "id", "race", "kind", "status", "created (UTC)", "attempts",
                "next attempt (UTC)", "outcome / last error");
        for (BacklogRow row : rows) {
            out.printf(Locale.ROOT, format, row.id(), row.raceId() == null ? "-" : row.raceId(), row.kind(),
                    row.status().getLiteral(), time(row.createdAt()), row.attempts(), nextAttempt(row, now),
                    reason(row));
        }
    }

    private static String nextAttempt(BacklogRow row, Instant now) {
        if (row.status() != io.asynctournament.db.generated.enums.NotificationStatus.pending) {
            return "-";
        }
        return row.nextAttemptAt() == null || !row.nextAttemptAt().isAfter(now) ? "due now" : time(row.nextAttemptAt());
    }

    private static String reason(BacklogRow row) {
        String text = row.outcome() != null ? row.outcome()
                : row.lastError() != null ? "last error: " + row.lastError() : "";
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= ERROR_WIDTH ? text : text.substring(0, ERROR_WIDTH - 1) + "…";
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", "");
    }
}
