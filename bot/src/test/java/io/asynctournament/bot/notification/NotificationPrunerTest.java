package io.asynctournament.bot.notification;

import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.NotificationStatus;
import io.asynctournament.db.notification.NotificationBacklogRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.notifications.NotificationBacklogService;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pruning in the bot process, on the test PostgreSQL, with a clock the test moves. */
@ExtendWith(DatabaseExtension.class)
class NotificationPrunerTest {
    private static final Instant START = Instant.parse("2026-05-01T18:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final MutableClock clock = new MutableClock(START);
    private final NotificationPruner pruner = new NotificationPruner(new NotificationBacklogService(dsl, clock,
            new NotificationBacklogRepository(), new AuditLogRepository()), clock, Duration.ofDays(30));
    private final LogLines log = new LogLines(NotificationPruner.class);

    @AfterEach
    void close() {
        pruner.close();
        log.close();
    }

    @Test
    void prunes_at_the_first_tick_then_once_an_hour_keeping_pending_and_undeliverable_rows() {
        insert(NotificationStatus.sent, START.minus(Duration.ofDays(31)));
        insert(NotificationStatus.skipped, START.minus(Duration.ofDays(40)));
        insert(NotificationStatus.sent, START.minus(Duration.ofDays(30)).plusSeconds(1800)); // 29.98 days old
        insert(NotificationStatus.pending, START.minus(Duration.ofDays(90)));
        insert(NotificationStatus.undeliverable, START.minus(Duration.ofDays(90)));

        assertThat(pruner.tick()).isEqualTo(2);
        assertThat(log.lines()).containsExactly("INFO Pruned 2 sent, superseded or skipped notification(s) written "
                + "before 2026-04-01T18:00:00Z (NOTIFICATION_RETENTION_DAYS=30)");

        clock.tick(Duration.ofMinutes(59)); // the third row is now past the retention, but no prune is due
        assertThat(pruner.tick()).isEqualTo(-1);
        assertThat(dsl.fetchCount(NOTIFICATION)).isEqualTo(3);

        clock.tick(Duration.ofMinutes(1));
        assertThat(pruner.tick()).isEqualTo(1);
        assertThat(dsl.select(NOTIFICATION.STATUS).from(NOTIFICATION).fetch(NOTIFICATION.STATUS))
                .containsExactlyInAnyOrder(NotificationStatus.pending, NotificationStatus.undeliverable);

        clock.tick(Duration.ofHours(1));
        log.clear();
        assertThat(pruner.tick()).as("nothing left to prune").isZero();
        assertThat(log.lines()).as("nothing pruned, nothing logged").isEmpty();
    }

    @Test
    void the_started_pruner_prunes_at_once() {
        insert(NotificationStatus.superseded, START.minus(Duration.ofDays(31)));

        pruner.start(Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> dsl.fetchCount(NOTIFICATION) == 0);
    }

    private void insert(NotificationStatus status, Instant createdAt) {
        dsl.insertInto(NOTIFICATION, NOTIFICATION.RACE_ID, NOTIFICATION.KIND, NOTIFICATION.CREATED_AT,
                        NOTIFICATION.STATUS)
                .values(7L, "timeout_warning", createdAt.atOffset(ZoneOffset.UTC), status)
                .execute();
    }
}
