package io.asynctournament.jobs.results;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.results.ImportedRun;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks a results CSV (RFC 4180, via Apache Commons CSV). Columns, by header name:
 * {@code pool,permalink,runner,status,elapsed[,finished_at][,reattempted]}.
 * <ul>
 *   <li>status: {@code finished}, {@code forfeit} or {@code disqualified};</li>
 *   <li>elapsed: {@code H:MM:SS} (optionally {@code .fff}; at most 999 hours), required and above zero for a
 *   finished run;</li>
 *   <li>finished_at: an ISO date ({@code 2019-10-04}, read as midnight UTC), date-time (UTC) or instant; optional;</li>
 *   <li>reattempted: {@code true/false}, {@code yes/no} or {@code 1/0}; empty means false;</li>
 *   <li>a runner may have at most {@code runs_per_pool} runs in a pool that are not reattempted.</li>
 * </ul>
 * Every bad line is reported, with its file line number (the header is line 1) and reason.
 */
public final class ResultsCsvReader {
    static final List<String> REQUIRED = List.of("pool", "permalink", "runner", "status", "elapsed");
    static final List<String> OPTIONAL = List.of("finished_at", "reattempted");
    private static final Pattern ELAPSED = Pattern.compile("(\\d{1,3}):([0-5]\\d):([0-5]\\d)(\\.\\d{1,3})?");
    private static final Map<String, RaceStatus> STATUSES = Map.of(
            "finished", RaceStatus.finished, "forfeit", RaceStatus.forfeit, "disqualified", RaceStatus.disqualified);

    /**
     * Parses and checks the whole file.
     *
     * @param runsPerPool the tournament's runs_per_pool (at least 1)
     * @return the runs in file order, each with its attempt number per runner and permalink
     * @throws InvalidResultsFileException listing every bad line; nothing is returned then
     */
    public List<ImportedRun> read(Reader input, int runsPerPool) {
        List<BadLine> bad = new ArrayList<>();
        List<ImportedRun> runs = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get()
                .parse(input)) {
            Iterator<CSVRecord> records = parser.iterator();
            long line = parser.getCurrentLineNumber() + 1;
            if (!records.hasNext()) {
                throw new InvalidResultsFileException(List.of(new BadLine(1, "the file is empty; expected a header "
                        + "line " + String.join(",", REQUIRED) + "[," + String.join("][,", OPTIONAL) + "]")));
            }
            Map<String, Integer> columns = header(records.next(), bad);
            if (!bad.isEmpty()) {
                throw new InvalidResultsFileException(bad);
            }
            Map<String, Integer> attempts = new HashMap<>();
            while (true) {
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                ImportedRun run = row(record, columns, line, bad, attempts);
                if (run != null) {
                    runs.add(run);
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | UncheckedIOException e) {
            if (e instanceof UncheckedIOException io) {
                throw io;
            }
            bad.add(new BadLine(-1, "the file is not valid CSV: " + e.getMessage()));
        }
        if (runs.isEmpty() && bad.isEmpty()) {
            bad.add(new BadLine(2, "the file has a header but no runs"));
        }
        checkRunsPerPool(runs, lines, runsPerPool, bad);
        if (!bad.isEmpty()) {
            bad.sort((a, b) -> Long.compare(a.line(), b.line()));
            throw new InvalidResultsFileException(bad);
        }
        return runs;
    }

    private static Map<String, Integer> header(CSVRecord header, List<BadLine> bad) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                bad.add(new BadLine(1, "unknown column '" + header.get(i) + "'; accepted: "
                        + String.join(", ", REQUIRED) + " (required), " + String.join(", ", OPTIONAL) + " (optional)"));
            } else if (columns.putIfAbsent(name, i) != null) {
                bad.add(new BadLine(1, "column '" + name + "' appears twice"));
            }
        }
        for (String name : REQUIRED) {
            if (!columns.containsKey(name)) {
                bad.add(new BadLine(1, "missing column '" + name + "'; the header must have "
                        + String.join(",", REQUIRED) + "[," + String.join("][,", OPTIONAL) + "]"));
            }
        }
        return columns;
    }

    private static ImportedRun row(CSVRecord record, Map<String, Integer> columns, long line, List<BadLine> bad,
                                   Map<String, Integer> attempts) {
        int before = bad.size();
        if (record.size() != columns.size()) {
            bad.add(new BadLine(line, "has " + record.size() + " field(s), the header has " + columns.size()));
            return null;
        }
        String pool = required(record, columns, "pool", line, bad);
        String permalink = required(record, columns, "permalink", line, bad);
        String runner = required(record, columns, "runner", line, bad);
        String statusText = value(record, columns, "status").toLowerCase(Locale.ROOT);
        RaceStatus status = STATUSES.get(statusText);
        if (status == null) {
            bad.add(new BadLine(line, "unknown status '" + value(record, columns, "status")
                    + "'; accepted: finished, forfeit, disqualified"));
        }
        BigDecimal elapsed = elapsed(value(record, columns, "elapsed"), status, line, bad);
        Instant finishedAt = finishedAt(value(record, columns, "finished_at"), line, bad);
        Boolean reattempted = reattempted(value(record, columns, "reattempted"), line, bad);
        if (bad.size() > before) {
            return null;
        }
        int attempt = attempts.merge(runner + "\n" + pool + "\n" + permalink, 1, Integer::sum);
        return new ImportedRun(pool, permalink, runner, status, elapsed, finishedAt, reattempted, attempt, line);
    }

    private static String value(CSVRecord record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null ? "" : record.get(index).trim();
    }

    private static String required(CSVRecord record, Map<String, Integer> columns, String name, long line,
                                   List<BadLine> bad) {
        String value = value(record, columns, name);
        if (value.isEmpty()) {
            bad.add(new BadLine(line, name + " is empty"));
        }
        return value;
    }

    private static BigDecimal elapsed(String text, RaceStatus status, long line, List<BadLine> bad) {
        if (text.isEmpty()) {
            if (status == RaceStatus.finished) {
                bad.add(new BadLine(line, "a finished run needs elapsed, as H:MM:SS"));
            }
            return null;
        }
        Matcher m = ELAPSED.matcher(text);
        if (!m.matches()) {
            bad.add(new BadLine(line, "elapsed '" + text + "' is not H:MM:SS with at most 999 hours and an optional "
                    + ".fff fraction (e.g. 1:43:09 or 1:43:09.250)"));
            return null;
        }
        BigDecimal seconds = BigDecimal.valueOf(Long.parseLong(m.group(1)) * 3600
                + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3)));
        if (m.group(4) != null) {
            seconds = seconds.add(new BigDecimal("0" + m.group(4)));
        }
        if (seconds.signum() == 0) {
            bad.add(new BadLine(line, "elapsed must be above 0:00:00"));
            return null;
        }
        return seconds;
    }

    private static Instant finishedAt(String text, long line, List<BadLine> bad) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            bad.add(new BadLine(line, "finished_at '" + text + "' is not an ISO date (2019-10-04), "
                    + "date-time (2019-10-04T20:15:00) or instant (2019-10-04T20:15:00Z)"));
            return null;
        }
    }

    private static Boolean reattempted(String text, long line, List<BadLine> bad) {
        String value = text.toLowerCase(Locale.ROOT);
        if (Set.of("", "false", "no", "0").contains(value)) {
            return false;
        }
        if (Set.of("true", "yes", "1").contains(value)) {
            return true;
        }
        bad.add(new BadLine(line, "reattempted '" + text + "' is not one of true, false, yes, no, 1, 0"));
        return false;
    }

    private static void checkRunsPerPool(List<ImportedRun> runs, List<Long> lines, int runsPerPool,
                                         List<BadLine> bad) {
        Map<String, Integer> counted = new HashMap<>();
        Map<String, Long> firstLine = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            ImportedRun run = runs.get(i);
            String same = String.join("\n", run.pool(), run.permalink(), run.runner(), run.status().getLiteral(),
                    String.valueOf(run.elapsedSeconds()), String.valueOf(run.finishedAt()),
                    String.valueOf(run.reattempted()));
            Long earlier = firstLine.putIfAbsent(same, lines.get(i));
            if (earlier != null) {
                bad.add(new BadLine(lines.get(i), "repeats line " + earlier + " exactly"));
                continue;
            }
            if (run.reattempted()) {
                continue;
            }
            int count = counted.merge(run.runner() + "\n" + run.pool(), 1, Integer::sum);
            if (count > runsPerPool) {
                bad.add(new BadLine(lines.get(i), "runner '" + run.runner() + "' already has " + runsPerPool
                        + " run(s) in pool '" + run.pool() + "' and runs_per_pool is " + runsPerPool
                        + "; mark the replaced run reattempted=true or raise --runs-per-pool"));
            }
        }
    }
}
