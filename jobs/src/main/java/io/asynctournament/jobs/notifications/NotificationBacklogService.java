package io.asynctournament.jobs.notifications;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.notification.NotificationBacklogRepository;
import io.asynctournament.db.notification.NotificationBacklogRepository.Backlog;
import io.asynctournament.db.notification.NotificationBacklogRepository.BacklogRow;
import io.asynctournament.db.notification.NotificationBacklogRepository.Filter;
import io.asynctournament.db.notification.NotificationBacklogRepository.PendingBacklog;
import io.asynctournament.jobs.errors.UserError;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The operators' side of the notification outbox (README "Notifications: seeing and retrying the backlog"): the
 * backlog and its rows, retrying one row, the one-line notice {@code tasks list} and the bot's log show while the
 * backlog is stuck, and pruning ended rows. Times are UTC instants from the injected clock.
 */
public final class NotificationBacklogService {
    /** The backlog is shown (tasks list, log) once its oldest pending row is older than this: one minute. */
    public static final Duration STUCK_AFTER = Duration.ofMinutes(1);
    /** The most rows {@link #list} returns. */
    public static final int MAX_LIMIT = 1000;
    /** Rows deleted per statement by {@link #prune}. */
    static final int PRUNE_BATCH = 1000;

    private final DSLContext dsl;
    private final Clock clock;
    private final NotificationBacklogRepository backlog;
    private final AuditLogRepository audit;

    public NotificationBacklogService(DSLContext dsl, Clock clock, NotificationBacklogRepository backlog,
                                      AuditLogRepository audit) {
        this.dsl = dsl;
        this.clock = clock;
        this.backlog = backlog;
        this.audit = audit;
    }

    /** The backlog of every guild now: pending (due, waiting for a retry, oldest) and undeliverable. */
    public Backlog backlog() {
        return backlog.backlog(dsl, clock.instant());
    }

    /** The pending backlog of every guild now. */
    public PendingBacklog pending() {
        return backlog.pending(dsl, clock.instant());
    }

    /**
     * The notice shown while the backlog of every guild is stuck (its oldest pending row older than
     * {@link #STUCK_AFTER}), e.g. "Notification backlog: 37 pending, oldest 4 min"; empty otherwise.
     */
    public Optional<String> stuckNotice() {
        return notice(pending(), clock.instant());
    }

    /** {@link #stuckNotice()} for the races of one Discord guild only. */
    public Optional<String> stuckNotice(long discordGuildId) {
        Instant now = clock.instant();
        return notice(backlog.pending(dsl, now, discordGuildId), now);
    }

    /** The notice for this backlog at {@code now}, when it is stuck. */
    public static Optional<String> notice(PendingBacklog pending, Instant now) {
        if (!pending.olderThan(STUCK_AFTER, now)) {
            return Optional.empty();
        }
        return Optional.of("Notification backlog: " + pending.pending() + " pending, oldest "
                + age(pending.oldestAge(now).orElseThrow()));
    }

    /**
     * Rows of the outbox.
     *
     * @param status {@code pending} (oldest first), {@code undeliverable} or {@code all} (newest first)
     * @param limit  1 to {@link #MAX_LIMIT}
     * @throws UserError (bad input) for another status or limit, saying what is accepted
     */
    public List<BacklogRow> list(String status, int limit) {
        Filter filter = filter(status);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw UserError.badInput("--limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        return backlog.list(dsl, filter, limit);
    }

    /**
     * Reads a status filter.
     *
     * @throws UserError (bad input) naming the accepted values
     */
    public static Filter filter(String status) {
        String text = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
        for (Filter filter : Filter.values()) {
            if (filter.name().toLowerCase(Locale.ROOT).equals(text)) {
                return filter;
            }
        }
        throw UserError.badInput("--status must be pending, undeliverable or all, got '" + status + "'");
    }

    /**
     * Puts one notification back in the queue, due now, and wakes the dispatchers: an undeliverable row (after its
     * cause was fixed, say the bot's permissions in the channel), or a pending row waiting for a retry (to skip the
     * wait). Its lease and outcome are cleared; its attempts and last error are kept. Audited as
     * {@code notification_retry} on {@code notification:<id>}, in the same transaction.
     *
     * @param actor who asked, for the audit log ({@code cli:<os user>})
     * @return the row as it was before the retry
     * @throws UserError not found (no such id); conflict (sent, superseded or skipped; pending and due already, or
     *                   being delivered right now)
     */
    public BacklogRow retry(long id, String actor) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            Instant now = clock.instant();
            BacklogRow row = backlog.lock(tx, id).orElseThrow(() -> UserError.notFound("There is no notification "
                    + id + " (it may have been pruned); `notifications list --status all` shows the notifications"));
            refusal(row, now).ifPresent(reason -> {
                throw UserError.conflict("Notification " + id + " " + reason + "; nothing was changed");
            });
            if (!backlog.requeue(tx, id)) {
                throw UserError.conflict("Notification " + id + " changed meanwhile; nothing was changed");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", row.status().getLiteral());
            details.put("race_id", row.raceId());
            details.put("kind", row.kind());
            details.put("attempts", row.attempts());
            details.put("last_error", row.lastError());
            details.put("outcome", row.outcome());
            details.put("next_attempt_at", row.nextAttemptAt() == null ? null : row.nextAttemptAt().toString());
            audit.insertAll(tx, List.of(new AuditEntry(actor, "notification_retry", "notification:" + id, details,
                    now)));
            return row;
        });
    }

    private static Optional<String> refusal(BacklogRow row, Instant now) {
        return switch (row.status()) {
            case sent, superseded, skipped -> Optional.of("is " + row.status().getLiteral()
                    + (row.outcome() == null ? "" : " (" + row.outcome() + ")")
                    + ": only a pending or undeliverable notification can be retried");
            case undeliverable -> Optional.empty();
            case pending -> {
                if (row.claimedUntil() != null && row.claimedUntil().isAfter(now)) {
                    yield Optional.of("is being delivered right now by " + row.claimedBy() + " (its lease ends at "
                            + row.claimedUntil() + "); retry it after that if it is still pending");
                }
                if (row.nextAttemptAt() == null || !row.nextAttemptAt().isAfter(now)) {
                    yield Optional.of("is pending and already due: a running bot delivers it at its next pass");
                }
                yield Optional.empty();
            }
        };
    }

    /**
     * Deletes the sent, superseded and skipped notifications written more than {@code retention} ago (never pending
     * or undeliverable ones), {@value #PRUNE_BATCH} rows a statement.
     *
     * @return how many were deleted
     */
    public int prune(Duration retention) {
        return backlog.prune(dsl, clock.instant().minus(retention), PRUNE_BATCH);
    }

    /** The current instant of the service's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** An age in human units: "45 s", "4 min", "3 h 20 min", "2 d 4 h" (whole units, rounded down). */
    public static String age(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }
}
