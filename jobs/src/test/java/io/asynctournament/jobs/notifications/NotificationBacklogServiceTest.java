package io.asynctournament.jobs.notifications;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.NotificationStatus;
import io.asynctournament.db.generated.tables.records.NotificationRecord;
import io.asynctournament.db.notification.NotificationBacklogRepository;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.testing.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DatabaseExtension.class)
class NotificationBacklogServiceTest {
    private static final Instant NOW = Instant.parse("2026-05-01T18:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final MutableClock clock = new MutableClock(NOW);
    private final AuditLogRepository audit = new AuditLogRepository();
    private final NotificationBacklogService service = new NotificationBacklogService(dsl, clock,
            new NotificationBacklogRepository(), audit);
    private final Fixtures fixtures = new Fixtures(dsl);

    @Test
    @SuppressWarnings("unchecked")
    void retry_puts_an_undeliverable_notification_back_due_now_and_audits_it() {
        long id = insert(NotificationStatus.undeliverable, NOW.minusSeconds(600), null);
        dsl.update(NOTIFICATION).set(NOTIFICATION.OUTCOME, "Missing Access (50001)").where(NOTIFICATION.ID.eq(id))
                .execute();

        var before = service.retry(id, "cli:alice");

        assertThat(before.status()).isEqualTo(NotificationStatus.undeliverable);
        NotificationRecord row = row(id);
        assertThat(row.getStatus()).isEqualTo(NotificationStatus.pending);
        assertThat(row.getOutcome()).isNull();
        assertThat(row.getNextAttemptAt()).isNull();
        List<AuditEntry> entries = audit.forSubject(dsl, "notification:" + id);
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("cli:alice");
            assertThat(entry.action()).isEqualTo("notification_retry");
            assertThat(entry.at()).isEqualTo(NOW);
            assertThat((Map<String, Object>) entry.details()).containsEntry("status", "undeliverable")
                    .containsEntry("outcome", "Missing Access (50001)").containsEntry("kind", "timeout_warning");
        });
        assertThat(service.pending().due()).isEqualTo(1);
    }

    @Test
    void retry_skips_the_wait_of_a_pending_notification_waiting_for_a_retry() {
        long id = insert(NotificationStatus.pending, NOW.minusSeconds(600), NOW.plusSeconds(240));
        assertThat(service.pending().waiting()).isEqualTo(1);

        service.retry(id, "cli:alice");

        assertThat(row(id).getNextAttemptAt()).isNull();
        assertThat(service.pending().due()).isEqualTo(1);
        assertThat(service.pending().waiting()).isZero();
    }

    @Test
    void retry_refuses_ended_notifications_with_a_conflict_and_changes_nothing() {
        for (NotificationStatus status : List.of(NotificationStatus.sent, NotificationStatus.superseded,
                NotificationStatus.skipped)) {
            long id = insert(status, NOW.minusSeconds(600), null);
            NotificationRecord before = row(id);

            assertThatThrownBy(() -> service.retry(id, "cli:alice")).isInstanceOfSatisfying(UserError.class, e -> {
                assertThat(e.kind()).isEqualTo(UserError.Kind.CONFLICT);
                assertThat(e.getMessage()).isEqualTo("Notification " + id + " is " + status.getLiteral()
                        + ": only a pending or undeliverable notification can be retried; nothing was changed");
            });
            assertThat(row(id)).isEqualTo(before);
        }
        assertThat(dsl.fetchCount(AUDIT_LOG)).isZero();
    }

    @Test
    void retry_refuses_a_due_pending_notification_one_being_delivered_and_an_unknown_id() {
        long due = insert(NotificationStatus.pending, NOW.minusSeconds(600), NOW.minusSeconds(1));
        long leased = insert(NotificationStatus.pending, NOW.minusSeconds(600), NOW.plusSeconds(60));
        dsl.update(NOTIFICATION).set(NOTIFICATION.CLAIMED_BY, "bot-2")
                .set(NOTIFICATION.CLAIMED_UNTIL, NOW.plusSeconds(20).atOffset(ZoneOffset.UTC))
                .where(NOTIFICATION.ID.eq(leased)).execute();

        assertThatThrownBy(() -> service.retry(due, "cli:alice")).isInstanceOfSatisfying(UserError.class, e -> {
            assertThat(e.kind()).isEqualTo(UserError.Kind.CONFLICT);
            assertThat(e.getMessage()).contains("is pending and already due");
        });
        assertThatThrownBy(() -> service.retry(leased, "cli:alice")).isInstanceOfSatisfying(UserError.class, e -> {
            assertThat(e.kind()).isEqualTo(UserError.Kind.CONFLICT);
            assertThat(e.getMessage()).contains("is being delivered right now by bot-2");
        });
        assertThatThrownBy(() -> service.retry(424242, "cli:alice")).isInstanceOfSatisfying(UserError.class, e -> {
            assertThat(e.kind()).isEqualTo(UserError.Kind.NOT_FOUND);
            assertThat(e.getMessage()).startsWith("There is no notification 424242");
        });
        assertThat(dsl.fetchCount(AUDIT_LOG)).isZero();

        clock.tick(Duration.ofSeconds(60)); // the lease is over and its wait too: due, nothing to retry
        assertThatThrownBy(() -> service.retry(leased, "cli:alice")).hasMessageContaining("already due");
    }

    @Test
    void the_stuck_notice_appears_once_the_oldest_pending_notification_is_older_than_a_minute() {
        insert(NotificationStatus.pending, NOW, null);
        insert(NotificationStatus.pending, NOW.plusSeconds(10), null);

        assertThat(service.stuckNotice()).isEmpty();
        clock.tick(Duration.ofSeconds(60));
        assertThat(service.stuckNotice()).as("exactly a minute is not more than a minute").isEmpty();
        clock.tick(Duration.ofSeconds(1));
        assertThat(service.stuckNotice()).contains("Notification backlog: 2 pending, oldest 1 min");
        clock.tick(Duration.ofMinutes(3));
        assertThat(service.stuckNotice()).contains("Notification backlog: 2 pending, oldest 4 min");

        dsl.update(NOTIFICATION).set(NOTIFICATION.STATUS, NotificationStatus.sent).execute();
        assertThat(service.stuckNotice()).isEmpty();
    }

    @Test
    void a_guilds_notice_counts_only_that_guilds_races() {
        long guild = fixtures.guild();
        long tournament = fixtures.tournament(guild);
        long permalink = fixtures.permalink(fixtures.pool(tournament));
        long race = fixtures.pendingRace(tournament, permalink, NOW.minusSeconds(3600));
        long otherGuild = fixtures.guild();
        long otherTournament = fixtures.tournament(otherGuild);
        long otherRace = fixtures.pendingRace(otherTournament,
                fixtures.permalink(fixtures.pool(otherTournament)), NOW.minusSeconds(3600));
        NotificationRepository outbox = new NotificationRepository();
        outbox.insert(dsl, race, "timeout_warning", Map.of(), NOW.minus(Duration.ofMinutes(5)));
        outbox.insert(dsl, otherRace, "timeout_warning", Map.of(), NOW.minus(Duration.ofMinutes(9)));
        outbox.insert(dsl, otherRace, "timeout_forfeit", Map.of(), NOW.minus(Duration.ofMinutes(2)));
        long discordGuild = dsl.select(GUILD.DISCORD_GUILD_ID).from(GUILD).where(GUILD.ID.eq(guild)).fetchSingle()
                .value1();

        assertThat(service.stuckNotice(discordGuild)).contains("Notification backlog: 1 pending, oldest 5 min");
        assertThat(service.stuckNotice()).contains("Notification backlog: 3 pending, oldest 9 min");
        assertThat(service.stuckNotice(123)).isEmpty();
    }

    @Test
    void list_refuses_an_unknown_status_or_a_limit_out_of_range() {
        assertThatThrownBy(() -> service.list("sent", 10)).isInstanceOfSatisfying(UserError.class, e -> {
            assertThat(e.kind()).isEqualTo(UserError.Kind.BAD_INPUT);
            assertThat(e.getMessage()).isEqualTo("--status must be pending, undeliverable or all, got 'sent'");
        });
        assertThatThrownBy(() -> service.list("all", 0)).hasMessage("--limit must be from 1 to 1000, got 0");
        assertThatThrownBy(() -> service.list("all", 1001)).hasMessage("--limit must be from 1 to 1000, got 1001");
        assertThat(service.list("ALL", 1000)).isEmpty();
    }

    @Test
    void prune_keeps_the_retention_measured_from_the_clock() {
        long old = insert(NotificationStatus.sent, NOW.minus(Duration.ofDays(31)), null);
        long young = insert(NotificationStatus.sent, NOW.minus(Duration.ofDays(29)), null);
        long undeliverable = insert(NotificationStatus.undeliverable, NOW.minus(Duration.ofDays(300)), null);

        assertThat(service.prune(Duration.ofDays(30))).isEqualTo(1);
        assertThat(dsl.fetchExists(NOTIFICATION, NOTIFICATION.ID.eq(old))).isFalse();
        clock.tick(Duration.ofDays(2));
        assertThat(service.prune(Duration.ofDays(30))).isEqualTo(1);
        assertThat(dsl.fetchExists(NOTIFICATION, NOTIFICATION.ID.eq(young))).isFalse();
        assertThat(dsl.fetchExists(NOTIFICATION, NOTIFICATION.ID.eq(undeliverable))).isTrue();
    }

    @Test
    void ages_read_in_whole_human_units() {
        assertThat(NotificationBacklogService.age(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(NotificationBacklogService.age(Duration.ofSeconds(4 * 60 + 59))).isEqualTo("4 min");
        assertThat(NotificationBacklogService.age(Duration.ofMinutes(120))).isEqualTo("2 h");
        assertThat(NotificationBacklogService.age(Duration.ofMinutes(200))).isEqualTo("3 h 20 min");
        assertThat(NotificationBacklogService.age(Duration.ofHours(52))).isEqualTo("2 d 4 h");
        assertThat(NotificationBacklogService.age(Duration.ofSeconds(-5))).isEqualTo("0 s");
    }

    private NotificationRecord row(long id) {
        return dsl.selectFrom(NOTIFICATION).where(NOTIFICATION.ID.eq(id)).fetchSingle();
    }

    private long insert(NotificationStatus status, Instant createdAt, Instant nextAttemptAt) {
        return dsl.insertInto(NOTIFICATION, NOTIFICATION.RACE_ID, NOTIFICATION.KIND, NOTIFICATION.CREATED_AT,
                        NOTIFICATION.STATUS, NOTIFICATION.NEXT_ATTEMPT_AT, NOTIFICATION.ATTEMPTS)
                .values(7L, "timeout_warning", createdAt.atOffset(ZoneOffset.UTC), status,
                        nextAttemptAt == null ? null : nextAttemptAt.atOffset(ZoneOffset.UTC), 1)
                .returningResult(NOTIFICATION.ID).fetchSingle().value1();
    }
}
