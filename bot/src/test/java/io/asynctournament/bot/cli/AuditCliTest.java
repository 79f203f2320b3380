package io.asynctournament.bot.cli;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code audit --race ID | --tournament NAME [--limit N]} as a user runs it, against the test PostgreSQL. */
@ExtendWith(DatabaseExtension.class)
class AuditCliTest {
    @TempDir
    Path dir;

    private final DSLContext dsl = TestDatabase.get().dsl();

    @Test
    void prints_a_races_and_a_tournaments_entries_newest_first_with_their_details() throws IOException {
        long[] races = importTwoRuns();
        long tournament = dsl.select(TOURNAMENT.ID).from(TOURNAMENT).fetchSingle().value1();
        Instant t0 = Instant.parse("2026-05-01T10:00:00Z");
        new AuditLogRepository().insertAll(dsl, List.of(
                new AuditEntry("discord:61", "tournament_settings", "tournament:" + tournament,
                        Map.of("before", Map.of("max_hours", "task"), "after", Map.of("max_hours", 6)), t0),
                new AuditEntry("system", "timeout_forfeit", "task:async_tournament_timeout_pending",
                        Map.of("races", List.of(races[1])), t0.plusSeconds(60)),
                new AuditEntry("discord:61", "race_update", "race:" + races[0],
                        Map.of("reason", "typo", "before", Map.of("elapsed", "1:00:00"),
                                "after", Map.of("elapsed", "0:59:00")), t0.plusSeconds(120)),
                new AuditEntry("discord:99", "race_update", "race:999999", Map.of(), t0.plusSeconds(180))));

        // details as PostgreSQL's jsonb keeps them: keys by length, then alphabetically
        CliRunner.Result race = cli("audit", "--race", Long.toString(races[0]));
        assertThat(race.exitCode()).isEqualTo(0);
        assertThat(race.out()).isEqualTo("2026-05-01T10:02:00Z  discord:61  race_update  race:" + races[0]
                + "  {\"after\":{\"elapsed\":\"0:59:00\"},\"before\":{\"elapsed\":\"1:00:00\"},\"reason\":\"typo\"}"
                + System.lineSeparator());
        assertThat(race.err()).isEmpty();

        assertThat(cli("audit", "--race", Long.toString(races[1])).out())
                .contains("system  timeout_forfeit  task:async_tournament_timeout_pending  {\"races\":[" + races[1]
                        + "]}");

        CliRunner.Result all = cli("audit", "--tournament", "Cup");
        assertThat(all.exitCode()).isEqualTo(0);
        assertThat(all.out().lines().map(l -> l.split("  ")[2] + " " + l.split("  ")[3]).toList()).containsExactly(
                "race_update race:" + races[0], "timeout_forfeit task:async_tournament_timeout_pending",
                "tournament_settings tournament:" + tournament);

        CliRunner.Result two = cli("audit", "--tournament", "Cup", "--limit", "2");
        assertThat(two.out().lines()).hasSize(2);
        assertThat(two.err()).contains("note: 2 of 3 entries shown, newest first; --limit N (at most 1000) shows "
                + "more");
    }

    @Test
    void exactly_one_of_race_and_tournament_and_a_limit_in_range_are_required_with_exit_code_2() throws IOException {
        importTwoRuns();
        CliRunner.Result neither = cli("audit");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("error: Missing required argument (specify one of these): "
                + "(--race=ID | --tournament=NAME)");
        CliRunner.Result both = cli("audit", "--race", "1", "--tournament", "Cup");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliRunner.Result unknownRace = cli("audit", "--race", "999999");
        assertThat(unknownRace.exitCode()).isEqualTo(2);
        assertThat(unknownRace.err()).contains("error: there is no race 999999");
        CliRunner.Result unknownTournament = cli("audit", "--tournament", "Missing");
        assertThat(unknownTournament.exitCode()).isEqualTo(2);
        assertThat(unknownTournament.err()).contains("no tournament is named 'Missing'");
        for (String limit : List.of("0", "1001")) {
            CliRunner.Result bad = cli("audit", "--tournament", "Cup", "--limit", limit);
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.err()).contains("error: the limit must be from 1 to 1000, got " + limit);
        }
        CliRunner.Result notANumber = cli("audit", "--race", "abc");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).contains("a whole number is expected");
    }

    private long[] importTwoRuns() throws IOException {
        Path file = Files.writeString(dir.resolve("results.csv"), """
                pool,permalink,runner,status,elapsed
                Week 1,https://x/1,alice,finished,1:00:00
                Week 1,https://x/1,bob,forfeit,
                """);
        assertThat(cli("import", "--tournament", "Cup", file.toString()).exitCode()).isEqualTo(0);
        return dsl.select(RACE.ID).from(RACE).orderBy(RACE.ID).fetch(RACE.ID).stream().mapToLong(Long::longValue)
                .toArray();
    }

    private CliRunner.Result cli(String... args) {
        return CliRunner.run(Map.of("DATABASE_URL", TestDatabase.jdbcUrl(), "DATABASE_USER", "postgres"), args);
    }
}
