package io.asynctournament.jobs.audit;

import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.audit.AuditLogRepository.AuditPage;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import org.jooq.DSLContext;

/**
 * Reads the audit log of a race or a tournament, newest first (README "Audit"): who did what, when, with the values
 * before and after. The CLI reads any (its user runs the bot); on Discord only the tournament's admins read it.
 */
public final class AuditService {
    /** How many entries are shown unless told otherwise, and the most one request shows. */
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;

    private final DSLContext dsl;
    private final AuditLogRepository audit;
    private final RaceResultRepository races;
    private final TournamentSetupRepository tournaments;
    private final TournamentService tournamentService;

    public AuditService(DSLContext dsl, AuditLogRepository audit, RaceResultRepository races,
                        TournamentSetupRepository tournaments, TournamentService tournamentService) {
        this.dsl = dsl;
        this.audit = audit;
        this.races = races;
        this.tournaments = tournaments;
        this.tournamentService = tournamentService;
    }

    /**
     * The newest {@code limit} entries about a race (CLI).
     *
     * @throws UserError bad input (limit), not found (no such race)
     */
    public AuditPage race(long raceId, int limit) {
        checkLimit(limit, MAX_LIMIT);
        races.find(dsl, raceId).orElseThrow(() -> UserError.notFound("there is no race " + raceId));
        return audit.latestForRace(dsl, raceId, limit);
    }

    /** The newest {@code limit} entries about a tournament, its races included (CLI). @throws UserError bad limit */
    public AuditPage tournament(long tournamentId, int limit) {
        checkLimit(limit, MAX_LIMIT);
        return audit.latestForTournament(dsl, tournamentId, limit);
    }

    /**
     * The newest {@code limit} entries about a race of the requester's server, for its tournament's admins.
     *
     * @throws UserError bad input (limit), not found (no such race in this server), refused
     */
    public AuditPage race(Requester by, long raceId, int limit, int maxLimit) {
        checkLimit(limit, maxLimit);
        TournamentRow tournament = races.find(dsl, raceId)
                .flatMap(race -> tournaments.find(dsl, race.tournamentId()))
                .filter(by::isIn)
                .orElseThrow(() -> UserError.notFound("This server has no race " + raceId + "."));
        tournamentService.requireAdmin(by, tournament);
        return audit.latestForRace(dsl, raceId, limit);
    }

    /**
     * The newest {@code limit} entries about a tournament of the requester's server, for its admins.
     *
     * @throws UserError bad input (limit), not found, refused
     */
    public AuditPage tournament(Requester by, String name, int limit, int maxLimit) {
        checkLimit(limit, maxLimit);
        TournamentRow tournament = tournamentService.find(by, name);
        return audit.latestForTournament(dsl, tournament.id(), limit);
    }

    private static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw UserError.badInput("the limit must be from 1 to " + max + ", got " + limit);
        }
    }
}
