package io.asynctournament.jobs.results;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.results.ImportedRun;
import io.asynctournament.jobs.validation.Names;
import org.apache.commons.csv.CSVRecord;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of one record of a results file (the rules are listed on {@link ResultsCsvReader}); each problem becomes a
 * bad line.
 */
final class RunLineCheck {
    private static final Pattern ELAPSED = Pattern.compile("(\\d{1,3}):([0-5]\\d):([0-5]\\d)(\\.\\d{1,3})?");
    private static final Map<String, RaceStatus> STATUSES = Map.of(
            "finished", RaceStatus.finished, "forfeit", RaceStatus.forfeit, "disqualified", RaceStatus.disqualified);

    private final CSVRecord record;
    private final Map<String, Integer> columns;
    private final long line;
    private final BadLines bad;
    private final Clock clock;
    private boolean ok = true;

    RunLineCheck(CSVRecord record, Map<String, Integer> columns, long line, BadLines bad, Clock clock) {
        this.record = record;
        this.columns = columns;
        this.line = line;
        this.bad = bad;
        this.clock = clock;
    }

    /** The run, or null when the line is bad. */
    ImportedRun run() {
        if (record.size() != columns.size()) {
            bad("has " + record.size() + " field(s), the header has " + columns.size());
            return null;
        }
        String pool = name("pool");
        String permalink = permalink();
        String runner = name("runner");
        String statusText = text("status");
        RaceStatus status = statusText == null ? null : STATUSES.get(statusText.toLowerCase(Locale.ROOT));
        if (statusText != null && status == null) {
            bad("unknown status '" + Names.printable(statusText, 40)
                    + "'; accepted: finished, forfeit, disqualified");
        }
        BigDecimal elapsed = elapsed(text("elapsed"), status);
        Instant finishedAt = finishedAt(text("finished_at"));
        boolean reattempted = reattempted(text("reattempted"));
        return ok ? new ImportedRun(pool, permalink, runner, status, elapsed, finishedAt, reattempted, line) : null;
    }

    private void bad(String reason) {
        ok = false;
        bad.add(line, reason.strip());
    }

    /** The field, trimmed, or null (reported) when it holds a control character; "" for an absent column. */
    private String text(String name) {
        Integer index = columns.get(name);
        if (index == null) {
            return "";
        }
        String raw = record.get(index);
        Optional<String> control = Names.controlCharacter(name, raw);
        if (control.isPresent()) {
            bad(control.get());
            return null;
        }
        return raw.strip();
    }

    private String name(String name) {
        String raw = record.get(columns.get(name));
        Optional<String> problem = Names.problem(name, raw);
        problem.ifPresent(this::bad);
        return raw.strip();
    }

    private String permalink() {
        String value = text("permalink");
        if (value != null && value.isEmpty()) {
            bad("permalink is empty");
        } else if (value != null && value.length() > ResultsCsvReader.MAX_PERMALINK_LENGTH) {
            bad("permalink has " + value.length() + " characters, more than the limit of " + ResultsCsvReader.MAX_PERMALINK_LENGTH);
        }
        return value;
    }

    private BigDecimal elapsed(String text, RaceStatus status) {
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            if (status == RaceStatus.finished) {
                bad("a finished run needs elapsed, as H:MM:SS");
            }
            return null;
        }
        if (status == RaceStatus.forfeit) {
            bad("a forfeit has no elapsed time, got '" + Names.printable(text, 40) + "'; leave elapsed empty "
                    + "(a run with a time is finished or disqualified)");
            return null;
        }
        Matcher m = ELAPSED.matcher(text);
        if (!m.matches()) {
            bad("elapsed '" + Names.printable(text, 40) + "' is not H:MM:SS with at most 999 hours and an "
                    + "optional .fff fraction (e.g. 1:43:09 or 1:43:09.250)");
            return null;
        }
        BigDecimal seconds = BigDecimal.valueOf(Long.parseLong(m.group(1)) * 3600
                + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3)));
        if (m.group(4) != null) {
            seconds = seconds.add(new BigDecimal("0" + m.group(4)));
        }
        if (seconds.signum() == 0) {
            bad("elapsed must be above 0:00:00");
            return null;
        }
        return seconds;
    }

    private Instant finishedAt(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Instant at;
        try {
            if (text.length() == 10) {
                at = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                at = OffsetDateTime.parse(text).toInstant();
            } else {
                at = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            bad("finished_at '" + Names.printable(text, 40) + "' is not an ISO date (2019-10-04), "
                    + "date-time (2019-10-04T20:15:00) or instant (2019-10-04T20:15:00Z)");
            return null;
        }
        Instant now = clock.instant();
        if (at.isAfter(now)) {
            bad("finished_at " + at + " is in the future (now is " + now.truncatedTo(ChronoUnit.SECONDS)
                    + "); a date-time without an offset is read as UTC");
            return null;
        }
        return at;
    }

    private boolean reattempted(String text) {
        if (text == null) {
            return false;
        }
        String value = text.toLowerCase(Locale.ROOT);
        if (Set.of("", "false", "no", "0").contains(value)) {
            return false;
        }
        if (Set.of("true", "yes", "1").contains(value)) {
            return true;
        }
        bad("reattempted '" + Names.printable(text, 40) + "' is not one of true, false, yes, no, 1, 0");
        return false;
    }
}
