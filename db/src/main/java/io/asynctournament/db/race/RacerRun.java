package io.asynctournament.db.race;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One of a racer's runs, as {@code /async my-runs} shows it.
 *
 * @param raceId            the race
 * @param tournamentId      its tournament
 * @param tournamentName    the tournament's name
 * @param tournamentActive  false once the tournament is closed
 * @param hideResults       the tournament hides results while open
 * @param poolName          the pool
 * @param permalinkUrl      the permalink played
 * @param attempt           1 for the racer's first run of this permalink
 * @param status            pending, in progress, finished, forfeit or disqualified
 * @param elapsedSeconds    the finish time in seconds, or null
 * @param score             its score now (race_result), or null
 * @param vodUrl            the racer's VOD link, or null
 * @param reattempted       true when the run was marked reattempted (it counts for nothing)
 * @param reviewStatus      pending, accepted or rejected
 * @param threadId          the race's Discord thread, or null
 * @param createdAt         when the race was opened (UTC)
 */
public record RacerRun(long raceId, long tournamentId, String tournamentName, boolean tournamentActive,
                       boolean hideResults, String poolName, String permalinkUrl, int attempt, RaceStatus status,
                       BigDecimal elapsedSeconds, Double score, String vodUrl, boolean reattempted,
                       ReviewStatus reviewStatus, Long threadId, Instant createdAt) {

    /** The same run without its score (while the tournament hides results from this viewer). */
    public RacerRun withoutScore() {
        return new RacerRun(raceId, tournamentId, tournamentName, tournamentActive, hideResults, poolName,
                permalinkUrl, attempt, status, elapsedSeconds, null, vodUrl, reattempted, reviewStatus, threadId,
                createdAt);
    }
}
