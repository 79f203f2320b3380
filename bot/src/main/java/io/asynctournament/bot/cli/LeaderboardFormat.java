package io.asynctournament.bot.cli;

import io.asynctournament.db.scoring.LeaderboardRow;
import io.asynctournament.jobs.validation.Names;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** Writes a leaderboard as an aligned table (2 decimals) or as CSV (full precision). */
public enum LeaderboardFormat {
    /**
     * Aligned columns for people, one line per racer; scores rounded to 2 decimals. A name stored before the rule of
     * {@link Names} is shown with its control characters escaped and cut to {@value Names#MAX_LENGTH} characters.
     */
    table {
        @Override
        void write(List<LeaderboardRow> rows, Appendable out) throws IOException {
            List<String> names = rows.stream().map(r -> Names.printable(r.racer(), Names.MAX_LENGTH)).toList();
            int width = Math.max(6, names.stream().mapToInt(n -> n.codePointCount(0, n.length())).max().orElse(0));
            String header = "%4s  %-" + width + "s  %8s  %8s  %8s  %9s%n";
            out.append(String.format(Locale.ROOT, header, "rank", "runner", "score", "estimate", "finished",
                    "forfeited"));
            for (int i = 0; i < rows.size(); i++) {
                LeaderboardRow r = rows.get(i);
                String name = names.get(i);
                // pad by code points: %-Ns counts UTF-16 units, which would misalign a name with an emoji
                String padded = name + " ".repeat(width - name.codePointCount(0, name.length()));
                out.append(String.format(Locale.ROOT, "%4s  %s  %8s  %8s  %8s  %9s%n", r.rank(), padded,
                        rounded(r.score()), r.estimate() == null ? "" : rounded(r.estimate()),
                        r.finished(), r.forfeited()));
            }
        }
    },
    /**
     * {@code rank,runner,score,estimate,finished,forfeited}, full precision, estimate empty when none. A name that a
     * spreadsheet would read as a formula (starting with {@code = + - @}, a tab or a carriage return) is written
     * with a leading {@code '} (OWASP's advice on CSV injection), so that opening the file runs nothing.
     */
    csv {
        @Override
        void write(List<LeaderboardRow> rows, Appendable out) throws IOException {
            try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n")
                    .setHeader("rank", "runner", "score", "estimate", "finished", "forfeited").get())) {
                for (LeaderboardRow r : rows) {
                    printer.printRecord(r.rank(), inert(r.racer()), plain(r.score()),
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

    /**
     * A score or estimate as the table shows it, rounded to 2 decimals ({@code 98.77}); Discord's leaderboards show
     * the same, from here.
     */
    public static String rounded(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** The cell as text a spreadsheet shows as it is: a leading {@code '} before a formula's first character. */
    static String inert(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** The shortest decimal that reads back as the same double, never in exponent form. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }
}
