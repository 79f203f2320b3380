package io.asynctournament.jobs.races;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.race.RaceCorrectionRepository;
import io.asynctournament.db.race.RaceCorrectionRepository.RaceState;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import io.asynctournament.jobs.validation.ElapsedTimes;
import io.asynctournament.jobs.validation.Names;
import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A tournament admin's corrections (README "Corrections and deadline extensions"): a new result for an ended race
 * ({@code /async update-run}) and a later deadline for a pending one ({@code /async extend}). Each is one transaction:
 * the conditional update, the audit entry with the values before and after, the racer's notification in the outbox,
 * and for a result the permalink's par time and scores, recomputed at once. A refusal changes nothing.
 */
public final class RaceCorrectionService {
    /** Notification kind of a corrected result; payload {@code before}, {@code after}, {@code reason}. */
    public static final String RUN_CORRECTED = "run_corrected";
    /** Notification kind of a moved deadline; payload {@code deadline}, {@code previous_deadline}, {@code minutes}. */
    public static final String DEADLINE_EXTENDED = "deadline_extended";
    /** The range of an extension, in minutes: at least one minute, at most a day at a time. */
    public static final int MIN_EXTEND_MINUTES = 1;
    public static final int MAX_EXTEND_MINUTES = 1440;
    /** Longest reason of a correction, in characters. */
    public static final int MAX_REASON = 1000;

    private static final Map<String, RaceStatus> STATUSES = Map.of("finished", RaceStatus.finished,
            "forfeit", RaceStatus.forfeit, "disqualified", RaceStatus.disqualified);

    private final DSLContext dsl;
    private final Clock clock;
    private final RaceCorrectionRepository races;
    private final RaceResultRepository results;
    private final RaceResultService scoring;
    private final TournamentSetupRepository tournaments;
    private final TournamentService tournamentService;
    private final AuditLogRepository audit;
    private final NotificationRepository notifications;

    public RaceCorrectionService(DSLContext dsl, Clock clock, RaceCorrectionRepository races,
                                 RaceResultRepository results, RaceResultService scoring,
                                 TournamentSetupRepository tournaments, TournamentService tournamentService,
                                 AuditLogRepository audit, NotificationRepository notifications) {
        this.dsl = dsl;
        this.clock = clock;
        this.races = races;
        this.results = results;
        this.scoring = scoring;
        this.tournaments = tournaments;
        this.tournamentService = tournamentService;
        this.audit = audit;
        this.notifications = notifications;
    }

    /**
     * Gives an ended race (finished, forfeit or disqualified) a new result and rescores its permalink.
     * {@code finished_at} and {@code ended_at} keep the real instants: a race that was never finished and becomes
     * finished gets {@code finished_at = ended_at}. A forfeit has no elapsed time (it is cleared); a disqualified run
     * keeps the time it had.
     *
     * @param status  finished, forfeit or disqualified
     * @param elapsed {@code H:MM:SS[.fff]} above zero, required for finished and refused otherwise
     * @param reason  why, 1 to {@value #MAX_REASON} characters
     * @throws UserError bad input (status, elapsed, reason), not found (no such race in this server), refused (not
     *                   the tournament's admin), conflict (the race has not ended, already has this result, or
     *                   changed meanwhile)
     */
    public Correction updateRun(Requester by, long raceId, String status, String elapsed, String reason) {
        RaceStatus wanted = STATUSES.get(status == null ? "" : status.strip().toLowerCase(Locale.ROOT));
        if (wanted == null) {
            throw UserError.badInput("status must be finished, forfeit or disqualified, got '" + status + "'");
        }
        String why = reason(reason);
        BigDecimal time = null;
        if (wanted == RaceStatus.finished) {
            if (elapsed == null || elapsed.isBlank()) {
                throw UserError.badInput("a finished run needs elapsed, as H:MM:SS (e.g. 1:43:09)");
            }
            time = ElapsedTimes.parse(elapsed);
        } else if (elapsed != null && !elapsed.isBlank()) {
            throw UserError.badInput("elapsed is given only for status finished; a " + wanted.getLiteral()
                    + " run takes no new time (leave elapsed out)");
        }
        TournamentRow tournament = tournamentOf(by, raceId);
        Instant now = clock.instant();
        BigDecimal newTime = time;
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            long permalink = scoring.lockPermalink(c, raceId);
            RaceState before = races.lock(c, raceId).orElseThrow(() -> noRace(raceId));
            if (before.status() == RaceStatus.pending || before.status() == RaceStatus.in_progress) {
                throw UserError.conflict("Race " + raceId + " has not ended (it is " + label(before.status())
                        + "): a result can be corrected once the race is finished, forfeit or disqualified"
                        + (before.status() == RaceStatus.pending ? "; /async extend moves its deadline." : "."));
            }
            BigDecimal afterTime = wanted == RaceStatus.finished ? newTime
                    : wanted == RaceStatus.forfeit ? null : before.elapsedSeconds();
            if (before.status() == wanted && sameTime(before.elapsedSeconds(), afterTime)) {
                throw UserError.conflict("Race " + raceId + " already is " + label(wanted)
                        + (afterTime == null ? "" : " in " + ElapsedTimes.format(afterTime)) + "; nothing was changed.");
            }
            Double scoreBefore = results.score(c, raceId);
            if (!races.correct(c, raceId, before.status(), wanted, afterTime)) {
                throw UserError.conflict("Race " + raceId + " changed meanwhile; nothing was changed. Try again.");
            }
            scoring.rescore(c, permalink, now);
            RaceState after = races.find(c, raceId).orElseThrow();
            Double scoreAfter = results.score(c, raceId);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", why);
            details.put("before", values(before, scoreBefore));
            details.put("after", values(after, scoreAfter));
            audit.insertAll(c, List.of(new AuditEntry(by.actor(), "race_update", "race:" + raceId, details, now)));
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("before", values(before, null));
            payload.put("after", values(after, null));
            payload.put("reason", why);
            notifications.insert(c, raceId, RUN_CORRECTED, payload, now);
            return new Correction(raceId, tournament.name(), before, after, scoreBefore, scoreAfter);
        });
    }

    /**
     * Moves a pending race's deadline by {@code minutes} and lets the pending sweep warn again before the new one.
     * A deadline that has passed holds even if the sweep has not forfeited the race yet (a Ready pressed after it
     * forfeits the race), so it cannot be extended.
     *
     * @param minutes {@value #MIN_EXTEND_MINUTES} to {@value #MAX_EXTEND_MINUTES}
     * @throws UserError bad input (minutes), not found, refused, conflict (not pending, no deadline yet, deadline
     *                   passed, or changed meanwhile)
     */
    public Extension extend(Requester by, long raceId, int minutes) {
        if (minutes < MIN_EXTEND_MINUTES || minutes > MAX_EXTEND_MINUTES) {
            throw UserError.badInput("minutes must be from " + MIN_EXTEND_MINUTES + " to " + MAX_EXTEND_MINUTES
                    + " (a day), got " + minutes);
        }
        TournamentRow tournament = tournamentOf(by, raceId);
        Instant now = clock.instant();
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            RaceState before = races.lock(c, raceId).orElseThrow(() -> noRace(raceId));
            if (before.status() != RaceStatus.pending) {
                throw UserError.conflict("Only a pending race's deadline can be extended; race " + raceId + " is "
                        + label(before.status()) + ".");
            }
            if (before.timeoutAt() == null) {
                throw UserError.conflict("Race " + raceId + " has no deadline yet (its thread is still being "
                        + "opened); try again in a minute.");
            }
            if (!before.timeoutAt().isAfter(now)) {
                throw UserError.conflict("The deadline of race " + raceId + " passed at <t:"
                        + before.timeoutAt().getEpochSecond() + ":F>: the race is forfeit (a Ready pressed now "
                        + "forfeits it), so its deadline cannot be extended.");
            }
            Instant deadline = races.extendDeadline(c, raceId, minutes, now).orElseThrow(() ->
                    UserError.conflict("Race " + raceId + " changed meanwhile; nothing was changed."));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("minutes", minutes);
            details.put("before", deadlineValues(before.timeoutAt(), before.warningSentAt()));
            details.put("after", deadlineValues(deadline, null));
            audit.insertAll(c, List.of(new AuditEntry(by.actor(), "race_extend", "race:" + raceId, details, now)));
            notifications.insert(c, raceId, DEADLINE_EXTENDED, Map.of("deadline", deadline.toString(),
                    "previous_deadline", before.timeoutAt().toString(), "minutes", minutes), now);
            return new Extension(raceId, tournament.name(), before.timeoutAt(), deadline);
        });
    }

    /** The race's tournament, when the race is in the requester's server and they may run it. */
    private TournamentRow tournamentOf(Requester by, long raceId) {
        TournamentRow tournament = races.find(dsl, raceId)
                .flatMap(race -> tournaments.find(dsl, race.tournamentId()))
                .filter(by::isIn)
                .orElseThrow(() -> noRace(raceId));
        tournamentService.requireAdmin(by, tournament);
        return tournament;
    }

    private static String reason(String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > MAX_REASON) {
            throw UserError.badInput("the reason is required and may have at most " + MAX_REASON + " characters"
                    + (text.isEmpty() ? "" : "; it has " + text.length()));
        }
        Names.controlCharacterInText("the reason", text).ifPresent(problem -> {
            throw UserError.badInput(problem);
        });
        return text;
    }

    private static boolean sameTime(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static Map<String, Object> values(RaceState race, Double score) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("status", race.status().getLiteral());
        values.put("elapsed", ElapsedTimes.format(race.elapsedSeconds()));
        values.put("elapsed_seconds", race.elapsedSeconds() == null ? null : race.elapsedSeconds().toPlainString());
        values.put("finished_at", Objects.toString(race.finishedAt(), null));
        if (score != null) {
            values.put("score", score);
        }
        return values;
    }

    private static Map<String, Object> deadlineValues(Instant timeoutAt, Instant warningSentAt) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("timeout_at", Objects.toString(timeoutAt, null));
        values.put("warning_sent_at", Objects.toString(warningSentAt, null));
        return values;
    }

    private static UserError noRace(long raceId) {
        return UserError.notFound("This server has no race " + raceId + "; the races of a tournament and their ids are "
                + "listed by /async audit.");
    }

    static String label(RaceStatus status) {
        return status.getLiteral().replace('_', ' ');
    }

    /**
     * A correction made.
     *
     * @param scoreBefore the race's score before, or null when it had none
     * @param scoreAfter  its score after the rescoring, or null when it has none
     */
    public record Correction(long raceId, String tournamentName, RaceState before, RaceState after, Double scoreBefore,
                             Double scoreAfter) {
    }

    /**
     * A deadline moved.
     *
     * @param previousDeadline the deadline before (UTC)
     * @param deadline         the new deadline (UTC)
     */
    public record Extension(long raceId, String tournamentName, Instant previousDeadline, Instant deadline) {
    }
}
