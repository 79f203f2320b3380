package io.asynctournament.jobs.races;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.race.RaceStartRepository;
import io.asynctournament.db.race.ReattemptRepository;
import io.asynctournament.db.race.ReattemptRepository.Candidate;
import io.asynctournament.db.race.ReattemptRepository.Target;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import io.asynctournament.jobs.validation.Names;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reattempts (README "Reattempts"). A racer marks a finished or forfeited run of theirs reattempted, with a reason,
 * while the tournament is open and within its {@code max_reattempts} (their reattempted runs in the tournament are
 * counted; 0 means the tournament allows none, and there is no "unlimited": the limit is always enforced). The run
 * then leaves the par time and the leaderboard, and the racer may run that pool again, on a permalink they were never
 * dealt. Admins mark or unmark a run on a racer's behalf ({@link #setByAdmin}). Each change is one transaction: the
 * conditional update, the audit entry, the racer's notification for an admin's change, and the permalink's
 * rescoring.
 */
public final class ReattemptService {
    /** Outbox kind: an admin marked the run reattempted. Payload: {@code reason}, {@code by}. */
    public static final String REATTEMPT_MARKED = "reattempt_marked";
    /** Outbox kind: an admin made a reattempted run count again. Payload: {@code reason}, {@code by}. */
    public static final String REATTEMPT_UNMARKED = "reattempt_unmarked";
    /** Longest reason, in characters. */
    public static final int MAX_REASON = 1000;

    private final DSLContext dsl;
    private final TournamentSetupRepository tournamentRows;
    private final TournamentService tournaments;
    private final ReattemptRepository reattempts;
    private final RaceStartRepository starts;
    private final RaceResultService results;
    private final AuditLogRepository audit;
    private final NotificationRepository notifications;

    public ReattemptService(DSLContext dsl, TournamentSetupRepository tournamentRows, TournamentService tournaments,
                            ReattemptRepository reattempts, RaceStartRepository starts, RaceResultService results,
                            AuditLogRepository audit, NotificationRepository notifications) {
        this.dsl = dsl;
        this.tournamentRows = tournamentRows;
        this.tournaments = tournaments;
        this.reattempts = reattempts;
        this.starts = starts;
        this.results = results;
        this.audit = audit;
        this.notifications = notifications;
    }

    /**
     * The racer marks their run reattempted (audit {@code race_reattempt}). The Reattempt button under a finished
     * or forfeited race and {@code /async reattempt} both come here.
     *
     * @param reason why, 1 to {@value #MAX_REASON} characters
     * @param at     when Discord received the request (UTC)
     * @return the outcome: the pool to run again and the reattempts used
     * @throws UserError bad input (reason), not found (no such race), refused (not their run; the tournament allows
     *                   no reattempts; all of its reattempts used), conflict (tournament closed; not finished or
     *                   forfeited; already reattempted; rejected by review; no permalink of the pool left that
     *                   they were never dealt)
     */
    public Outcome markByRacer(long raceId, long discordUserId, String reason, Instant at) {
        String text = reason(reason);
        String actor = "discord:" + discordUserId;
        return results.changeScored(raceId, at, (c, ref) -> {
            Target run = reattempts.find(c, raceId).orElseThrow(() -> gone(raceId));
            TournamentRow tournament = tournament(c, run);
            if (run.racerDiscordUserId() == null || run.racerDiscordUserId() != discordUserId) {
                throw UserError.refused("This is not your run: only " + run.racerName() + " may mark it "
                        + "reattempted.");
            }
            if (!tournament.active()) {
                throw UserError.conflict(tournament.name() + " is closed: its runs can no longer be reattempted.");
            }
            checkMarkable(run);
            if (tournament.maxReattempts() == 0) {
                throw UserError.refused(tournament.name() + " does not allow reattempts (max_reattempts is 0).");
            }
            starts.lockRacer(c, run.racerId());
            int used = reattempts.reattempts(c, tournament.id(), run.racerId());
            if (used >= tournament.maxReattempts()) {
                throw UserError.refused("You have used " + used + " of the " + tournament.maxReattempts()
                        + " reattempt(s) " + tournament.name() + " allows; this run stands.");
            }
            if (reattempts.unseenPermalinks(c, run.poolId(), run.racerId()) == 0) {
                throw UserError.conflict("You were dealt every permalink of " + run.poolName() + " already, so you "
                        + "could not run it again; this run stands.");
            }
            if (!reattempts.mark(c, raceId, text, actor, at)) {
                throw UserError.conflict("This run changed meanwhile; nothing was changed.");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", text);
            details.put("reattempts_before", used);
            details.put("max_reattempts", tournament.maxReattempts());
            audit.insertAll(c, List.of(new AuditEntry(actor, "race_reattempt", "race:" + raceId, details, at)));
            return new Outcome(raceId, tournament.name(), run.poolName(), run.racerName(), true, used + 1,
                    tournament.maxReattempts());
        });
    }

    /**
     * An admin marks ({@code on}) or unmarks a run reattempted on the racer's behalf (audit
     * {@code race_reattempt_set} with the values before and after; the racer is told through the outbox:
     * {@code reattempt_marked} or {@code reattempt_unmarked}). An admin's mark is not bound by
     * {@code max_reattempts} (the admins decide; the audit entry records the racer's count) nor by the tournament
     * being closed. Unmarking is refused while the racer has meanwhile played {@code runs_per_pool} counted runs in
     * that pool (the run would be one too many): mark one of those reattempted first.
     *
     * @param reason why, 1 to {@value #MAX_REASON} characters
     * @throws UserError bad input (reason), not found (no such race in the requester's server), refused (not an
     *                   admin of its tournament), conflict (already in that state; not finished or forfeited; rejected by review; the pool is
     *                   full for an unmark)
     */
    public Outcome setByAdmin(Requester by, long raceId, boolean on, String reason, Instant at) {
        String text = reason(reason);
        return results.changeScored(raceId, at, (c, ref) -> {
            Target run = reattempts.find(c, raceId).orElseThrow(() -> gone(raceId));
            TournamentRow tournament = tournament(c, run);
            if (!by.isIn(tournament)) {
                // another server's race: say no more than for a race that does not exist (not its tournament)
                throw UserError.notFound("This server has no race " + raceId + ".");
            }
            tournaments.requireAdmin(by, tournament);
            starts.lockRacer(c, run.racerId());
            int used = reattempts.reattempts(c, tournament.id(), run.racerId());
            if (on) {
                checkMarkable(run);
                if (!reattempts.mark(c, raceId, text, by.actor(), at)) {
                    throw UserError.conflict("This run changed meanwhile; nothing was changed.");
                }
            } else {
                if (!run.reattempted()) {
                    throw UserError.conflict("Race " + raceId + " is not marked reattempted; nothing was changed.");
                }
                int counted = reattempts.countedRuns(c, run.poolId(), run.racerId());
                if (counted >= tournament.runsPerPool()) {
                    throw UserError.conflict(run.racerName() + " has played " + counted + " run(s) in "
                            + run.poolName() + " since (runs_per_pool is " + tournament.runsPerPool() + "): counting "
                            + "this one again would be one too many. Mark one of those reattempted first.");
                }
                reattempts.unmark(c, raceId);
            }
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("reattempted", run.reattempted());
            before.put("reason", run.reattemptReason() == null ? "" : run.reattemptReason());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("reattempted", on);
            after.put("reason", on ? text : "");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("before", before);
            details.put("after", after);
            details.put("admin_reason", text);
            details.put("reattempts_before", used);
            details.put("max_reattempts", tournament.maxReattempts());
            audit.insertAll(c, List.of(new AuditEntry(by.actor(), "race_reattempt_set", "race:" + raceId, details,
                    at)));
            if (run.racerDiscordUserId() != null) { // an imported racer has no thread to be told in
                notifications.insert(c, raceId, on ? REATTEMPT_MARKED : REATTEMPT_UNMARKED,
                        Map.of("reason", text, "by", by.actor()), at);
            }
            return new Outcome(raceId, tournament.name(), run.poolName(), run.racerName(), on,
                    on ? used + 1 : used - 1, tournament.maxReattempts());
        });
    }

    /** The racer's runs they could mark reattempted in the guild's open tournaments, newest first (at most 25). */
    public List<Candidate> candidates(long discordGuildId, long discordUserId) {
        return reattempts.candidates(dsl, discordGuildId, discordUserId, 25);
    }

    /** True when the race's tournament allows reattempts at all ({@code max_reattempts} above 0). */
    public boolean allowsReattempts(long tournamentId) {
        return tournamentRows.find(dsl, tournamentId).map(t -> t.maxReattempts() > 0).orElse(false);
    }

    private static void checkMarkable(Target run) {
        if (run.reattempted()) {
            throw UserError.conflict("Race " + run.raceId() + " is already marked reattempted.");
        }
        if (run.status() != RaceStatus.finished && run.status() != RaceStatus.forfeit) {
            throw UserError.conflict("Only a finished or forfeited run can be reattempted; this one is "
                    + run.status().getLiteral().replace('_', ' ') + ".");
        }
        if (run.reviewStatus() == ReviewStatus.rejected) {
            throw UserError.conflict("This run was rejected by review: it scores 0 and cannot be reattempted.");
        }
    }

    private TournamentRow tournament(DSLContext c, Target run) {
        return tournamentRows.find(c, run.tournamentId()).orElseThrow(() -> gone(run.raceId()));
    }

    private static String reason(String reason) {
        String text = reason == null || reason.isBlank() ? null : reason.strip();
        if (text == null || text.length() > MAX_REASON) {
            throw UserError.badInput("A reason is required and may have at most " + MAX_REASON + " characters"
                    + (text == null ? "." : "; it has " + text.length() + "."));
        }
        Names.controlCharacterInText("The reason", text).ifPresent(problem -> {
            throw UserError.badInput(problem + ".");
        });
        return text;
    }

    private static UserError gone(long raceId) {
        return UserError.notFound("Race " + raceId + " no longer exists.");
    }

    /**
     * What a reattempt change did.
     *
     * @param reattempted    the run's state now
     * @param used           the racer's reattempted runs in the tournament now
     * @param maxReattempts  the tournament's limit
     */
    public record Outcome(long raceId, String tournamentName, String poolName, String racerName, boolean reattempted,
                          int used, int maxReattempts) {
    }
}
