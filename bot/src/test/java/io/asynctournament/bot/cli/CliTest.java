package io.asynctournament.bot.cli;

import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.SharedData;
import io.asynctournament.db.testing.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.TASK_RUN;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;

/** The CLI end to end, as a user runs it, against the test PostgreSQL (DATABASE_URL). */
@ExtendWith(DatabaseExtension.class)
class CliTest {
    @TempDir
    Path dir;

    @Test
    void imports_scores_and_prints_a_csv_leaderboard() throws IOException {
        Path file = Files.writeString(dir.resolve("results.csv"), """
                pool,permalink,runner,status,elapsed
                Week 1,https://x/1,alice,finished,1:00:00
                Week 1,https://x/1,bob,finished,1:30:00
                Week 2,https://x/2,bob,forfeit,
                """);

        CliRunner.Result imported = cli("import", "--tournament", "Cup", file.toString());
        assertThat(imported.exitCode()).isEqualTo(0);
        assertThat(imported.out()).contains("3 runs (3 new), 2 pools, 2 permalinks, 2 racers");

        CliRunner.Result beforeScoring = cli("leaderboard", "--tournament", "Cup");
        assertThat(beforeScoring.err()).contains("2 finished or forfeited run(s) have no score yet");

        CliRunner.Result scored = cli("tasks", "run", "async_tournament_score_calculation");
        assertThat(scored.exitCode()).isEqualTo(0);
        assertThat(scored.out()).contains("async_tournament_score_calculation: success")
                .contains("scores_written=2").contains("tournaments=1");
        assertThat(TestDatabase.get().dsl().fetchCount(TASK_RUN)).isEqualTo(1);

        CliRunner.Result board = cli("leaderboard", "--tournament", "Cup", "--format", "csv");
        assertThat(board.exitCode()).isEqualTo(0);
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(board.out())).getRecords();
        assertThat(rows.get(0).values()).containsExactly("rank", "runner", "score", "estimate", "finished", "forfeited");
        // par Week 1 = 4500 s: alice 120 -> 105, bob 80; Week 2 has no finisher, bob forfeits: 0.
        assertThat(rows.get(1).values()).containsExactly("1", "alice", "52.5", "105.0", "1", "0");
        assertThat(rows.get(2).values()).containsExactly("2", "bob", "40.0", "80.0", "1", "1");
        assertThat(board.err()).isEmpty();

        CliRunner.Result table = cli("leaderboard", "--tournament", "Cup");
        assertThat(table.out()).contains("rank").contains("alice").contains("52.50");
    }

    @Test
    void a_bad_file_prints_every_bad_line_exits_2_and_imports_nothing() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), """
                pool,permalink,runner,status,elapsed
                Week 1,https://x/1,alice,finished,1:00:00
                Week 1,https://x/1,bob,won,1:30:00
                Week 1,https://x/1,carol,finished,
                """);

        CliRunner.Result result = cli("import", "--tournament", "Cup", file.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("nothing was changed")
                .contains("line 3: unknown status 'won'; accepted: finished, forfeit, disqualified")
                .contains("line 4: a finished run needs elapsed, as H:MM:SS");
        assertThat(TestDatabase.get().dsl().fetchCount(TOURNAMENT)).isZero();
        assertThat(TestDatabase.get().dsl().fetchCount(RACE)).isZero();
    }

    @Test
    void a_nul_byte_in_a_field_exits_2_naming_the_line_and_imports_nothing() throws IOException {
        Path file = Files.writeString(dir.resolve("nul.csv"), "pool,permalink,runner,status,elapsed\n"
                + "Week 1,https://x/1,alice,finished,1:00:00\n"
                + "Week 1,https://x/1,b\u0000ob,finished,1:30:00\n");

        CliRunner.Result result = cli("import", "--tournament", "Cup", file.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("was not imported; nothing was changed. 1 bad line(s):")
                .contains("line 3: runner contains U+0000 NULL at character 2 ('b\\u0000ob'); control characters "
                        + "are not accepted")
                .doesNotContain("\u0000").doesNotContain("SQL");
        assertThat(TestDatabase.get().dsl().fetchCount(TOURNAMENT)).isZero();
        assertThat(TestDatabase.get().dsl().fetchCount(RACE)).isZero();
    }

    @Test
    void many_bad_lines_list_the_first_20_and_count_the_others() throws IOException {
        StringBuilder csv = new StringBuilder("pool,permalink,runner,status,elapsed\n");
        for (int i = 0; i < 45; i++) {
            csv.append("Week 1,https://x/1,racer").append(i).append(",won,1:00:00\n");
        }
        Path file = Files.writeString(dir.resolve("bad.csv"), csv);

        CliRunner.Result result = cli("import", "--tournament", "Cup", file.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("was not imported; nothing was changed. 45 bad line(s), the first 20 by "
                + "line number:").contains("line 21: unknown status 'won'").doesNotContain("line 22:")
                .contains("... and 25 more bad line(s)");
        assertThat(TestDatabase.get().dsl().fetchCount(TOURNAMENT)).isZero();
    }

    @Test
    void a_tournament_name_over_100_characters_or_with_a_newline_exits_2_and_imports_nothing() throws IOException {
        Path file = Files.writeString(dir.resolve("ok.csv"), "pool,permalink,runner,status,elapsed\n"
                + "Week 1,https://x/1,alice,finished,1:00:00\n");

        CliRunner.Result tooLong = cli("import", "--tournament", "x".repeat(100_000), file.toString());
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).startsWith("error: --tournament has 100000 characters, more than the limit of 100")
                .contains("nothing was imported").hasSizeLessThan(300);
        CliRunner.Result newline = cli("import", "--tournament", "Cup\nrank  runner", file.toString());
        assertThat(newline.exitCode()).isEqualTo(2);
        assertThat(newline.err()).contains("--tournament contains U+000A LINE FEED (LF) at character 4");
        assertThat(cli("import", "--tournament", "Cup", "--guild", "\u001B[2J", file.toString()).err())
                .contains("--guild contains U+001B ESCAPE");
        assertThat(TestDatabase.get().dsl().fetchCount(TOURNAMENT)).isZero();
        assertThat(TestDatabase.get().dsl().fetchCount(RACE)).isZero();
    }

    @Test
    void the_table_leaderboard_keeps_one_line_per_racer_whatever_names_were_stored_before_the_rule()
            throws IOException {
        Path file = Files.writeString(dir.resolve("results.csv"), """
                pool,permalink,runner,status,elapsed
                Week 1,https://x/1,alice,finished,1:00:00
                Week 1,https://x/1,bob,finished,1:30:00
                Week 1,https://x/1,carol,forfeit,
                """);
        assertThat(cli("import", "--tournament", "Cup", file.toString()).exitCode()).isZero();
        cli("tasks", "run", "async_tournament_score_calculation");
        // names written before the rule existed (or by hand): a newline and ANSI escapes, and 100,000 characters
        TestDatabase.get().dsl().execute("update racer set name = 'al\nice\u001B[31m' where name = 'alice'");
        TestDatabase.get().dsl().execute("update racer set name = repeat('b', 100000) where name = 'bob'");

        CliRunner.Result table = cli("leaderboard", "--tournament", "Cup");

        assertThat(table.exitCode()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).contains("al\\nice\\u001B[31m").doesNotContain("\u001B");
        assertThat(lines.get(2)).contains("b".repeat(100) + "…").hasSizeLessThan(200);
        assertThat(lines).extracting(String::length).as("aligned").containsOnly(lines.get(0).length());
        List<CSVRecord> csv = CSVFormat.RFC4180.parse(new StringReader(
                cli("leaderboard", "--tournament", "Cup", "--format", "csv").out())).getRecords();
        assertThat(csv.get(1).get(1)).as("csv keeps the stored name")
                .isEqualTo("al\nice\u001B[31m");
    }

    @Test
    void bad_arguments_get_a_clear_error_and_exit_2() throws IOException {
        assertThat(cli("tasks", "run", "nope").err())
                .contains("unknown task 'nope'; known tasks: async_tournament_timeout_pending");
        assertThat(cli("tasks", "run", "nope").exitCode()).isEqualTo(2);
        assertThat(cli("leaderboard", "--tournament", "Missing").err()).contains("no tournament is named 'Missing'");
        CliRunner.Result badFormat = cli("leaderboard", "--tournament", "X", "--format", "xml");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format").contains("table, csv");
        assertThat(cli("import", "--tournament", "Cup", dir.resolve("none.csv").toString()).err())
                .contains("is not a readable file");
        Path ok = Files.writeString(dir.resolve("ok.csv"), "pool,permalink,runner,status,elapsed\n");
        assertThat(cli("import", "--tournament", "Cup", "--runs-per-pool", "0", ok.toString()).err())
                .contains("--runs-per-pool must be a whole number of at least 1, got 0");
        assertThat(cli("import", ok.toString()).err()).contains("Missing required option: '--tournament=NAME'");

        Path one = Files.writeString(dir.resolve("one.csv"), "pool,permalink,runner,status,elapsed\n"
                + "Week 1,https://x/1,alice,finished,1:00:00\n");
        assertThat(cli("import", "--tournament", "Cup", one.toString()).exitCode()).isZero();
        String before = TestDatabase.get().dsl().selectFrom(TOURNAMENT).fetch().formatCSV();
        CliRunner.Result mismatch = cli("import", "--tournament", "Cup", "--runs-per-pool", "2", one.toString());
        assertThat(mismatch.exitCode()).as("a user error inside the import's transaction is bad input")
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(mismatch.err()).contains("already exists with runs_per_pool 1").contains("nothing was imported");
        assertThat(TestDatabase.get().dsl().selectFrom(TOURNAMENT).fetch().formatCSV()).isEqualTo(before);
    }

    @Test
    void tasks_list_shows_every_task_with_its_schedule_and_last_run() {
        cli("tasks", "run", "async_tournament_timeout_pending");

        CliRunner.Result list = cli("tasks", "list");

        assertThat(list.exitCode()).isEqualTo(0);
        assertThat(cliWith(Map.of("DASHBOARD_PORT", "abc", "BOT_OPERATORS", "x"), "tasks", "list").exitCode())
                .as("settings of the bot process only do not stop a CLI command").isZero();
        assertThat(list.out()).contains("async_tournament_timeout_pending", "every 1m", "success")
                .contains("async_tournament_timeout_in_progress").contains("async_tournament_score_calculation",
                        "every 1h", "never");
    }

    @Test
    void the_tasks_control_plane_works_from_the_cli_with_the_same_validation() {
        String scores = "async_tournament_score_calculation";
        assertThat(cli("tasks", "pause", scores).out()).contains("paused " + scores);
        assertThat(cli("tasks", "list").out()).contains("paused");
        CliRunner.Result again = cli("tasks", "pause", scores);
        assertThat(again.exitCode()).as("a conflict: already done").isEqualTo(ExitCodes.CONFLICT);
        assertThat(again.err()).contains("is already paused");
        assertThat(cli("tasks", "resume", scores).out()).contains("resumed " + scores + ": every 1h");

        CliRunner.Result every = cli("tasks", "reschedule", scores, "--every", "5m");
        assertThat(every.out()).contains("rescheduled " + scores + ": every 5m").contains("next: ");
        assertThat(cli("tasks", "reschedule", scores, "--cron", "0 */2 * * *").out())
                .contains("cron \"0 */2 * * *\" (UTC)");
        CliRunner.Result both = cli("tasks", "reschedule", scores, "--every", "5m", "--cron", "0 * * * *");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliRunner.Result shortInterval = cli("tasks", "reschedule", scores, "--every", "3s");
        assertThat(shortInterval.exitCode()).isEqualTo(2);
        assertThat(shortInterval.err()).contains("the interval must be at least 10s");

        assertThat(cli("tasks", "configure", "async_tournament_timeout_pending", "timeout_minutes=30").out())
                .contains("timeout_minutes=30");
        CliRunner.Result badKey = cli("tasks", "configure", "async_tournament_timeout_in_progress", "max_hours=500");
        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.err()).contains("max_hours must be from 1 to 168, got 500");

        CliRunner.Result created = cli("tasks", "create", "async_tournament_timeout_pending", "--guild", "42");
        assertThat(created.out()).contains("created async_tournament_timeout_pending.guild-42");
        assertThat(cli("tasks", "create", "nope", "--guild", "42").err()).contains("unknown task type 'nope'");
        assertThat(cli("tasks", "delete", "async_tournament_timeout_pending.guild-42").out()).contains("deleted");
        assertThat(cli("tasks", "reset", "async_tournament_timeout_pending").out())
                .contains("reset async_tournament_timeout_pending: every 1m");

        cli("tasks", "run", scores);
        assertThat(cli("tasks", "history", scores).out()).contains("success").contains("cli:");
        assertThat(cli("tasks", "history", scores, "--limit", "0").err()).contains("from 1 to 100");
    }

    @Test
    void the_real_results_import_and_print_a_leaderboard() throws IOException {
        Path csv = SharedData.gmpWeeklyAsyncs().orElse(null);
        Assumptions.assumeTrue(csv != null, SharedData::absentMessage);

        assertThat(cli("import", "--tournament", "GMP Weekly", csv.toString()).out()).contains("1619 runs (1619 new)");
        assertThat(cli("import", "--tournament", "GMP Weekly", csv.toString()).out()).contains("1619 runs (0 new)");
        assertThat(cli("tasks", "run", "async_tournament_score_calculation").exitCode()).isZero();
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(
                cli("leaderboard", "--tournament", "GMP Weekly", "--format", "csv").out())).getRecords();
        assertThat(rows).hasSize(1 + 220);
        assertThat(rows.get(0).values()).containsExactly("rank", "runner", "score", "estimate", "finished", "forfeited");
        assertThat(rows.get(1).get(0)).isEqualTo("1");
    }

    @Test
    void read_only_commands_on_a_data_directory_without_a_database_say_so_exit_2_and_create_nothing()
            throws IOException {
        Path missing = dir.resolve("no-database");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        List<List<String>> readOnly = List.of(List.of("leaderboard", "--tournament", "Cup"), List.of("tasks", "list"),
                List.of("tasks", "history", "async_tournament_score_calculation"));
        for (Path dataDir : List.of(missing, empty)) {
            for (List<String> command : readOnly) {
                List<String> args = new java.util.ArrayList<>(List.of("--data-dir", dataDir.toString()));
                args.addAll(command);
                // no DATABASE_URL: the embedded database in --data-dir
                CliRunner.Result result = CliRunner.run(Map.of(), args.toArray(String[]::new));

                assertThat(result.exitCode()).as("%s", command).isEqualTo(2);
                assertThat(result.err()).as("%s", command).startsWith("error: There is no database in " + dataDir)
                        .contains("this command only reads, so it created none");
                assertThat(result.out()).isEmpty();
            }
        }
        assertThat(missing).doesNotExist();
        try (var files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
    }

    private CliRunner.Result cli(String... args) {
        return cliWith(Map.of(), args);
    }

    private CliRunner.Result cliWith(Map<String, String> extraEnvironment, String... args) {
        Map<String, String> env = new java.util.HashMap<>(extraEnvironment);
        env.put("DATABASE_URL", TestDatabase.jdbcUrl());
        env.put("DATABASE_USER", "postgres");
        return CliRunner.run(env, args);
    }
}
