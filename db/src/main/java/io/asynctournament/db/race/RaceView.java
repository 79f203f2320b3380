package io.asynctournament.db.race;

import io.asynctournament.db.generated.enums.RaceStatus;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A race as its thread and its racer see it.
 *
 * @param raceId              race id
 * @param tournamentId        its tournament
 * @param tournamentName      the tournament's name
 * @param tournamentActive    false once the tournament is closed
 * @param hideResults         racers see their time but no score
 * @param poolName            the pool's name
 * @param permalinkUrl        the permalink (seed) to play
 * @param permalinkNotes      the permalink's notes, or null
 * @param racerDiscordUserId  the racer's Discord user id
 * @param racerName           the racer's name
 * @param status              pending, in progress, finished, forfeit or disqualified
 * @param threadId            its thread, or null
 * @param timeoutAt           the deadline to press Ready (UTC)
 * @param startedAt           the GO instant (UTC), or null
 * @param finishedAt          when it was finished (UTC), or null
 * @param elapsedSeconds      the finish time in seconds, or null
 * @param score               its score now, or null
 * @param vodUrl              the racer's VOD link, or null
 * @param racerNotes          the racer's notes, or null
 * @param reviewRequestedAt   when the racer flagged it for review, or null
 */
public record RaceView(long raceId, long tournamentId, String tournamentName, boolean tournamentActive,
                       boolean hideResults, String poolName, String permalinkUrl, String permalinkNotes,
                       Long racerDiscordUserId, String racerName, RaceStatus status, Long threadId, Instant timeoutAt,
                       Instant startedAt, Instant finishedAt, BigDecimal elapsedSeconds, Double score, String vodUrl,
                       String racerNotes, Instant reviewRequestedAt) {
}
