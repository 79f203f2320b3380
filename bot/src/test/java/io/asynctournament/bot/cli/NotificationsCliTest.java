package io.asynctournament.bot.cli;

import io.asynctournament.db.generated.enums.NotificationStatus;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code notifications list|retry} and the backlog line of {@code tasks list}, end to end as an operator runs them,
 * against the test PostgreSQL. The CLI's clock is the real one: rows are written relative to now.
 */
@ExtendWith(DatabaseExtension.class)
class NotificationsCliTest {
    private final DSLContext dsl = TestDatabase.get().dsl();

    @TempDir
    Path dir;

    @Test
    void list_prints_the_backlog_summary_and_the_pending_rows_oldest_first() {
        Instant now = Instant.now();
        long oldest = insert(NotificationStatus.pending, now.minus(Duration.ofMinutes(4)).minusSeconds(10), null,
                3, "HTTP 502 Bad Gateway");
        long waiting = insert(NotificationStatus.pending, now.minusSeconds(90), now.plus(Duration.ofMinutes(3)), 1,
                "connection refused");
        insert(NotificationStatus.undeliverable, now.minus(Duration.ofHours(2)), null, 1, null);
        insert(NotificationStatus.sent, now.minus(Duration.ofHours(3)), null, 1, null);

        CliRunner.Result result = cli("notifications", "list");

        assertThat(result.exitCode()).as(result.err()).isZero();
        String[] lines = result.out().split("\n");
        assertThat(lines[0]).isEqualTo("Notification backlog: 2 pending (1 due now, 1 waiting for a retry), oldest "
                + "4 min; 1 undeliverable (notifications list --status undeliverable)");
        assertThat(lines[1]).startsWith("id ").contains("race", "kind", "status", "created (UTC)", "attempts",
                "next attempt (UTC)", "outcome / last error");
        assertThat(lines[2]).startsWith(oldest + " ").contains("timeout_warning", "pending", "due now",
                "last error: HTTP 502 Bad Gateway");
        assertThat(lines[3]).startsWith(waiting + " ").contains("last error: connection refused")
                .doesNotContain("due now");
        assertThat(lines).hasSize(4);
    }

    @Test
    void list_filters_undeliverable_and_all_rows_and_limits_them() {
        Instant now = Instant.now();
        long unknownChannel = insert(NotificationStatus.undeliverable, now.minus(Duration.ofHours(2)), null, 1,
                null);
        dsl.update(NOTIFICATION).set(NOTIFICATION.OUTCOME, "Unknown Channel (10003): the thread was deleted")
                .where(NOTIFICATION.ID.eq(unknownChannel)).execute();
        long sent = insert(NotificationStatus.sent, now.minus(Duration.ofHours(1)), null, 1, null);

        CliRunner.Result undeliverable = cli("notifications", "list", "--status", "undeliverable");
        assertThat(undeliverable.out()).startsWith("Notification backlog: none pending; 1 undeliverable")
                .contains("Unknown Channel (10003): the thread was deleted").doesNotContain(" sent ");

        CliRunner.Result all = cli("notifications", "list", "--status", "all", "--limit", "1");
        assertThat(all.exitCode()).isZero();
        assertThat(all.out().split("\n")).hasSize(3);
        assertThat(all.out().split("\n")[2]).startsWith(sent + " ").contains(" sent ");
    }

    @Test
    void list_with_nothing_to_show_says_so() {
        CliRunner.Result result = cli("notifications", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Notification backlog: none pending; 0 undeliverable\n"
                + "no notifications to show\n");
    }

    @Test
    void bad_options_exit_2_saying_what_is_accepted() {
        CliRunner.Result status = cli("notifications", "list", "--status", "sent");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(status.err()).isEqualTo("error: --status must be pending, undeliverable or all, got 'sent'\n");
        assertThat(status.out()).isEmpty();

        CliRunner.Result limit = cli("notifications", "list", "--limit", "0");
        assertThat(limit.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(limit.err()).contains("--limit must be from 1 to 1000, got 0");

        CliRunner.Result id = cli("notifications", "retry", "twelve");
        assertThat(id.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(id.err()).contains("'twelve' is not a long (a whole number is expected)");

        CliRunner.Result missing = cli("notifications", "retry");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("Missing required parameter: 'ID'");
    }

    @Test
    void retry_puts_an_undeliverable_notification_back_and_audits_it() {
        long id = insert(NotificationStatus.undeliverable, Instant.now().minus(Duration.ofHours(2)), null, 1, null);

        CliRunner.Result result = cli("notifications", "retry", Long.toString(id));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Notification " + id + " (timeout_warning, race 7) was undeliverable; "
                + "it is pending again and due now: a running bot delivers it within seconds.\n");
        assertThat(dsl.select(NOTIFICATION.STATUS).from(NOTIFICATION).where(NOTIFICATION.ID.eq(id)).fetchSingle()
                .value1()).isEqualTo(NotificationStatus.pending);
        assertThat(dsl.select(AUDIT_LOG.ACTOR, AUDIT_LOG.ACTION, AUDIT_LOG.SUBJECT).from(AUDIT_LOG).fetchSingle()
                .intoList()).containsExactly("cli:" + System.getProperty("user.name"), "notification_retry",
                "notification:" + id);
    }

    @Test
    void retry_of_a_sent_notification_exits_3_and_of_an_unknown_one_exits_2_changing_nothing() {
        long id = insert(NotificationStatus.sent, Instant.now().minus(Duration.ofHours(2)), null, 1, null);
        String before = dsl.selectFrom(NOTIFICATION).fetch().formatCSV();

        CliRunner.Result sent = cli("notifications", "retry", Long.toString(id));
        assertThat(sent.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(sent.err()).isEqualTo("error: Notification " + id + " is sent: only a pending or undeliverable "
                + "notification can be retried; nothing was changed\n");

        CliRunner.Result unknown = cli("notifications", "retry", "999999");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).startsWith("error: There is no notification 999999");

        assertThat(dsl.selectFrom(NOTIFICATION).fetch().formatCSV()).isEqualTo(before);
        assertThat(dsl.fetchCount(AUDIT_LOG)).isZero();
    }

    @Test
    void tasks_list_shows_the_backlog_only_once_a_notification_has_waited_more_than_a_minute() {
        Instant now = Instant.now();
        insert(NotificationStatus.pending, now.minusSeconds(20), null, 0, null);

        CliRunner.Result young = cli("tasks", "list");
        assertThat(young.exitCode()).isZero();
        assertThat(young.out()).contains("async_tournament_score_calculation").doesNotContain("Notification backlog");

        insert(NotificationStatus.pending, now.minus(Duration.ofMinutes(4)).minusSeconds(5), null, 2, null);
        CliRunner.Result stuck = cli("tasks", "list");
        assertThat(stuck.out()).endsWith("Notification backlog: 2 pending, oldest 4 min (notifications list)\n");
    }

    @Test
    void notifications_list_on_a_data_directory_without_a_database_creates_none() {
        Path dataDir = dir.resolve("empty");

        CliRunner.Result result = CliRunner.run(Map.of(), "--data-dir", dataDir.toString(), "notifications", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).startsWith("error: There is no database in " + dataDir);
        assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
    }

    @Test
    void a_bad_retention_stops_run_with_exit_2_naming_the_setting() {
        for (String bad : new String[]{"0", "3651", "a month"}) {
            CliRunner.Result result = CliRunner.run(Map.of("NOTIFICATION_RETENTION_DAYS", bad), "run");

            assertThat(result.exitCode()).as(bad).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(result.err()).as(bad).isEqualTo("error: NOTIFICATION_RETENTION_DAYS must be a whole number "
                    + "of days from 1 to 3650 (ten years), got '" + bad + "'\n");
        }
    }

    private long insert(NotificationStatus status, Instant createdAt, Instant nextAttemptAt, int attempts,
                        String lastError) {
        return dsl.insertInto(NOTIFICATION, NOTIFICATION.RACE_ID, NOTIFICATION.KIND, NOTIFICATION.CREATED_AT,
                        NOTIFICATION.STATUS, NOTIFICATION.NEXT_ATTEMPT_AT, NOTIFICATION.ATTEMPTS,
                        NOTIFICATION.LAST_ERROR)
                .values(7L, "timeout_warning", createdAt.atOffset(ZoneOffset.UTC), status,
                        nextAttemptAt == null ? null : nextAttemptAt.atOffset(ZoneOffset.UTC), attempts, lastError)
                .returningResult(NOTIFICATION.ID).fetchSingle().value1();
    }

    private CliRunner.Result cli(String... args) {
        return CliRunner.run(Map.of("DATABASE_URL", TestDatabase.jdbcUrl(), "DATABASE_USER", "postgres"), args);
    }
}
