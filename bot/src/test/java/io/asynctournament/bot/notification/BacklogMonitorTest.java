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

/** The backlog's lines in the bot's log, on the test PostgreSQL, with a clock the test moves. */
@ExtendWith(DatabaseExtension.class)
class BacklogMonitorTest {
    private static final Instant START = Instant.parse("2026-05-01T18:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final MutableClock clock = new MutableClock(START);
    private final BacklogMonitor monitor = new BacklogMonitor(new NotificationBacklogService(dsl, clock,
            new NotificationBacklogRepository(), new AuditLogRepository()), clock);
    private final LogLines log = new LogLines(BacklogMonitor.class);

    @AfterEach
    void close() {
        monitor.close();
        log.close();
    }

    @Test
    void warns_once_a_minute_while_the_backlog_is_stuck_and_says_once_when_it_is_cleared() {
        insert(START, null);
        insert(START.plusSeconds(5), START.plusSeconds(600)); // waiting for a retry

        monitor.check();
        clock.tick(Duration.ofSeconds(60));
        monitor.check();
        assertThat(log.lines()).as("a minute old is not more than a minute").isEmpty();

        clock.tick(Duration.ofSeconds(15));
        monitor.check();
        assertThat(log.lines()).containsExactly("WARN Notification backlog: 2 pending, oldest 1 min (1 due now, 1 "
                + "waiting for a retry); the bot is not delivering notifications (is Discord reachable?); "
                + "`notifications list` shows them");

        for (int i = 0; i < 3; i++) { // checks every 15 s: no new line within the minute
            clock.tick(Duration.ofSeconds(15));
            monitor.check();
        }
        assertThat(log.lines()).hasSize(1);
        clock.tick(Duration.ofSeconds(15)); // a minute after the first warning
        monitor.check();
        assertThat(log.lines()).hasSize(2).last().asString().startsWith("WARN Notification backlog: 2 pending, "
                + "oldest 2 min");

        dsl.update(NOTIFICATION).set(NOTIFICATION.STATUS, NotificationStatus.sent).execute();
        insert(clock.instant(), null); // a new one, younger than a minute: not stuck
        log.clear();
        monitor.check();
        monitor.check();
        assertThat(log.lines()).containsExactly("INFO Notification backlog cleared: 1 pending, none older than 60 s");

        clock.tick(Duration.ofMinutes(5));
        monitor.check();
        assertThat(log.lines()).hasSize(2).last().asString().startsWith("WARN Notification backlog: 1 pending, "
                + "oldest 5 min");
    }

    @Test
    void the_started_monitor_looks_at_once_and_says_nothing_about_an_empty_outbox() {
        insert(START.minus(Duration.ofMinutes(10)), null);

        monitor.start(Duration.ofMinutes(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> !log.lines().isEmpty());
        assertThat(log.lines()).singleElement().asString().startsWith("WARN Notification backlog: 1 pending, "
                + "oldest 10 min");
    }

    @Test
    void a_failing_look_is_logged_once_not_at_every_look() throws Exception {
        // a schema without the outbox: every look fails (42P01), as a database without the migrations would
        org.postgresql.ds.PGSimpleDataSource elsewhere = new org.postgresql.ds.PGSimpleDataSource();
        elsewhere.setUrl(TestDatabase.jdbcUrl());
        elsewhere.setCurrentSchema("no_such_schema");
        DSLContext broken = org.jooq.impl.DSL.using(elsewhere, org.jooq.SQLDialect.POSTGRES);
        try (BacklogMonitor failing = new BacklogMonitor(new NotificationBacklogService(broken, clock,
                new NotificationBacklogRepository(), new AuditLogRepository()), clock)) {
            failing.start(Duration.ofMillis(50));

            await().atMost(Duration.ofSeconds(10)).until(() -> !log.lines().isEmpty());
            Thread.sleep(500); // about ten more looks
            assertThat(log.lines()).singleElement().asString()
                    .isEqualTo("WARN Could not look at the notification backlog; trying again every 15 s");
        }
        // (a database that cannot be reached at all is left to the log's outage filter: one summary a minute)
    }

    private void insert(Instant createdAt, Instant nextAttemptAt) {
        dsl.insertInto(NOTIFICATION, NOTIFICATION.RACE_ID, NOTIFICATION.KIND, NOTIFICATION.CREATED_AT,
                        NOTIFICATION.NEXT_ATTEMPT_AT)
                .values(7L, "timeout_warning", createdAt.atOffset(ZoneOffset.UTC),
                        nextAttemptAt == null ? null : nextAttemptAt.atOffset(ZoneOffset.UTC))
                .execute();
    }
}
