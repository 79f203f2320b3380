package io.asynctournament.db.notification;

import io.asynctournament.db.Json;
import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.NotificationStatus;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dispatcher's SQL over the notification outbox (README "What racers receive"). A process claims due rows with
 * a lease ({@link #claim}), sends them, and marks each one; every mark is conditional on the row still being pending
 * and leased by that process, so two processes never both mark a row, and a process that lost its lease (it was too
 * slow, or died) changes nothing. A resend after a lost lease is made harmless by Discord's message nonce, derived
 * from the row's id.
 *
 * <p>Order: only the oldest pending row of each race can be claimed, so a race's notifications go out in the order
 * they were written (a forfeit never before its warning), while different races go out in parallel.
 */
public final class NotificationOutboxRepository {
    private final AuditLogRepository auditLog;

    public NotificationOutboxRepository(AuditLogRepository auditLog) {
        this.auditLog = auditLog;
    }

    /**
     * Claims up to {@code limit} due rows for {@code processId} in one statement: pending, due
     * ({@code next_attempt_at} null or passed), with no live lease, and the oldest pending row of their race. Rows
     * another process is claiming at the same moment are skipped ({@code FOR UPDATE SKIP LOCKED}), not waited for.
     * Each claimed row gets the lease {@code now + lease} and one more attempt.
     *
     * @param now   the current instant (UTC)
     * @param lease how long the claim holds; after it another process may take the row
     * @return the claimed rows, oldest first
     */
    public List<OutboxNotification> claim(DSLContext dsl, String processId, Instant now, Duration lease, int limit) {
        return claim(dsl, processId, now, lease, limit, List.of());
    }

    /**
     * As {@link #claim(DSLContext, String, Instant, Duration, int)}, leaving out the rows {@code inFlight} (those
     * this process is still delivering, whose lease may have run out meanwhile: claiming one again would only send
     * it twice at once).
     */
    public List<OutboxNotification> claim(DSLContext dsl, String processId, Instant now, Duration lease, int limit,
                                          Collection<Long> inFlight) {
        return dsl.resultQuery("""
                        with due as (
                            select n.id
                              from notification n
                             where n.status = 'pending' and n.race_id is not null
                               and (n.next_attempt_at is null or n.next_attempt_at <= {0})
                               and (n.claimed_until is null or n.claimed_until <= {0})
                               and n.id <> all({4})
                               and not exists (select 1 from notification e
                                                where e.status = 'pending' and e.race_id = n.race_id and e.id < n.id)
                             order by n.id
                             limit {1}
                               for update skip locked
                        )
                        update notification n
                           set claimed_by = {2}, claimed_until = {3}, attempts = n.attempts + 1
                          from due
                         where n.id = due.id
                        returning n.id, n.race_id, n.kind, n.payload, n.created_at, n.attempts
                        """, utc(now), limit, processId, utc(now.plus(lease)),
                        DSL.val(inFlight.toArray(Long[]::new), SQLDataType.BIGINT.array()))
                .fetch()
                .stream()
                .map(NotificationOutboxRepository::notification)
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .toList();
    }

    /**
     * Marks a claimed row sent as thread message {@code messageId}.
     *
     * @param dmStatus the racer's DM copy: null (none asked), {@code sent}, {@code closed} or {@code failed}
     * @return false, changing nothing, when the row is no longer pending or no longer leased by this process
     */
    public boolean markSent(DSLContext dsl, long id, String processId, long messageId, String dmStatus, Instant now) {
        return dsl.execute("""
                update notification
                   set status = 'sent', sent_at = {0}, message_id = {1}, dm_status = {2},
                       claimed_by = null, claimed_until = null, next_attempt_at = null
                 where id = {3} and status = 'pending' and claimed_by = {4}
                """, utc(now), messageId, dmStatus, id, processId) == 1;
    }

    /**
     * Ends a claimed row without a message: {@code superseded} (its race moved on before it could be delivered) or
     * {@code skipped} (the racer turned that kind off), with the reason in {@code outcome}.
     *
     * @return false, changing nothing, when the row is no longer pending or no longer leased by this process
     * @throws IllegalArgumentException for any other status
     */
    public boolean markEnded(DSLContext dsl, long id, String processId, NotificationStatus status, String outcome,
                             Instant now) {
        if (status != NotificationStatus.superseded && status != NotificationStatus.skipped) {
            throw new IllegalArgumentException("markEnded takes superseded or skipped, not " + status);
        }
        return dsl.execute("""
                update notification
                   set status = {0}::notification_status, outcome = {1}, sent_at = {2},
                       claimed_by = null, claimed_until = null, next_attempt_at = null
                 where id = {3} and status = 'pending' and claimed_by = {4}
                """, status.getLiteral(), outcome, utc(now), id, processId) == 1;
    }

    /**
     * Marks a claimed row undeliverable (Discord refused it for good: unknown channel, missing access or
     * permissions, unknown message) and writes its audit entry (actor {@code system}, action
     * {@code notification_undeliverable}, subject {@code race:<id>}) in the same transaction. It is never retried
     * unless an operator asks ({@code notifications retry}).
     *
     * @return false, changing nothing, when the row is no longer pending or no longer leased by this process
     */
    public boolean markUndeliverable(DSLContext dsl, long id, String processId, String reason, Instant now) {
        return dsl.transactionResult(c -> {
            Record row = c.dsl().resultQuery("""
                    update notification
                       set status = 'undeliverable', outcome = {0}, last_error = {0},
                           claimed_by = null, claimed_until = null, next_attempt_at = null
                     where id = {1} and status = 'pending' and claimed_by = {2}
                    returning race_id, kind, attempts
                    """, reason, id, processId).fetchOne();
            if (row == null) {
                return false;
            }
            Long raceId = row.get(0, Long.class);
            auditLog.insertAll(c.dsl(), List.of(new AuditEntry("system", "notification_undeliverable",
                    raceId == null ? "notification:" + id : "race:" + raceId,
                    Map.of("notification", id, "kind", row.get(1, String.class), "reason", reason,
                            "attempts", row.get(2, Integer.class)), now)));
            return true;
        });
    }

    /**
     * Gives a claimed row back after a failure that may pass (5xx, refused connection, Discord disconnected): it stays
     * pending, keeps {@code error} as {@code last_error}, and is due again at {@code nextAttemptAt}. Other rows of its
     * race wait behind it.
     *
     * @return false, changing nothing, when the row is no longer pending or no longer leased by this process
     */
    public boolean retryLater(DSLContext dsl, long id, String processId, String error, Instant nextAttemptAt) {
        return dsl.execute("""
                update notification
                   set last_error = {0}, next_attempt_at = {1}, claimed_by = null, claimed_until = null
                 where id = {2} and status = 'pending' and claimed_by = {3}
                """, error, utc(nextAttemptAt), id, processId) == 1;
    }

    /**
     * Gives a claimed row back untried (the process stopped sending before it got to it): the lease is released and
     * the claim's attempt taken back; the row is due at once, for this or another process.
     *
     * @return false, changing nothing, when the row is no longer pending or no longer leased by this process
     */
    public boolean giveBack(DSLContext dsl, long id, String processId) {
        return dsl.execute("""
                update notification
                   set claimed_by = null, claimed_until = null, attempts = greatest(attempts - 1, 0)
                 where id = {0} and status = 'pending' and claimed_by = {1}
                """, id, processId) == 1;
    }

    /**
     * The earliest instant after {@code now} at which a pending row that is not due now becomes due (its retry time
     * or the end of its lease), for the dispatcher's next wake-up; empty when there is none.
     */
    public Optional<Instant> nextWake(DSLContext dsl, Instant now) {
        OffsetDateTime at = dsl.resultQuery("""
                select min(greatest(coalesce(next_attempt_at, '-infinity'), coalesce(claimed_until, '-infinity')))
                  from notification
                 where status = 'pending' and (next_attempt_at > {0} or claimed_until > {0})
                """, utc(now)).fetchOne(0, OffsetDateTime.class);
        return Optional.ofNullable(at).map(OffsetDateTime::toInstant);
    }

    private static OutboxNotification notification(Record r) {
        JSONB payload = r.get(3, JSONB.class);
        return new OutboxNotification(r.get(0, Long.class), r.get(1, Long.class), r.get(2, String.class),
                payload == null ? Map.of() : Json.map(payload), r.get(4, OffsetDateTime.class).toInstant(),
                r.get(5, Integer.class));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
