package io.asynctournament.db.notification;

import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.NotificationStatus;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DatabaseExtension.class)
class NotificationOutboxRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private final DSLContext dsl = TestDatabase.get().dsl();
    private final NotificationRepository writer = new NotificationRepository();
    private final NotificationOutboxRepository outbox = new NotificationOutboxRepository(new AuditLogRepository());

    @BeforeEach
    void clear() {
        TestDatabase.clear();
    }

    @Test
    void only_the_oldest_pending_notification_of_a_race_can_be_claimed_so_a_forfeit_never_goes_before_its_warning() {
        long warning = write(1, "timeout_warning");
        long forfeit = write(1, "timeout_forfeit");
        long other = write(2, "timeout_forfeit");

        List<OutboxNotification> first = outbox.claim(dsl, "a", T0, LEASE, 10);
        assertThat(first).extracting(OutboxNotification::id).containsExactly(warning, other);
        assertThat(first.get(0).attempts()).isEqualTo(1);
        assertThat(outbox.claim(dsl, "b", T0, LEASE, 10)).as("leased, and the forfeit waits behind the warning")
                .isEmpty();

        assertThat(outbox.markSent(dsl, warning, "a", 555L, null, T0)).isTrue();
        assertThat(outbox.claim(dsl, "b", T0, LEASE, 10)).extracting(OutboxNotification::id).containsExactly(forfeit);
        assertThat(dsl.select(NOTIFICATION.STATUS, NOTIFICATION.MESSAGE_ID, NOTIFICATION.SENT_AT)
                .from(NOTIFICATION).where(NOTIFICATION.ID.eq(warning)).fetchSingle())
                .satisfies(r -> {
                    assertThat(r.value1()).isEqualTo(NotificationStatus.sent);
                    assertThat(r.value2()).isEqualTo(555L);
                    assertThat(r.value3().toInstant()).isEqualTo(T0);
                });
    }

    @Test
    void a_lost_lease_lets_another_process_take_the_row_and_the_first_process_can_no_longer_mark_it() {
        long id = write(1, "timeout_forfeit");
        assertThat(outbox.claim(dsl, "a", T0, LEASE, 10)).hasSize(1);
        assertThat(outbox.claim(dsl, "b", T0.plus(LEASE).minusSeconds(1), LEASE, 10)).isEmpty();

        List<OutboxNotification> taken = outbox.claim(dsl, "b", T0.plus(LEASE), LEASE, 10);
        assertThat(taken).extracting(OutboxNotification::id).containsExactly(id);
        assertThat(taken.get(0).attempts()).isEqualTo(2);

        assertThat(outbox.markSent(dsl, id, "a", 1L, null, T0)).isFalse();
        assertThat(outbox.retryLater(dsl, id, "a", "late", T0)).isFalse();
        assertThat(outbox.markUndeliverable(dsl, id, "a", "late", T0)).isFalse();
        assertThat(outbox.markSent(dsl, id, "b", 2L, "sent", T0)).isTrue();
        assertThat(outbox.markSent(dsl, id, "b", 3L, "sent", T0)).as("only once").isFalse();
        assertThat(dsl.fetchValue(NOTIFICATION.MESSAGE_ID, NOTIFICATION.ID.eq(id))).isEqualTo(2L);
    }

    @Test
    void rows_the_process_is_still_delivering_are_not_claimed_again_when_their_lease_ran_out() {
        long slow = write(1, "timeout_forfeit");
        long other = write(2, "timeout_forfeit");
        outbox.claim(dsl, "a", T0, LEASE, 1);
        assertThat(outbox.claim(dsl, "a", T0.plus(LEASE), LEASE, 10, List.of(slow)))
                .extracting(OutboxNotification::id).containsExactly(other);
    }

    @Test
    void a_row_given_back_untried_is_due_at_once_without_the_attempt() {
        long id = write(1, "timeout_forfeit");
        outbox.claim(dsl, "a", T0, LEASE, 10);
        assertThat(outbox.giveBack(dsl, id, "b")).as("not b's").isFalse();
        assertThat(outbox.giveBack(dsl, id, "a")).isTrue();
        assertThat(outbox.claim(dsl, "b", T0, LEASE, 10)).singleElement()
                .satisfies(n -> assertThat(n.attempts()).isEqualTo(1));
    }

    @Test
    void a_retry_waits_for_its_time_holds_back_the_rest_of_its_race_and_keeps_the_error() {
        long first = write(1, "timeout_warning");
        write(1, "timeout_forfeit");
        outbox.claim(dsl, "a", T0, LEASE, 10);
        Instant retryAt = T0.plusSeconds(8);
        assertThat(outbox.retryLater(dsl, first, "a", "502 Bad Gateway", retryAt)).isTrue();

        assertThat(outbox.claim(dsl, "a", T0.plusSeconds(7), LEASE, 10)).isEmpty();
        assertThat(outbox.nextWake(dsl, T0.plusSeconds(7))).contains(retryAt);
        List<OutboxNotification> again = outbox.claim(dsl, "a", retryAt, LEASE, 10);
        assertThat(again).extracting(OutboxNotification::id).containsExactly(first);
        assertThat(again.get(0).attempts()).isEqualTo(2);
        assertThat(dsl.fetchValue(NOTIFICATION.LAST_ERROR, NOTIFICATION.ID.eq(first))).isEqualTo("502 Bad Gateway");
        assertThat(outbox.nextWake(dsl, retryAt)).as("the lease end").contains(retryAt.plus(LEASE));
    }

    @Test
    void undeliverable_is_audited_never_claimed_again_and_unblocks_the_race() {
        long gone = write(7, "timeout_warning");
        long next = write(7, "timeout_forfeit");
        outbox.claim(dsl, "a", T0, LEASE, 10);
        assertThat(outbox.markUndeliverable(dsl, gone, "a", "Unknown Channel (10003)", T0)).isTrue();

        assertThat(outbox.claim(dsl, "a", T0.plus(Duration.ofDays(1)), LEASE, 10))
                .extracting(OutboxNotification::id).containsExactly(next);
        assertThat(dsl.fetchValue(NOTIFICATION.STATUS, NOTIFICATION.ID.eq(gone)))
                .isEqualTo(NotificationStatus.undeliverable);
        assertThat(dsl.selectFrom(AUDIT_LOG).fetch())
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.getAction()).isEqualTo("notification_undeliverable");
                    assertThat(a.getSubject()).isEqualTo("race:7");
                    assertThat(a.getDetails().data()).contains("Unknown Channel (10003)");
                });
    }

    @Test
    void superseded_and_skipped_rows_end_with_their_reason_and_other_statuses_are_refused() {
        long warning = write(3, "timeout_warning");
        outbox.claim(dsl, "a", T0, LEASE, 10);
        assertThatThrownBy(() -> outbox.markEnded(dsl, warning, "a", NotificationStatus.sent, "x", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(outbox.markEnded(dsl, warning, "a", NotificationStatus.superseded, "the race started", T0))
                .isTrue();
        assertThat(dsl.select(NOTIFICATION.STATUS, NOTIFICATION.OUTCOME).from(NOTIFICATION)
                .where(NOTIFICATION.ID.eq(warning)).fetchSingle().intoList())
                .containsExactly(NotificationStatus.superseded, "the race started");
    }

    @Test
    void processes_claiming_at_once_never_get_the_same_row() throws Exception {
        for (int race = 1; race <= 300; race++) {
            write(race, "timeout_forfeit");
        }
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            String process = "p" + p;
            futures.add(pool.submit(() -> {
                go.await();
                List<OutboxNotification> batch;
                while (!(batch = outbox.claim(dsl, process, T0, LEASE, 7)).isEmpty()) {
                    for (OutboxNotification n : batch) {
                        if (!claimed.add(n.id())) {
                            duplicates.add(n.id());
                        }
                        assertThat(outbox.markSent(dsl, n.id(), process, n.id(), null, T0)).isTrue();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(duplicates).isEmpty();
        assertThat(claimed).hasSize(300);
        assertThat(dsl.fetchCount(NOTIFICATION, NOTIFICATION.STATUS.eq(NotificationStatus.sent))).isEqualTo(300);
    }

    @Test
    void the_payload_and_creation_time_come_back_with_the_claim() {
        writer.insert(dsl, 9, "timeout_warning", Map.of("deadline", "2026-12-01T12:20:00Z"), T0.minusSeconds(5));
        assertThat(outbox.claim(dsl, "a", T0, LEASE, 1)).singleElement().satisfies(n -> {
            assertThat(n.raceId()).isEqualTo(9);
            assertThat(n.kind()).isEqualTo("timeout_warning");
            assertThat(n.payload()).containsEntry("deadline", "2026-12-01T12:20:00Z");
            assertThat(n.createdAt()).isEqualTo(T0.minusSeconds(5));
        });
    }

    private long write(long raceId, String kind) {
        writer.insert(dsl, raceId, kind, Map.of(), T0.minusSeconds(60));
        return dsl.select(org.jooq.impl.DSL.max(NOTIFICATION.ID)).from(NOTIFICATION).fetchSingle().value1();
    }
}
