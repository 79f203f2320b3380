package io.asynctournament.jobs.leaderboards;

import io.asynctournament.db.generated.enums.TournamentAdminLevel;
import io.asynctournament.db.race.RacerRun;
import io.asynctournament.db.race.RacerRunRepository;
import io.asynctournament.db.scoring.LeaderboardRepository;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

/**
 * Standings and runs as Discord shows them, with the rule of hidden results (README "Leaderboards"): while a
 * tournament with {@code hide_results} is open, only its admins (Manage Server in its guild, the bot's operators, and
 * members with its {@code admin} grant, directly or through a role) see standings and scores; reviewers do not.
 * Racers always see their own runs (status, elapsed time) but not their scores while results are hidden. Once the
 * tournament closes, everyone sees them. The numbers are the CLI's ({@link LeaderboardRepository}).
 */
public final class LeaderboardService {
    private final DSLContext dsl;
    private final TournamentSetupRepository tournaments;
    private final TournamentService tournamentService;
    private final LeaderboardRepository leaderboards;
    private final RacerRunRepository runs;

    public LeaderboardService(DSLContext dsl, TournamentSetupRepository tournaments,
                              TournamentService tournamentService, LeaderboardRepository leaderboards,
                              RacerRunRepository runs) {
        this.dsl = dsl;
        this.tournaments = tournaments;
        this.tournamentService = tournamentService;
        this.leaderboards = leaderboards;
        this.runs = runs;
    }

    /** True while the tournament hides results from its racers: {@code hide_results} and still open. */
    public static boolean resultsHidden(TournamentRow tournament) {
        return tournament.hideResults() && tournament.active();
    }

    /** True when the requester may see the tournament's standings and scores now. */
    public boolean resultsVisibleTo(Requester by, TournamentRow tournament) {
        return !resultsHidden(tournament) || isAdmin(by, tournament);
    }

    /**
     * The requester's guild's tournament with this name, whoever asks (racers too).
     *
     * @throws UserError not found, listing the guild's tournaments
     */
    public TournamentRow tournament(Requester by, String name) {
        String wanted = name == null ? "" : name.strip();
        return tournaments.findByName(dsl, by.discordGuildId(), wanted).orElseThrow(() -> {
            List<String> names = tournamentService.tournamentNames(by.discordGuildId());
            return UserError.notFound("This server has no tournament named '" + wanted + "'; it has: "
                    + (names.isEmpty() ? "none yet" : String.join(", ", names)) + ".");
        });
    }

    /**
     * The tournament with this id, when it belongs to the requester's guild (a button names it by id).
     *
     * @throws UserError not found otherwise
     */
    public TournamentRow tournament(Requester by, long tournamentId) {
        return tournaments.find(dsl, tournamentId)
                .filter(by::isIn)
                .orElseThrow(() -> UserError.notFound("That tournament no longer exists."));
    }

    /**
     * The standings, for a requester who may see them.
     *
     * @throws UserError refused while the tournament hides results and the requester is not one of its admins
     */
    public Standings standings(Requester by, TournamentRow tournament) {
        if (!resultsVisibleTo(by, tournament)) {
            throw UserError.refused(hiddenMessage(tournament));
        }
        return standings(tournament);
    }

    /**
     * The standings, whoever may see them (the caller applies {@link Standings#hidden()}).
     *
     * @throws UserError not found when the tournament is gone
     */
    public Standings standings(TournamentRow tournament) {
        return standingsOf(tournament.id()).orElseThrow(() -> UserError.notFound("That tournament no longer exists."));
    }

    /**
     * The standings of the tournament with this id, if it exists, whoever may see them (the live leaderboard shows
     * them only when {@link Standings#hidden()} is false), read in one transaction.
     */
    public Optional<Standings> standingsOf(long tournamentId) {
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            return tournaments.find(c, tournamentId).map(now -> {
                int slots = tournaments.pools(c, now.id()).size() * now.runsPerPool();
                return new Standings(now, leaderboards.leaderboard(c, now.id()), slots,
                        leaderboards.unscoredRuns(c, now.id()), resultsHidden(now));
            });
        });
    }

    /**
     * The requester's own runs in their guild's tournaments (in one when {@code tournamentName} is given), scores
     * left out of the tournaments whose results are hidden from them.
     *
     * @throws UserError not found for a tournament name the guild does not have
     */
    public List<RacerRun> myRuns(Requester by, String tournamentName) {
        Long tournamentId = tournamentName == null || tournamentName.isBlank() ? null
                : tournament(by, tournamentName).id();
        java.util.Map<Long, Boolean> admin = new java.util.HashMap<>(); // one look-up per hidden tournament
        return runs.runs(dsl, by.discordGuildId(), by.discordUserId(), tournamentId).stream()
                .map(run -> run.hideResults() && run.tournamentActive()
                        && !admin.computeIfAbsent(run.tournamentId(), id -> isAdmin(by, tournamentOf(run)))
                        ? run.withoutScore() : run)
                .toList();
    }

    /** The sentence a racer gets for standings they may not see yet. */
    public static String hiddenMessage(TournamentRow tournament) {
        return "The results of " + tournament.name() + " are hidden until the tournament closes; only its admins "
                + "see them now. `/async my-runs` shows your own runs.";
    }

    private boolean isAdmin(Requester by, TournamentRow tournament) {
        return tournamentService.levelOf(by, tournament).filter(l -> l == TournamentAdminLevel.admin).isPresent();
    }

    private TournamentRow tournamentOf(RacerRun run) {
        return tournaments.find(dsl, run.tournamentId()).orElseThrow();
    }
}
