package io.asynctournament.db.notification;

import io.asynctournament.db.generated.enums.NotificationStatus;
import io.asynctournament.db.notification.NotificationBacklogRepository.BacklogRow;
import io.asynctournament.db.notification.NotificationBacklogRepository.Filter;
import io.asynctournament.db.notification.NotificationBacklogRepository.PendingBacklog;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DatabaseExtension.class)
class NotificationBacklogRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-05-01T18:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final NotificationBacklogRepository repository = new NotificationBacklogRepository();

    @Test
    void an_empty_outbox_has_no_backlog() {
        sent(NOW.minus(Duration.ofHours(3)));

        PendingBacklog backlog = repository.pending(dsl, NOW);

        assertThat(backlog).isEqualTo(new PendingBacklog(0, null, 0, 0));
        assertThat(backlog.oldestAge(NOW)).isEmpty();
        assertThat(backlog.olderThan(Duration.ofMinutes(1), NOW)).isFalse();
        assertThat(repository.backlog(dsl, NOW).undeliverable()).isZero();
    }

    @Test
    void the_backlog_counts_pending_rows_due_now_and_waiting_for_a_retry_and_the_oldest_age() {
        insert(NotificationStatus.pending, NOW.minus(Duration.ofMinutes(4)), null);
        insert(NotificationStatus.pending, NOW.minusSeconds(30), NOW.minusSeconds(1)); // its wait is over: due
        insert(NotificationStatus.pending, NOW.minusSeconds(90), NOW.plusSeconds(60)); // waiting for a retry
        insert(NotificationStatus.undeliverable, NOW.minus(Duration.ofHours(1)), null);
        sent(NOW.minus(Duration.ofHours(2)));

        PendingBacklog backlog = repository.pending(dsl, NOW);

        assertThat(backlog).isEqualTo(new PendingBacklog(3, NOW.minus(Duration.ofMinutes(4)), 2, 1));
        assertThat(backlog.oldestAge(NOW)).contains(Duration.ofMinutes(4));
        assertThat(backlog.olderThan(Duration.ofMinutes(1), NOW)).isTrue();
        assertThat(backlog.olderThan(Duration.ofMinutes(4), NOW)).isFalse();
        assertThat(repository.backlog(dsl, NOW).undeliverable()).isEqualTo(1);
    }

    @Test
    void list_gives_pending_rows_oldest_first_and_undeliverable_and_all_rows_newest_first() {
        long p1 = insert(NotificationStatus.pending, NOW.minusSeconds(300), null);
        long u1 = insert(NotificationStatus.undeliverable, NOW.minusSeconds(250), null);
        long s1 = sent(NOW.minusSeconds(200));
        long p2 = insert(NotificationStatus.pending, NOW.minusSeconds(100), NOW.plusSeconds(30));
        long u2 = insert(NotificationStatus.undeliverable, NOW.minusSeconds(50), null);

        assertThat(ids(repository.list(dsl, Filter.PENDING, 10))).containsExactly(p1, p2);
        assertThat(ids(repository.list(dsl, Filter.UNDELIVERABLE, 10))).containsExactly(u2, u1);
        assertThat(ids(repository.list(dsl, Filter.ALL, 10))).containsExactly(u2, p2, s1, u1, p1);
        assertThat(ids(repository.list(dsl, Filter.ALL, 2))).containsExactly(u2, p2);

        BacklogRow row = repository.list(dsl, Filter.PENDING, 10).get(1);
        assertThat(row.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(row.lastError()).isEqualTo("502 Bad Gateway");
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.kind()).isEqualTo("timeout_warning");
        assertThat(row.raceId()).isEqualTo(7L);
    }

    @Test
    void requeue_puts_an_undeliverable_row_back_due_now_and_wakes_the_dispatchers_at_commit() throws Exception {
        long id = insert(NotificationStatus.undeliverable, NOW.minusSeconds(600), NOW.plusSeconds(60));
        dsl.update(NOTIFICATION).set(NOTIFICATION.OUTCOME, "Unknown Channel (10003)")
                .set(NOTIFICATION.CLAIMED_BY, "bot-1").set(NOTIFICATION.CLAIMED_UNTIL, NOW.atOffset(ZoneOffset.UTC))
                .where(NOTIFICATION.ID.eq(id)).execute();

        try (Connection listener = DriverManager.getConnection(TestDatabase.jdbcUrl());
             Statement statement = listener.createStatement()) {
            statement.execute("listen notification_outbox");
            boolean[] requeued = new boolean[1];
            dsl.transaction(tx -> requeued[0] = repository.requeue(tx.dsl(), id));

            assertThat(requeued[0]).isTrue();
            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(5_000);
            assertThat(notifications).extracting(PGNotification::getName).containsExactly("notification_outbox");
        }
        var row = dsl.selectFrom(NOTIFICATION).where(NOTIFICATION.ID.eq(id)).fetchSingle();
        assertThat(row.getStatus()).isEqualTo(NotificationStatus.pending);
        assertThat(row.getNextAttemptAt()).isNull();
        assertThat(row.getClaimedBy()).isNull();
        assertThat(row.getClaimedUntil()).isNull();
        assertThat(row.getOutcome()).isNull();
        assertThat(row.getAttempts()).as("kept as history").isEqualTo(2);
        assertThat(row.getLastError()).as("kept as history").isEqualTo("502 Bad Gateway");
    }

    @Test
    void requeue_leaves_sent_superseded_and_skipped_rows_and_unknown_ids_alone_and_wakes_no_one() throws Exception {
        List<Long> ended = List.of(sent(NOW), insert(NotificationStatus.superseded, NOW, null),
                insert(NotificationStatus.skipped, NOW, null));
        var before = dsl.selectFrom(NOTIFICATION).orderBy(NOTIFICATION.ID).fetch();

        try (Connection listener = DriverManager.getConnection(TestDatabase.jdbcUrl());
             Statement statement = listener.createStatement()) {
            statement.execute("listen notification_outbox");
            for (long id : ended) {
                dsl.transaction(tx -> assertThat(repository.requeue(tx.dsl(), id)).isFalse());
            }
            dsl.transaction(tx -> assertThat(repository.requeue(tx.dsl(), 999_999)).isFalse());

            assertThat(listener.unwrap(PGConnection.class).getNotifications(200)).isNullOrEmpty();
        }
        assertThat(dsl.selectFrom(NOTIFICATION).orderBy(NOTIFICATION.ID).fetch()).isEqualTo(before);
    }

    @Test
    void prune_deletes_only_ended_rows_older_than_the_cutoff_in_batches() {
        Instant cutoff = NOW.minus(Duration.ofDays(30));
        for (int i = 0; i < 7; i++) {
            sent(cutoff.minusSeconds(i + 1));
        }
        insert(NotificationStatus.superseded, cutoff.minusSeconds(1), null);
        insert(NotificationStatus.skipped, cutoff.minusSeconds(1), null);
        long oldPending = insert(NotificationStatus.pending, cutoff.minus(Duration.ofDays(5)), null);
        long oldUndeliverable = insert(NotificationStatus.undeliverable, cutoff.minus(Duration.ofDays(5)), null);
        long atCutoff = sent(cutoff);
        long recent = sent(NOW.minusSeconds(60));

        int deleted = repository.prune(dsl, cutoff, 3);

        assertThat(deleted).isEqualTo(9);
        assertThat(dsl.select(NOTIFICATION.ID).from(NOTIFICATION).orderBy(NOTIFICATION.ID).fetch(NOTIFICATION.ID))
                .containsExactly(oldPending, oldUndeliverable, atCutoff, recent);
        assertThat(repository.prune(dsl, cutoff, 3)).isZero();
    }

    @Test
    void the_backlog_and_pruning_use_the_outboxs_partial_indexes() {
        // 200,000 ended rows (a month of a busy bot), 50 pending: the plans must not read the whole table
        dsl.execute("""
                insert into notification (race_id, kind, created_at, status, sent_at)
                select g % 5000, 'timeout_warning', timestamptz '2026-03-01 00:00:00+00' + g * interval '10 seconds',
                       (case when g % 10 = 0 then 'superseded' else 'sent' end)::notification_status,
                       timestamptz '2026-03-01 00:00:00+00' + g * interval '10 seconds'
                  from generate_series(1, 200000) g""");
        dsl.execute("""
                insert into notification (race_id, kind, created_at, status)
                select g, 'timeout_forfeit', timestamptz '2026-05-01 17:50:00+00', 'pending'
                  from generate_series(1, 50) g""");
        dsl.execute("analyze notification");

        String backlogPlan = explain(repository.pendingQuery(dsl, NOW, DSL.noCondition(), false).getSQL(
                ParamType.INLINED));
        String prunePlan = explain(repository.pruneBatch(dsl, Instant.parse("2026-03-15T00:00:00Z"), 1000)
                .getSQL(ParamType.INLINED));
        System.out.println("backlog plan:\n" + backlogPlan + "\nprune batch plan:\n" + prunePlan);

        // either partial index of pending rows (by race, or by id) serves the backlog
        assertThat(backlogPlan).containsAnyOf("notification_pending_idx", "notification_due_idx")
                .doesNotContain("Seq Scan");
        assertThat(prunePlan).contains("notification_ended_idx").doesNotContain("Seq Scan");

        long start = System.nanoTime();
        int deleted = repository.prune(dsl, Instant.parse("2026-03-15T00:00:00Z"), 1000);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.println("pruned " + deleted + " rows in " + millis + " ms");
        assertThat(deleted).isEqualTo(120_959); // created 2026-03-01 00:00:10 .. 2026-03-14 23:59:50
        assertThat(repository.pending(dsl, NOW).pending()).isEqualTo(50);
    }

    private String explain(String sql) {
        return dsl.fetch("explain " + sql).stream().map(r -> r.get(0, String.class))
                .collect(Collectors.joining("\n"));
    }

    private static List<Long> ids(List<BacklogRow> rows) {
        return rows.stream().map(BacklogRow::id).toList();
    }

    private long sent(Instant createdAt) {
        long id = insert(NotificationStatus.sent, createdAt, null);
        dsl.update(NOTIFICATION).set(NOTIFICATION.SENT_AT, createdAt.atOffset(ZoneOffset.UTC))
                .where(NOTIFICATION.ID.eq(id)).execute();
        return id;
    }

    private long insert(NotificationStatus status, Instant createdAt, Instant nextAttemptAt) {
        return dsl.insertInto(NOTIFICATION, NOTIFICATION.RACE_ID, NOTIFICATION.KIND, NOTIFICATION.CREATED_AT,
                        NOTIFICATION.STATUS, NOTIFICATION.NEXT_ATTEMPT_AT, NOTIFICATION.ATTEMPTS,
                        NOTIFICATION.LAST_ERROR)
                .values(7L, "timeout_warning", createdAt.atOffset(ZoneOffset.UTC), status,
                        nextAttemptAt == null ? null : nextAttemptAt.atOffset(ZoneOffset.UTC), 2, "502 Bad Gateway")
                .returningResult(NOTIFICATION.ID).fetchSingle().value1();
    }
}
