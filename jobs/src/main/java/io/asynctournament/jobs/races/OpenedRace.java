package io.asynctournament.jobs.races;

import java.time.Instant;

/**
 * A race just created by a confirmed start, waiting for its thread.
 *
 * @param raceId         the race
 * @param tournamentName its tournament
 * @param poolName       its pool
 * @param permalinkUrl   the permalink dealt
 * @param permalinkNotes the permalink's notes, or null
 * @param timeoutAt      the deadline to press Ready (UTC)
 * @param warningMinutes minutes before the deadline the racer is warned
 * @param maxHours       hours the race may run once started
 */
public record OpenedRace(long raceId, String tournamentName, String poolName, String permalinkUrl,
                         String permalinkNotes, Instant timeoutAt, int warningMinutes, int maxHours) {
}
