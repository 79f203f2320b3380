package io.asynctournament.db.results;

/**
 * What an import did.
 *
 * @param tournamentId the tournament (created or existing)
 * @param pools        pools in the file
 * @param permalinks   permalinks in the file
 * @param racers       racers in the file
 * @param runs         runs in the file
 * @param newRuns      runs that were not in the database before (the others were updated in place)
 */
public record ImportSummary(long tournamentId, int pools, int permalinks, int racers, int runs, int newRuns) {
}
