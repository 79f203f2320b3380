package io.asynctournament.db.notification;

import io.asynctournament.db.generated.enums.NotificationStatus;
import io.asynctournament.db.generated.tables.records.NotificationRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Delete;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * The operators' view of the notification outbox (README "Notifications: seeing and retrying the backlog"): the
 * backlog's size and age, its rows, putting one row back in the queue, and pruning ended rows. Delivery itself
 * (claiming and marking rows) is not here.
 *
 * <p>Status values are inlined in the SQL ({@link DSL#inline}): PostgreSQL uses the partial indexes of the outbox
 * ({@code notification_pending_idx}, {@code notification_ended_idx}) only for a literal status, not a bound one.
 */
public final class NotificationBacklogRepository {
    private static final Condition PENDING = NOTIFICATION.STATUS.eq(DSL.inline(NotificationStatus.pending));
    private static final Condition UNDELIVERABLE = NOTIFICATION.STATUS.eq(DSL.inline(NotificationStatus.undeliverable));
    /** The statuses pruning deletes; the first condition is the ended index's own predicate, so that it is used. */
    private static final Condition PRUNABLE = NOTIFICATION.STATUS.ne(DSL.inline(NotificationStatus.pending))
            .and(NOTIFICATION.STATUS.in(DSL.inline(NotificationStatus.sent), DSL.inline(NotificationStatus.superseded),
                    DSL.inline(NotificationStatus.skipped)));

    /** Which rows {@link #list} returns. */
    public enum Filter {
        /** Pending rows, oldest first (the order they are delivered in). */
        PENDING,
        /** Undeliverable rows, newest first. */
        UNDELIVERABLE,
        /** Every row whatever its status, newest first. */
        ALL
    }

    /**
     * The pending part of the outbox at one instant.
     *
     * @param pending         rows waiting to be delivered
     * @param oldestPendingAt when the oldest of them was written (UTC); null when none is pending
     * @param due             pending rows that may be sent now (no retry wait, or its wait is over)
     * @param waiting         pending rows waiting for a retry ({@code next_attempt_at} after the instant)
     */
    public record PendingBacklog(int pending, Instant oldestPendingAt, int due, int waiting) {
        /** How long the backlog has been above zero: the age of the oldest pending row; empty when none is pending. */
        public Optional<Duration> oldestAge(Instant now) {
            return Optional.ofNullable(oldestPendingAt).map(at -> Duration.between(at, now).isNegative()
                    ? Duration.ZERO : Duration.between(at, now));
        }

        /** True when a row has been pending for more than {@code threshold}. */
        public boolean olderThan(Duration threshold, Instant now) {
            return oldestAge(now).map(age -> age.compareTo(threshold) > 0).orElse(false);
        }
    }

    /**
     * The backlog for the CLI: the pending part and the undeliverable rows.
     *
     * @param pending       the pending part
     * @param undeliverable rows Discord refused for good (until an operator retries them)
     */
    public record Backlog(PendingBacklog pending, int undeliverable) {
    }

    /**
     * One row of the outbox as operators see it (no payload).
     *
     * @param raceId        null for a notification about no race
     * @param nextAttemptAt when a retry is due (UTC); null when due now
     * @param outcome       why it was superseded, skipped or undeliverable; null otherwise
     */
    public record BacklogRow(long id, Long raceId, String kind, NotificationStatus status, Instant createdAt,
                             int attempts, String lastError, Instant nextAttemptAt, String outcome,
                             String claimedBy, Instant claimedUntil) {
    }

    /**
     * The pending backlog of every guild, in one statement over the pending index (cheap enough to run every few
     * seconds).
     *
     * @param now the instant that splits due rows from rows waiting for a retry
     */
    public PendingBacklog pending(DSLContext dsl, Instant now) {
        return pending(dsl, now, DSL.noCondition(), false);
    }

    /** The pending backlog of one Discord guild's races (through race, tournament, guild). */
    public PendingBacklog pending(DSLContext dsl, Instant now, long discordGuildId) {
        return pending(dsl, now, GUILD.DISCORD_GUILD_ID.eq(discordGuildId), true);
    }

    private PendingBacklog pending(DSLContext dsl, Instant now, Condition scope, boolean joined) {
        Record3<Integer, OffsetDateTime, Integer> result = pendingQuery(dsl, now, scope, joined).fetchSingle();
        int pending = result.value1();
        int later = result.value3();
        return new PendingBacklog(pending, result.value2() == null ? null : result.value2().toInstant(),
                pending - later, later);
    }

    /** The backlog's statement (package-private for the plan test). */
    ResultQuery<Record3<Integer, OffsetDateTime, Integer>> pendingQuery(DSLContext dsl, Instant now, Condition scope,
                                                                        boolean joined) {
        Field<Integer> waiting = DSL.count().filterWhere(NOTIFICATION.NEXT_ATTEMPT_AT.gt(now.atOffset(ZoneOffset.UTC)));
        var select = dsl.select(DSL.count(), DSL.min(NOTIFICATION.CREATED_AT), waiting);
        return joined
                ? select.from(NOTIFICATION).join(RACE).on(RACE.ID.eq(NOTIFICATION.RACE_ID))
                .join(TOURNAMENT).on(TOURNAMENT.ID.eq(RACE.TOURNAMENT_ID))
                .join(GUILD).on(GUILD.ID.eq(TOURNAMENT.GUILD_ID)).where(PENDING).and(scope)
                : select.from(NOTIFICATION).where(PENDING);
    }

    /** The pending backlog and the count of undeliverable rows, of every guild. */
    public Backlog backlog(DSLContext dsl, Instant now) {
        return new Backlog(pending(dsl, now), dsl.fetchCount(NOTIFICATION, UNDELIVERABLE));
    }

    /**
     * Rows for the CLI.
     *
     * @param limit at most this many rows (the caller checks its range)
     */
    public List<BacklogRow> list(DSLContext dsl, Filter filter, int limit) {
        var from = dsl.selectFrom(NOTIFICATION);
        var query = switch (filter) {
            case PENDING -> from.where(PENDING).orderBy(NOTIFICATION.ID.asc());
            case UNDELIVERABLE -> from.where(UNDELIVERABLE).orderBy(NOTIFICATION.ID.desc());
            case ALL -> from.orderBy(NOTIFICATION.ID.desc());
        };
        return query.limit(limit).fetch(NotificationBacklogRepository::row);
    }

    /** One row, locked for the rest of the caller's transaction ({@code FOR UPDATE}); empty for an unknown id. */
    public Optional<BacklogRow> lock(DSLContext tx, long id) {
        return tx.selectFrom(NOTIFICATION).where(NOTIFICATION.ID.eq(id)).forUpdate()
                .fetchOptional(NotificationBacklogRepository::row);
    }

    /**
     * Puts a pending or undeliverable row back in the queue, due now: status pending, no retry wait, no lease, no
     * outcome ({@code attempts} and {@code last_error} are kept as history), then wakes the dispatchers
     * ({@code pg_notify('notification_outbox', '')}, delivered when the caller's transaction commits).
     *
     * @return false when the row is not pending or undeliverable (or does not exist); nothing was changed then
     */
    public boolean requeue(DSLContext tx, long id) {
        int updated = tx.update(NOTIFICATION)
                .set(NOTIFICATION.STATUS, DSL.inline(NotificationStatus.pending))
                .setNull(NOTIFICATION.NEXT_ATTEMPT_AT)
                .setNull(NOTIFICATION.CLAIMED_BY)
                .setNull(NOTIFICATION.CLAIMED_UNTIL)
                .setNull(NOTIFICATION.OUTCOME)
                .where(NOTIFICATION.ID.eq(id)).and(PENDING.or(UNDELIVERABLE))
                .execute();
        if (updated == 0) {
            return false;
        }
        tx.select(DSL.function("pg_notify", Object.class, DSL.inline("notification_outbox"), DSL.inline("")))
                .fetch();
        return true;
    }

    /**
     * Deletes the sent, superseded and skipped rows written before {@code createdBefore}, {@code batchSize} rows a
     * statement (each its own transaction, so no statement holds many locks), until none is left. Pending and
     * undeliverable rows are never deleted. Rows another process has locked are left for the next run.
     *
     * @return how many rows were deleted
     */
    public int prune(DSLContext dsl, Instant createdBefore, int batchSize) {
        int total = 0;
        while (true) {
            int deleted = pruneBatch(dsl, createdBefore, batchSize).execute();
            total += deleted;
            if (deleted < batchSize) {
                return total;
            }
        }
    }

    /** One batch of {@link #prune} (package-private for the plan test). */
    Delete<NotificationRecord> pruneBatch(DSLContext dsl, Instant createdBefore, int batchSize) {
        // id = any(array(...)), not id in (...): PostgreSQL plans the latter as a semi join over the whole table
        return dsl.deleteFrom(NOTIFICATION).where(NOTIFICATION.ID.eq(DSL.any(DSL.array(
                DSL.select(NOTIFICATION.ID).from(NOTIFICATION)
                        .where(PRUNABLE).and(NOTIFICATION.CREATED_AT.lt(createdBefore.atOffset(ZoneOffset.UTC)))
                        .limit(batchSize).forUpdate().skipLocked()))));
    }

    private static BacklogRow row(NotificationRecord r) {
        return new BacklogRow(r.getId(), r.getRaceId(), r.getKind(), r.getStatus(), r.getCreatedAt().toInstant(),
                r.getAttempts(), r.getLastError(), instant(r.getNextAttemptAt()), r.getOutcome(), r.getClaimedBy(),
                instant(r.getClaimedUntil()));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
