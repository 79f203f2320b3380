package io.asynctournament.jobs.results;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.results.ImportedRun;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ResultsCsvReaderTest {
    private final ResultsCsvReader reader = new ResultsCsvReader();

    @Test
    void reads_runs_with_elapsed_seconds_finish_dates_and_attempt_numbers() {
        List<ImportedRun> runs = reader.read(new StringReader("""
                pool,permalink,runner,status,elapsed,finished_at,reattempted
                P1,https://x/1,alice,finished,1:43:09,2019-10-04,true
                P1,https://x/1,alice,finished,0:59:59.5,2019-10-05T20:00:00Z,
                P1,https://x/1,bob,forfeit,,,no
                P2,https://x/2,bob,disqualified,2:00:00,,0
                """), 1);

        assertThat(runs).extracting(ImportedRun::runner, ImportedRun::status, ImportedRun::elapsedSeconds,
                        ImportedRun::reattempted, ImportedRun::attempt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", RaceStatus.finished, new BigDecimal("6189"), true, 1),
                        org.assertj.core.groups.Tuple.tuple("alice", RaceStatus.finished, new BigDecimal("3599.5"), false, 2),
                        org.assertj.core.groups.Tuple.tuple("bob", RaceStatus.forfeit, null, false, 1),
                        org.assertj.core.groups.Tuple.tuple("bob", RaceStatus.disqualified, new BigDecimal("7200"), false, 1));
        assertThat(runs.get(0).finishedAt()).isEqualTo(Instant.parse("2019-10-04T00:00:00Z"));
        assertThat(runs.get(1).finishedAt()).isEqualTo(Instant.parse("2019-10-05T20:00:00Z"));
    }

    @Test
    void reports_every_bad_line_with_its_file_line_number_and_reason() {
        InvalidResultsFileException e = catchThrowableOfType(InvalidResultsFileException.class, () -> reader.read(
                new StringReader("""
                        pool,permalink,runner,status,elapsed
                        P1,https://x/1,alice,finished,1:00:00
                        P1,https://x/1,bob,won,1:00:00
                        P1,https://x/1,carol,finished,
                        P1,https://x/1,dave,finished,61:7
                        P1,https://x/1,erin,finished,0:00:00
                        P1,https://x/1,,finished,1:00:00
                        P1,https://x/1,frank,forfeit,1:00:00,extra
                        """), 1));

        assertThat(e.badLines()).extracting(BadLine::line).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(e.badLines().get(0).reason()).isEqualTo("unknown status 'won'; accepted: finished, forfeit, disqualified");
        assertThat(e.badLines().get(1).reason()).isEqualTo("a finished run needs elapsed, as H:MM:SS");
        assertThat(e.badLines().get(2).reason()).contains("elapsed '61:7' is not H:MM:SS");
        assertThat(e.badLines().get(3).reason()).contains("above 0:00:00");
        assertThat(e.badLines().get(4).reason()).isEqualTo("runner is empty");
        assertThat(e.badLines().get(5).reason()).contains("has 6 field(s), the header has 5");
    }

    @Test
    void counts_lines_of_quoted_fields_that_span_lines() {
        InvalidResultsFileException e = catchThrowableOfType(InvalidResultsFileException.class, () -> reader.read(
                new StringReader("pool,permalink,runner,status,elapsed\n"
                        + "\"Pool\nwith a newline\",https://x/1,alice,finished,1:00:00\n"
                        + "P1,https://x/1,bob,lost,1:00:00\n"), 1));

        assertThat(e.badLines()).extracting(BadLine::line).containsExactly(4L);
    }

    @Test
    void rejects_more_runs_in_a_pool_than_runs_per_pool_unless_reattempted() {
        String file = """
                pool,permalink,runner,status,elapsed,reattempted
                P1,https://x/1,alice,finished,1:00:00,true
                P1,https://x/1,alice,finished,1:10:00,false
                P1,https://x/2,alice,finished,1:20:00,false
                P2,https://x/3,alice,finished,1:20:00,false
                """;

        InvalidResultsFileException e = catchThrowableOfType(InvalidResultsFileException.class,
                () -> reader.read(new StringReader(file), 1));
        assertThat(e.badLines()).singleElement().satisfies(bad -> {
            assertThat(bad.line()).isEqualTo(4);
            assertThat(bad.reason()).contains("runner 'alice' already has 1 run(s) in pool 'P1'")
                    .contains("runs_per_pool is 1");
        });

        assertThat(reader.read(new StringReader(file), 2)).hasSize(4);
    }

    @Test
    void rejects_unknown_and_missing_columns_in_the_header() {
        InvalidResultsFileException e = catchThrowableOfType(InvalidResultsFileException.class,
                () -> reader.read(new StringReader("pool,permalink,runner,state,elapsed\nP,u,a,finished,1:00:00\n"), 1));

        assertThat(e.badLines()).extracting(BadLine::toString).containsExactly(
                "line 1: unknown column 'state'; accepted: pool, permalink, runner, status, elapsed (required), "
                        + "finished_at, reattempted (optional)",
                "line 1: missing column 'status'; the header must have "
                        + "pool,permalink,runner,status,elapsed[,finished_at][,reattempted]");
    }

    @Test
    void rejects_huge_elapsed_times_a_header_only_file_and_exact_duplicates() {
        assertThat(catchThrowableOfType(InvalidResultsFileException.class, () -> reader.read(new StringReader(
                "pool,permalink,runner,status,elapsed\nP,u,a,finished,99999999999:00:00\nP,u,b,won,1:00:00\n"), 1))
                .badLines()).extracting(BadLine::line).containsExactly(2L, 3L);
        assertThat(catchThrowableOfType(InvalidResultsFileException.class, () -> reader.read(new StringReader(
                "pool,permalink,runner,status,elapsed\n"), 1)).badLines())
                .extracting(BadLine::reason).containsExactly("the file has a header but no runs");
        assertThat(catchThrowableOfType(InvalidResultsFileException.class, () -> reader.read(new StringReader(
                "pool,permalink,runner,status,elapsed\nP,u,a,finished,1:00:00\nP,u,a,finished,1:00:00\n"), 1))
                .badLines()).extracting(BadLine::toString).containsExactly("line 3: repeats line 2 exactly");
        assertThat(reader.read(new StringReader("pool,permalink,runner,status,elapsed\nP,u,a,finished,999:59:59\n"),
                1).get(0).elapsedSeconds()).isEqualByComparingTo("3599999");
    }

    @Test
    void rejects_an_empty_file() {
        assertThatThrownBy(() -> reader.read(new StringReader(""), 1))
                .isInstanceOf(InvalidResultsFileException.class);
    }
}
