package io.asynctournament.jobs.results;

import io.asynctournament.db.results.ImportedRun;
import io.asynctournament.jobs.validation.Names;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads and checks a results CSV (RFC 4180, via Apache Commons CSV) record by record, in memory bounded by one record.
 * Columns, by header name: {@code pool,permalink,runner,status,elapsed[,finished_at][,reattempted]}.
 * <ul>
 *   <li>no field holds a control character (NUL, newline, tab, ESC…; see {@link Names}); fields are trimmed of
 *   surrounding spaces;</li>
 *   <li>pool and runner: names, 1 to {@value Names#MAX_LENGTH} characters ({@link Names});</li>
 *   <li>permalink: required, at most {@value #MAX_PERMALINK_LENGTH} characters;</li>
 *   <li>status: {@code finished}, {@code forfeit} or {@code disqualified};</li>
 *   <li>elapsed: {@code H:MM:SS} (optionally {@code .fff}; at most 999 hours), required and above zero for a
 *   finished run, empty for a forfeit;</li>
 *   <li>finished_at: an ISO date ({@code 2019-10-04}, read as midnight UTC), date-time (UTC) or instant, not in the
 *   future (by the clock given); optional;</li>
 *   <li>reattempted: {@code true/false}, {@code yes/no} or {@code 1/0}; empty means false;</li>
 *   <li>a record has at most {@value #MAX_RECORD_CHARACTERS} characters (a longer one is a quote never closed).</li>
 * </ul>
 * Every bad line is reported, with its file line number (the header is line 1) and reason. The rules over the whole
 * file (repeated lines, runs_per_pool) are checked over the staged lines by {@link ResultsImporter}. README:
 * "Importing results".
 */
public final class ResultsCsvReader {
    /** The longest permalink accepted, in characters. */
    public static final int MAX_PERMALINK_LENGTH = 2_000;
    /** The most characters one record (line) may have. */
    public static final int MAX_RECORD_CHARACTERS = 100_000;
    static final List<String> REQUIRED = List.of("pool", "permalink", "runner", "status", "elapsed");
    static final List<String> OPTIONAL = List.of("finished_at", "reattempted");
    private static final String HEADER = String.join(",", REQUIRED) + "[," + String.join("][,", OPTIONAL) + "]";

    private final Clock clock;

    /** @param clock judges whether a finished_at lies in the future */
    public ResultsCsvReader(Clock clock) {
        this.clock = clock;
    }

    /**
     * Reads the file, handing each good run to {@code runs} in file order and each bad line to {@code bad}.
     *
     * @return how many runs (records after the header) the file has, good or bad
     * @throws InvalidResultsFileException when the file is empty or its header is bad (nothing else is read then)
     * @throws UncheckedIOException        when the file cannot be read (e.g. it is not UTF-8)
     */
    public long read(Reader input, Consumer<ImportedRun> runs, BadLines bad) {
        RecordLimitedReader limited = new RecordLimitedReader(input, MAX_RECORD_CHARACTERS);
        long count = 0;
        long line = 1;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(limited)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new InvalidResultsFileException(List.of(new BadLine(1, "the file is empty; expected a header "
                        + "line " + HEADER)));
            }
            Map<String, Integer> columns = header(records.next());
            limited.recordEnded();
            while (true) {
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                limited.recordEnded();
                count++;
                ImportedRun run = new RunLineCheck(record, columns, line, bad, clock).run();
                if (run != null) {
                    runs.accept(run);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof RecordLimitedReader.RecordTooLongException) {
                bad.add(line, "the record starting here runs past " + MAX_RECORD_CHARACTERS + " characters: most "
                        + "likely a quote (\") opens a field and is never closed; nothing after it was read");
            } else if (e.getCause() instanceof CSVException) {
                bad.add(line, "the file is not valid CSV from the record starting here ("
                        + e.getCause().getMessage() + "); a field with a comma, quote or line break must be in "
                        + "double quotes, a quote inside doubled (\"\"); nothing after it was read");
            } else {
                throw e;
            }
        }
        if (count == 0 && bad.isEmpty()) {
            bad.add(2, "the file has a header but no runs");
        }
        return count;
    }

    private static Map<String, Integer> header(CSVRecord header) {
        BadLines bad = new BadLines();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                bad.add(1, "unknown column '" + Names.printable(header.get(i), 40) + "'; accepted: "
                        + String.join(", ", REQUIRED) + " (required), " + String.join(", ", OPTIONAL) + " (optional)");
            } else if (columns.putIfAbsent(name, i) != null) {
                bad.add(1, "column '" + name + "' appears twice");
            }
        }
        for (String name : REQUIRED) {
            if (!columns.containsKey(name)) {
                bad.add(1, "missing column '" + name + "'; the header must have " + HEADER);
            }
        }
        if (!bad.isEmpty()) {
            throw bad.toException();
        }
        return columns;
    }
}
