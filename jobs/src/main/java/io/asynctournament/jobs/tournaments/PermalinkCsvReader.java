package io.asynctournament.jobs.tournaments;

import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.results.BadLines;
import io.asynctournament.jobs.results.InvalidResultsFileException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a permalinks file for {@code /async permalinks import} (README "Admin guide"): a header naming the columns
 * {@code pool,url} and optionally {@code notes}, then one permalink a line. All or nothing: every bad line is
 * reported with its number (the header is line 1), the first {@value BadLines#LISTED} listed and all counted.
 */
public final class PermalinkCsvReader {
    /** Most permalinks one file may add. */
    public static final int MAX_LINES = 5_000;

    /**
     * Reads and checks every line.
     *
     * @throws InvalidResultsFileException listing the bad lines
     * @throws UserError (bad input) when the header lacks a column or the file is not CSV
     */
    public List<PermalinkLine> read(Reader file) {
        BadLines bad = new BadLines();
        List<PermalinkLine> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get().parse(file)) {
            Map<String, Integer> header = lowerCase(parser.getHeaderMap());
            if (!header.containsKey("pool") || !header.containsKey("url")) {
                throw UserError.badInput("The file's first line must name the columns pool,url[,notes]; it has "
                        + parser.getHeaderNames() + ".");
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (lines.size() + bad.total() >= MAX_LINES) {
                    throw UserError.badInput("The file has more than " + MAX_LINES + " permalinks; split it.");
                }
                try {
                    PermalinkLine checked = PermalinkLine.check(value(record, header, "pool"),
                            value(record, header, "url"), value(record, header, "notes"), line);
                    if (!seen.add(checked.pool() + "\n" + checked.url())) {
                        bad.add(line, "the permalink " + checked.url() + " is already on an earlier line for pool '"
                                + checked.pool() + "'");
                    } else {
                        lines.add(checked);
                    }
                } catch (UserError e) {
                    bad.add(line, e.getMessage().replaceFirst("^line \\d+: ", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw UserError.badInput("The file is not valid CSV: " + e.getMessage(), e);
        }
        if (!bad.isEmpty()) {
            throw bad.toException();
        }
        if (lines.isEmpty()) {
            throw UserError.badInput("The file has a header but no permalink.");
        }
        return lines;
    }

    private static String value(CSVRecord record, Map<String, Integer> header, String column) {
        Integer index = header.get(column);
        return index == null || index >= record.size() ? null : record.get(index);
    }

    private static Map<String, Integer> lowerCase(Map<String, Integer> header) {
        Map<String, Integer> result = new java.util.HashMap<>();
        header.forEach((name, index) -> result.put(name.strip().toLowerCase(Locale.ROOT), index));
        return result;
    }
}
