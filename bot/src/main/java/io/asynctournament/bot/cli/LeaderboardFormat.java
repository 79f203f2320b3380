package io.asynctournament.bot.cli;

import io.asynctournament.db.scoring.LeaderboardRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** Writes a leaderboard as an aligned table (2 decimals) or as CSV (full precision). */
public enum LeaderboardFormat {
    /** Aligned columns for people; scores rounded to 2 decimals. */
    table {
        @Override
        void write(List<LeaderboardRow> rows, Appendable out) throws IOException {
            int width = Math.max(6, rows.stream().mapToInt(r -> r.racer().length()).max().orElse(0));
            String format = "%4s  %-" + width + "s  %8s  %8s  %8s  %9s%n";
            out.append(String.format(Locale.ROOT, format, "rank", "runner", "score", "estimate", "finished",
                    "forfeited"));
            for (LeaderboardRow r : rows) {
                out.append(String.format(Locale.ROOT, format, r.rank(), r.racer(),
                        String.format(Locale.ROOT, "%.2f", r.score()),
                        r.estimate() == null ? "" : String.format(Locale.ROOT, "%.2f", r.estimate()),
                        r.finished(), r.forfeited()));
            }
        }
    },
    /** {@code rank,runner,score,estimate,finished,forfeited}, full precision, estimate empty when none. */
    csv {
        @Override
        void write(List<LeaderboardRow> rows, Appendable out) throws IOException {
            try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n")
                    .setHeader("rank", "runner", "score", "estimate", "finished", "forfeited").get())) {
                for (LeaderboardRow r : rows) {
                    printer.printRecord(r.rank(), r.racer(), plain(r.score()),
                            r.estimate() == null ? "" : plain(r.estimate()), r.finished(), r.forfeited());
                }
            }
        }
    };

    abstract void write(List<LeaderboardRow> rows, Appendable out) throws IOException;

    /** Writes the rows; I/O errors become unchecked. */
    public void print(List<LeaderboardRow> rows, Appendable out) {
        try {
            write(rows, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shortest decimal that reads back as the same double, never in exponent form. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }
}
