package io.asynctournament.jobs.results;

import io.asynctournament.db.TournamentRepository;
import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.results.ImportSummary;
import io.asynctournament.db.results.ResultsImportRepository;
import io.asynctournament.db.scoring.LeaderboardRepository;
import io.asynctournament.db.scoring.LeaderboardRow;
import io.asynctournament.db.scoring.ScoringRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.SharedData;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.handlers.ScoreCalculationHandler;
import io.asynctournament.jobs.scoring.IndependentLeaderboard;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(DatabaseExtension.class)
class ResultsImporterTest {
    private static final String FILE = """
            pool,permalink,runner,status,elapsed,reattempted
            Week 1,https://x/1,alice,finished,1:00:00,
            Week 1,https://x/1,bob,finished,1:30:00,
            Week 1,https://x/1,carol,forfeit,,
            Week 2,https://x/2,alice,finished,0:40:00,true
            Week 2,https://x/2,alice,finished,0:50:00,
            Week 2,https://x/2,bob,disqualified,0:45:00,
            """;

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ResultsImporter importer = new ResultsImporter(dsl, new ResultsCsvReader(clock),
            new ResultsImportRepository(), new TournamentRepository());

    @Test
    void imports_tournament_pools_permalinks_racers_and_races() {
        ImportSummary summary = importer.importFile(new StringReader(FILE), "imported", "Spring Cup", null);

        assertThat(summary).isEqualTo(new ImportSummary(summary.tournamentId(), 2, 2, 3, 6, 6));
        assertThat(dsl.fetchCount(TOURNAMENT)).isEqualTo(1);
        assertThat(dsl.fetchCount(POOL)).isEqualTo(2);
        assertThat(dsl.fetchCount(PERMALINK)).isEqualTo(2);
        assertThat(dsl.fetchCount(RACER)).isEqualTo(3);
        assertThat(dsl.fetchCount(RACE, RACE.REATTEMPTED.isTrue())).isEqualTo(1);
        assertThat(dsl.fetchCount(RACE, RACE.STATUS.eq(RaceStatus.disqualified))).isEqualTo(1);
    }

    @Test
    void importing_the_same_file_twice_creates_no_duplicates() {
        importer.importFile(new StringReader(FILE), "imported", "Spring Cup", null);
        ImportSummary again = importer.importFile(new StringReader(FILE), "imported", "Spring Cup", null);

        assertThat(again.newRuns()).isZero();
        assertThat(dsl.fetchCount(TOURNAMENT)).isEqualTo(1);
        assertThat(dsl.fetchCount(POOL)).isEqualTo(2);
        assertThat(dsl.fetchCount(PERMALINK)).isEqualTo(2);
        assertThat(dsl.fetchCount(RACER)).isEqualTo(3);
        assertThat(dsl.fetchCount(RACE)).isEqualTo(6);
    }

    @Test
    void a_file_with_a_bad_line_imports_nothing() {
        String bad = FILE + "Week 2,https://x/2,dave,finished,fast,\n";

        InvalidResultsFileException e = catchThrowableOfType(InvalidResultsFileException.class,
                () -> importer.importFile(new StringReader(bad), "imported", "Spring Cup", null));

        assertThat(e.badLines()).extracting(BadLine::line).containsExactly(8L);
        assertThat(dsl.fetchCount(TOURNAMENT)).isZero();
        assertThat(dsl.fetchCount(RACE)).isZero();
        assertThat(dsl.fetchCount(RACER)).isZero();
    }

    @Test
    void numbers_a_runners_attempts_at_a_permalink_in_file_order() {
        importer.importFile(new StringReader("""
                pool,permalink,runner,status,elapsed,reattempted
                P1,https://x/1,alice,finished,1:00:00,true
                P1,https://x/1,bob,finished,1:10:00,
                P1,https://x/1,alice,finished,0:50:00,
                """), "imported", "Cup", null);

        assertThat(dsl.select(RACER.NAME, RACE.ATTEMPT, RACE.ELAPSED_SECONDS).from(RACE).join(RACER)
                .on(RACER.ID.eq(RACE.RACER_ID)).orderBy(RACE.ID).fetch(r -> r.value1() + " " + r.value2() + " "
                        + r.value3().stripTrailingZeros().toPlainString()))
                .containsExactly("alice 1 3600", "bob 1 4200", "alice 2 3000");
    }

    @Test
    void repeated_lines_and_runs_beyond_runs_per_pool_are_bad_lines_and_change_nothing() {
        importer.importFile(new StringReader(FILE), "imported", "Spring Cup", null);
        Map<String, List<String>> before = snapshot();
        String file = """
                pool,permalink,runner,status,elapsed,reattempted
                P1,https://x/1,alice,finished,1:00:00,true
                P1,https://x/1,alice,finished,1:10:00,false
                P1,https://x/2,alice,finished,1:20:00,false
                P2,https://x/3,alice,finished,1:20:00,false
                P2,https://x/3,alice,finished,1:20:00,false
                """;

        InvalidResultsFileException e = catchThrowableOfType(InvalidResultsFileException.class,
                () -> importer.importFile(new StringReader(file), "imported", "Other", null));

        assertThat(e.badLines()).extracting(BadLine::toString).containsExactly(
                "line 4: runner 'alice' already has 1 run(s) in pool 'P1' and runs_per_pool is 1; mark the replaced "
                        + "run reattempted=true or raise --runs-per-pool",
                "line 6: repeats line 5 exactly");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(importer.importFile(new StringReader(file.substring(0, file.lastIndexOf("P2"))), "imported",
                "Other", 2).runs()).isEqualTo(4);
    }

    @Test
    void a_bad_line_found_after_many_staged_lines_rolls_everything_back() {
        importer.importFile(new StringReader(FILE), "imported", "Spring Cup", null);
        Map<String, List<String>> before = snapshot();
        StringBuilder file = new StringBuilder("pool,permalink,runner,status,elapsed\n");
        for (int i = 0; i < 20_000; i++) {
            file.append("Week ").append(i % 50).append(",https://x/w").append(i % 50).append(",runner-").append(i / 50)
                    .append(",finished,1:00:00\n");
        }
        String good = file.toString();

        // a bad field on the last line, found while reading, after 20,000 lines were staged
        assertThat(catchThrowableOfType(InvalidResultsFileException.class, () -> importer.importFile(
                new StringReader(good + "Week 1,https://x/w1,late,forfeit,1:00:00\n"), "imported", "Spring Cup", null))
                .badLines()).extracting(BadLine::line).containsExactly(20_002L);
        assertThat(snapshot()).isEqualTo(before);
        // a repeated line at the end, found by the checks over the staged lines
        assertThat(catchThrowableOfType(InvalidResultsFileException.class, () -> importer.importFile(
                new StringReader(good + "Week 0,https://x/w0,runner-0,finished,1:00:00\n"), "imported", "Spring Cup",
                null)).badLines()).extracting(BadLine::toString).containsExactly("line 20002: repeats line 2 exactly");
        assertThat(snapshot()).isEqualTo(before);

        assertThat(importer.importFile(new StringReader(good), "imported", "Spring Cup", null).newRuns())
                .isEqualTo(20_000);
    }

    @Test
    void a_file_that_stops_being_utf8_after_staged_lines_imports_nothing_and_the_next_import_works(@TempDir Path dir)
            throws Exception {
        importer.importFile(new StringReader(FILE), "imported", "Spring Cup", null);
        Map<String, List<String>> before = snapshot();
        StringBuilder good = new StringBuilder("pool,permalink,runner,status,elapsed\n");
        for (int i = 0; i < 20_000; i++) {
            good.append("Week ").append(i % 50).append(",https://x/w").append(i % 50).append(",runner-").append(i / 50)
                    .append(",finished,1:00:00\n");
        }
        Path file = dir.resolve("latin1.csv");
        Files.write(file, (good + "Week 1,https://x/w1,Zo\u00eb,finished,1:00:00\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        try (Reader reader = Files.newBufferedReader(file)) {
            assertThatThrownBy(() -> importer.importFile(reader, "imported", "Spring Cup", null))
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasCauseInstanceOf(java.nio.charset.CharacterCodingException.class);
        }

        assertThat(snapshot()).isEqualTo(before);
        assertThat(importer.importFile(new StringReader(good.toString()), "imported", "Spring Cup", null).newRuns())
                .as("the pool's connections are usable after the cancelled copy").isEqualTo(20_000);
    }

    @Test
    void lists_the_first_20_bad_lines_by_line_number_of_every_kind_and_counts_them_all() {
        StringBuilder file = new StringBuilder("pool,permalink,runner,status,elapsed\n");
        for (int i = 0; i < 30; i++) {
            file.append("P1,https://x/1,r").append(i).append(",finished,1:00:00\n"); // line 2 + 3i
            file.append("P1,https://x/1,r").append(i).append(",finished,1:00:00\n"); // repeats it
            file.append("P1,https://x/1,s").append(i).append(",lost,1:00:00\n");     // bad status
        }

        InvalidResultsFileException e = catchThrowableOfType(InvalidResultsFileException.class,
                () -> importer.importFile(new StringReader(file.toString()), "imported", "Cup", null));

        assertThat(e.total()).isEqualTo(60);
        assertThat(e.badLines()).hasSize(20);
        assertThat(e.badLines()).extracting(BadLine::line).isSorted().startsWith(3L, 4L, 6L, 7L).endsWith(30L, 31L);
        assertThat(e.badLines().get(0).reason()).isEqualTo("repeats line 2 exactly");
        assertThat(e.badLines().get(1).reason()).startsWith("unknown status 'lost'");
        assertThat(dsl.fetchCount(TOURNAMENT)).isZero();
    }

    @Test
    void names_over_the_limit_or_with_control_characters_and_future_or_forfeit_times_change_nothing() {
        importer.importFile(new StringReader(FILE), "imported", "Spring Cup", null);
        Map<String, List<String>> before = snapshot();

        assertThatThrownBy(() -> importer.importFile(new StringReader(FILE), "imported", "x".repeat(101), null))
                .isInstanceOf(io.asynctournament.jobs.errors.UserError.class)
                .hasMessageStartingWith("tournament name (--tournament) has 101 characters, more than the limit of 100");
        assertThatThrownBy(() -> importer.importFile(new StringReader(FILE), "imported", "Cup\n2", null))
                .hasMessageStartingWith("tournament name (--tournament) contains U+000A LINE FEED (LF)");
        assertThatThrownBy(() -> importer.importFile(new StringReader(FILE), "\u001B[2J", "Cup", null))
                .hasMessageStartingWith("guild name (--guild) contains U+001B ESCAPE");
        InvalidResultsFileException e = catchThrowableOfType(InvalidResultsFileException.class,
                () -> importer.importFile(new StringReader("""
                        pool,permalink,runner,status,elapsed,finished_at
                        Week 1,https://x/1,alice,finished,1:00:00,2026-01-01T00:00:01Z
                        Week 1,https://x/1,bob,forfeit,1:00:00,
                        Week 1,https://x/1,"carol
                        ",finished,1:00:00,
                        """), "imported", "Spring Cup", null));
        assertThat(e.badLines()).extracting(BadLine::line).containsExactly(2L, 3L, 4L);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void refuses_a_runs_per_pool_that_contradicts_the_existing_tournament_and_changes_nothing() {
        importer.importFile(new StringReader(FILE), "imported", "Spring Cup", 2);

        assertThatThrownBy(() -> importer.importFile(new StringReader(FILE.replace("carol", "zed")), "imported",
                "Spring Cup", 3))
                .isInstanceOf(io.asynctournament.jobs.errors.UserError.class)
                .hasMessageContaining("already exists with runs_per_pool 2");
        assertThat(dsl.fetchCount(RACER, RACER.NAME.eq("zed"))).isZero();
        assertThatThrownBy(() -> importer.importFile(new StringReader(FILE), "imported", "Spring Cup", 0))
                .hasMessageContaining("--runs-per-pool must be a whole number of at least 1, got 0");
    }

    @Test
    void runs_per_pool_counts_the_runs_of_earlier_imports_too() {
        importer.importFile(new StringReader("""
                pool,permalink,runner,status,elapsed
                P1,https://x/a,alice,finished,1:00:00
                """), "imported", "Cup", null);

        InvalidResultsFileException e = catchThrowableOfType(InvalidResultsFileException.class, () ->
                importer.importFile(new StringReader("""
                        pool,permalink,runner,status,elapsed
                        P1,https://x/b,bob,finished,0:50:00
                        P1,https://x/b,alice,finished,0:30:00
                        """), "imported", "Cup", null));

        assertThat(e.badLines()).singleElement().satisfies(bad -> {
            assertThat(bad.line()).isEqualTo(3);
            assertThat(bad.reason()).contains("runner 'alice' would have 2 runs in pool 'P1'");
        });
        assertThat(dsl.fetchCount(RACE)).isEqualTo(1);
        assertThat(importer.importFile(new StringReader("""
                pool,permalink,runner,status,elapsed,reattempted
                P1,https://x/a,alice,finished,1:00:00,true
                P1,https://x/b,alice,finished,0:30:00,
                """), "imported", "Cup", null).permalinks()).as("re-marking the first run reattempted makes room")
                .isEqualTo(2);
    }

    @Test
    void the_imported_file_scores_into_the_expected_leaderboard() throws Exception {
        ImportSummary summary = importer.importFile(new StringReader(FILE), "imported", "Spring Cup", null);
        scoreAll();

        List<LeaderboardRow> rows = new LeaderboardRepository().leaderboard(dsl, summary.tournamentId());

        // Week 1 par = mean(3600, 5400) = 4500: alice (2 - 0.8) * 100 = 120 -> 105, bob (2 - 1.2) * 100 = 80.
        // Week 2 par = 3000 (alice's reattempt does not count): alice 100, bob disqualified 0.
        assertThat(rows).extracting(LeaderboardRow::racer).containsExactly("alice", "bob", "carol");
        assertThat(rows.get(0).score()).isCloseTo((105 + 100) / 2.0, within(1e-9));
        assertThat(rows.get(0).estimate()).isCloseTo(102.5, within(1e-9));
        assertThat(rows.get(0).finished()).isEqualTo(2);
        assertThat(rows.get(1).score()).isCloseTo(40.0, within(1e-9));
        assertThat(rows.get(1).forfeited()).isEqualTo(1);
        assertThat(rows.get(2)).isEqualTo(new LeaderboardRow(3, "carol", 0.0, null, 0, 1));
    }

    @Test
    void the_real_gmp_weekly_results_import_score_and_match_an_independent_computation() throws Exception {
        Path csv = SharedData.gmpWeeklyAsyncs().orElse(null);
        Assumptions.assumeTrue(csv != null, SharedData::absentMessage);

        ImportSummary summary;
        try (Reader reader = Files.newBufferedReader(csv)) {
            summary = importer.importFile(reader, "imported", "GMP Weekly", null);
        }
        assertThat(summary.runs()).isEqualTo(1619);
        scoreAll();

        List<LeaderboardRow> actual = new LeaderboardRepository().leaderboard(dsl, summary.tournamentId());
        List<IndependentLeaderboard.Line> expected = IndependentLeaderboard.compute(csv, 1);

        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            IndependentLeaderboard.Line want = expected.get(i);
            LeaderboardRow got = actual.get(i);
            assertThat(got.racer()).as("racer at position %d", i + 1).isEqualTo(want.runner());
            assertThat(got.score()).as("score of %s", want.runner()).isCloseTo(want.score(), within(1e-9));
            if (want.estimate() == null) {
                assertThat(got.estimate()).isNull();
            } else {
                assertThat(got.estimate()).as("estimate of %s", want.runner()).isCloseTo(want.estimate(), within(1e-9));
            }
            assertThat(got.finished()).isEqualTo(want.finished());
            assertThat(got.forfeited()).isEqualTo(want.forfeited());
        }
        assertThat(actual.get(0).rank()).isEqualTo(1);
        assertThat(new LeaderboardRepository().unscoredRuns(dsl, summary.tournamentId())).isZero();
    }

    /** Every row of the tables an import writes, as text, by table. */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> rows = new java.util.TreeMap<>();
        for (String table : List.of("guild", "tournament", "pool", "permalink", "racer", "race", "score_queue",
                "race_score")) {
            rows.put(table, dsl.fetch("select t::text from " + table + " t order by 1").getValues(0, String.class));
        }
        return rows;
    }

    private void scoreAll() {
        new ScoreCalculationHandler(dsl, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")),
                new ScoringRepository()).run(Map.of(), TournamentScope.allActive());
    }
}
