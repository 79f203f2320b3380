package io.asynctournament.jobs.races;

import io.asynctournament.db.race.RaceStartRepository.PoolChoice;
import io.asynctournament.jobs.tasks.TournamentTimeouts;

import java.util.List;

/**
 * What a racer who may start is offered: the pools with runs left, and the settings the confirmation quotes.
 *
 * @param tournamentId   the tournament
 * @param tournamentName its name
 * @param pools          the pools they may start in, in order
 * @param timeouts       the effective timeouts (deadline to press Ready, warning, limit of a started race)
 */
public record StartOffer(long tournamentId, String tournamentName, List<PoolChoice> pools,
                         TournamentTimeouts timeouts) {
    public StartOffer {
        pools = List.copyOf(pools);
    }
}
