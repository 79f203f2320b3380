package io.asynctournament.jobs.results;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.results.ImportedRun;
import io.asynctournament.db.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

class ResultsCsvReaderTest {
    private static final String HEADER = "pool,permalink,runner,status,elapsed,finished_at\n";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final ResultsCsvReader reader = new ResultsCsvReader(clock);

    @Test
    void reads_runs_with_elapsed_seconds_finish_dates_and_line_numbers() {
        List<ImportedRun> runs = read("""
                pool,permalink,runner,status,elapsed,finished_at,reattempted
                P1,https://x/1,alice,finished,1:43:09,2019-10-04,true
                P1,https://x/1, alice ,finished,0:59:59.5,2019-10-05T20:00:00Z,
                P1,https://x/1,bob,forfeit,,,no
                P2,https://x/2,bob,disqualified,2:00:00,,0
                """);

        assertThat(runs).extracting(ImportedRun::runner, ImportedRun::status, ImportedRun::elapsedSeconds,
                        ImportedRun::reattempted, ImportedRun::line)
                .containsExactly(
                        tuple("alice", RaceStatus.finished, new BigDecimal("6189"), true, 2L),
                        tuple("alice", RaceStatus.finished, new BigDecimal("3599.5"), false, 3L),
                        tuple("bob", RaceStatus.forfeit, null, false, 4L),
                        tuple("bob", RaceStatus.disqualified, new BigDecimal("7200"), false, 5L));
        assertThat(runs.get(0).finishedAt()).isEqualTo(Instant.parse("2019-10-04T00:00:00Z"));
        assertThat(runs.get(1).finishedAt()).isEqualTo(Instant.parse("2019-10-05T20:00:00Z"));
    }

    @Test
    void reports_every_bad_line_with_its_file_line_number_and_reason() {
        InvalidResultsFileException e = failure("""
                pool,permalink,runner,status,elapsed
                P1,https://x/1,alice,finished,1:00:00
                P1,https://x/1,bob,won,1:00:00
                P1,https://x/1,carol,finished,
                P1,https://x/1,dave,finished,61:7
                P1,https://x/1,erin,finished,0:00:00
                P1,https://x/1,,finished,1:00:00
                P1,https://x/1,frank,forfeit,1:00:00,extra
                """);

        assertThat(e.badLines()).extracting(BadLine::line).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(e.badLines().get(0).reason()).isEqualTo("unknown status 'won'; accepted: finished, forfeit, disqualified");
        assertThat(e.badLines().get(1).reason()).isEqualTo("a finished run needs elapsed, as H:MM:SS");
        assertThat(e.badLines().get(2).reason()).contains("elapsed '61:7' is not H:MM:SS");
        assertThat(e.badLines().get(3).reason()).contains("above 0:00:00");
        assertThat(e.badLines().get(4).reason()).startsWith("runner is empty; accepted: 1 to 100 characters");
        assertThat(e.badLines().get(5).reason()).contains("has 6 field(s), the header has 5");
        assertThat(e.total()).isEqualTo(6);
    }

    @Test
    void counts_lines_of_quoted_fields_that_span_lines() {
        InvalidResultsFileException e = failure("pool,permalink,runner,status,elapsed\n"
                + "\"Pool\nwith a newline\",https://x/1,alice,finished,1:00:00\n"
                + "P1,https://x/1,bob,lost,1:00:00\n");

        assertThat(e.badLines()).extracting(BadLine::toString).containsExactly(
                "line 2: pool contains U+000A LINE FEED (LF) at character 5 ('Pool\\nwith a newline'); control "
                        + "characters are not accepted",
                "line 4: unknown status 'lost'; accepted: finished, forfeit, disqualified");
    }

    @Test
    void a_nul_byte_in_any_field_is_a_bad_line_naming_the_line_and_the_column() {
        InvalidResultsFileException e = failure(HEADER
                + "P1,https://x/1,ali\u0000ce,finished,1:00:00,\n"
                + "P1,https://x/1\u0000,bob,finished,1:00:00,\n"
                + "P1,https://x/1,carol,finished\u0000,1:00:00,\n"
                + "P1,https://x/1,dave,finished,1:00:00\u0000,\n"
                + "P1,https://x/1,erin,finished,1:00:00,\u00002019-10-04\n"
                + "\u0000,https://x/1,frank,finished,1:00:00,\n");

        assertThat(e.badLines()).extracting(BadLine::toString).containsExactly(
                "line 2: runner contains U+0000 NULL at character 4 ('ali\\u0000ce'); control characters are not "
                        + "accepted",
                "line 3: permalink contains U+0000 NULL at character 12 ('https://x/1\\u0000'); control characters "
                        + "are not accepted",
                "line 4: status contains U+0000 NULL at character 9 ('finished\\u0000'); control characters are not "
                        + "accepted",
                "line 5: elapsed contains U+0000 NULL at character 8 ('1:00:00\\u0000'); control characters are not "
                        + "accepted",
                "line 6: finished_at contains U+0000 NULL at character 1 ('\\u00002019-10-04'); control characters "
                        + "are not accepted",
                "line 7: pool contains U+0000 NULL at character 1 ('\\u0000'); control characters are not accepted");
    }

    @Test
    void names_are_trimmed_at_most_100_characters_and_free_of_control_characters() {
        String hundred = "é".repeat(99) + "😀";
        List<ImportedRun> runs = read(HEADER + "  " + hundred + "  ,https://x/1,\"  alice \",finished,1:00:00,\n");
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.pool()).isEqualTo(hundred);
            assertThat(run.runner()).isEqualTo("alice");
        });

        InvalidResultsFileException e = failure(HEADER
                + "x".repeat(101) + ",https://x/1,alice,finished,1:00:00,\n"
                + "P1,https://x/1,\"al\tice\",finished,1:00:00,\n"
                + "P1,https://x/1,\u001B[31mred,finished,1:00:00,\n"
                + "P1,https://x/1,\"bob\r\n\",finished,1:00:00,\n"
                + "P1,https://x/1,\u202Eevil,finished,1:00:00,\n"
                + "P1,https://x/1,   ,finished,1:00:00,\n"
                + "P1,https://x/1," + "y".repeat(100_000) + ",finished,1:00:00,\n");

        assertThat(e.badLines()).extracting(BadLine::line).containsExactly(2L, 3L, 4L, 5L, 7L, 8L, 9L);
        assertThat(e.badLines().get(0).reason()).startsWith("pool has 101 characters, more than the limit of 100");
        assertThat(e.badLines().get(1).reason()).startsWith("runner contains U+0009 CHARACTER TABULATION at character 3");
        assertThat(e.badLines().get(2).reason()).startsWith("runner contains U+001B ESCAPE at character 1 ('\\u001B[31mred')");
        assertThat(e.badLines().get(3).reason()).startsWith("runner contains U+000D CARRIAGE RETURN (CR) at character 4");
        assertThat(e.badLines().get(4).reason()).startsWith("runner contains U+202E RIGHT-TO-LEFT OVERRIDE");
        assertThat(e.badLines().get(5).reason()).startsWith("runner is empty");
        assertThat(e.badLines().get(6).reason()).startsWith("runner has 100000 characters, more than the limit of 100")
                .hasSizeLessThan(300);
    }

    @Test
    void a_forfeit_with_an_elapsed_time_is_refused_naming_the_line() {
        InvalidResultsFileException e = failure(HEADER + "P1,https://x/1,alice,forfeit,1:00:00,\n");

        assertThat(e.badLines()).extracting(BadLine::toString).containsExactly("line 2: a forfeit has no elapsed "
                + "time, got '1:00:00'; leave elapsed empty (a run with a time is finished or disqualified)");
    }

    @Test
    void a_finished_at_in_the_future_of_the_clock_is_refused() {
        String file = HEADER
                + "P1,https://x/1,alice,finished,1:00:00,2026-01-01T12:00:00Z\n"
                + "P1,https://x/1,bob,finished,1:00:00,2026-01-01T12:00:01\n"
                + "P1,https://x/1,carol,finished,1:00:00,2026-01-02\n";

        InvalidResultsFileException e = failure(file);
        assertThat(e.badLines()).extracting(BadLine::toString).containsExactly(
                "line 3: finished_at 2026-01-01T12:00:01Z is in the future (now is 2026-01-01T12:00:00Z); a "
                        + "date-time without an offset is read as UTC",
                "line 4: finished_at 2026-01-02T00:00:00Z is in the future (now is 2026-01-01T12:00:00Z); a "
                        + "date-time without an offset is read as UTC");

        clock.tick(Duration.ofDays(1));
        assertThat(read(file)).hasSize(3);
    }

    @Test
    void an_unclosed_quote_is_reported_at_its_line_and_the_rest_is_not_held_in_memory() {
        // an endless file: the reader must stop at the record limit rather than buffer it as one field
        Reader endless = new Reader() {
            private final char[] head = (HEADER + "P1,https://x/1,alice,finished,1:00:00,\n"
                    + "P1,\"https://x/2,bob,finished,1:00:00,\n").toCharArray();
            private long position;

            @Override
            public int read(char[] buffer, int offset, int length) {
                for (int i = 0; i < length; i++, position++) {
                    buffer[offset + i] = position < head.length ? head[(int) position] : 'x';
                }
                return length;
            }

            @Override
            public void close() {
            }
        };
        BadLines bad = new BadLines();
        List<ImportedRun> runs = new ArrayList<>();
        reader.read(endless, runs::add, bad);

        assertThat(runs).hasSize(1);
        assertThat(bad.toException().badLines()).extracting(BadLine::toString).containsExactly("line 3: the record "
                + "starting here runs past 100000 characters: most likely a quote (\") opens a field and is never "
                + "closed; nothing after it was read");
    }

    @Test
    void a_file_that_is_not_valid_csv_names_the_record_where_it_breaks() {
        InvalidResultsFileException e = failure(HEADER + "P1,https://x/1,alice,finished,1:00:00,\n"
                + "P1,\"https://x/2\"x,bob,finished,1:00:00,\n");

        assertThat(e.badLines()).singleElement().satisfies(bad -> {
            assertThat(bad.line()).isEqualTo(3);
            assertThat(bad.reason()).startsWith("the file is not valid CSV from the record starting here");
        });
    }

    @Test
    void rejects_unknown_and_missing_columns_in_the_header() {
        InvalidResultsFileException e = failure("pool,permalink,runner,state,elapsed\nP,u,a,finished,1:00:00\n");

        assertThat(e.badLines()).extracting(BadLine::toString).containsExactly(
                "line 1: unknown column 'state'; accepted: pool, permalink, runner, status, elapsed (required), "
                        + "finished_at, reattempted (optional)",
                "line 1: missing column 'status'; the header must have "
                        + "pool,permalink,runner,status,elapsed[,finished_at][,reattempted]");
    }

    @Test
    void rejects_huge_elapsed_times_and_a_header_only_file() {
        assertThat(failure("pool,permalink,runner,status,elapsed\nP,u,a,finished,99999999999:00:00\nP,u,b,won,1:00:00\n")
                .badLines()).extracting(BadLine::line).containsExactly(2L, 3L);
        assertThat(failure("pool,permalink,runner,status,elapsed\n").badLines())
                .extracting(BadLine::reason).containsExactly("the file has a header but no runs");
        assertThat(read("pool,permalink,runner,status,elapsed\nP,u,a,finished,999:59:59\n").get(0).elapsedSeconds())
                .isEqualByComparingTo("3599999");
    }

    @Test
    void lists_the_first_20_bad_lines_and_counts_them_all() {
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 50; i++) {
            file.append("P1,https://x/1,runner").append(i).append(",won,1:00:00,\n");
        }

        InvalidResultsFileException e = failure(file.toString());

        assertThat(e.total()).isEqualTo(50);
        assertThat(e.badLines()).hasSize(20).extracting(BadLine::line).startsWith(2L).endsWith(21L);
        assertThat(e.getMessage()).isEqualTo("50 bad line(s); nothing was imported");
    }

    @Test
    void rejects_an_empty_file() {
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(InvalidResultsFileException.class);
    }

    private List<ImportedRun> read(String csv) {
        BadLines bad = new BadLines();
        List<ImportedRun> runs = new ArrayList<>();
        reader.read(new StringReader(csv), runs::add, bad);
        if (!bad.isEmpty()) {
            throw bad.toException();
        }
        return runs;
    }

    private InvalidResultsFileException failure(String csv) {
        return catchThrowableOfType(InvalidResultsFileException.class, () -> read(csv));
    }
}
