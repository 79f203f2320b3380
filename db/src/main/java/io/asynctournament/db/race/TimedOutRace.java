package io.asynctournament.db.race;

import java.time.Instant;

/**
 * A race a timeout sweep changed (warned or forfeited), with what its notification needs.
 *
 * @param raceId        the race
 * @param tournamentId  its tournament
 * @param threadId      the Discord thread id, or null
 * @param discordUserId the racer's Discord user id, or null for an imported racer
 * @param deadline      the UTC instant the race is (or was) forfeited at
 */
public record TimedOutRace(long raceId, long tournamentId, Long threadId, Long discordUserId, Instant deadline) {
}
