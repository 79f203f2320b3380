package io.asynctournament.db.review;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A run as its reviewers see it (README "Review").
 *
 * @param raceId              race id
 * @param tournamentId        its tournament
 * @param permalinkId         its permalink
 * @param racerDiscordUserId  the racer's Discord user id, or null for an imported racer
 * @param racerName           the racer's name
 * @param poolName            the pool's name
 * @param permalinkUrl        the permalink (seed)
 * @param status              the race's status
 * @param elapsedSeconds      the finish time in seconds, or null
 * @param finishedAt          when it was finished (UTC), or null
 * @param vodUrl              the racer's VOD link, or null
 * @param racerNotes          the racer's notes, or null
 * @param reviewRequestedAt   when the racer flagged it for review (UTC), or null
 * @param reviewRequestReason why they flagged it, or null
 * @param reattempted         true once marked reattempted
 * @param reviewStatus        pending, accepted or rejected
 * @param reviewedBy          who reviewed it ({@code discord:<user id>}), or null
 * @param reviewedAt          when (UTC), or null
 * @param reviewerNotes       the reviewer's notes, or null
 */
public record ReviewItem(long raceId, long tournamentId, long permalinkId, Long racerDiscordUserId, String racerName,
                         String poolName, String permalinkUrl, RaceStatus status, BigDecimal elapsedSeconds,
                         Instant finishedAt, String vodUrl, String racerNotes, Instant reviewRequestedAt,
                         String reviewRequestReason, boolean reattempted, ReviewStatus reviewStatus,
                         String reviewedBy, Instant reviewedAt, String reviewerNotes) {
}
