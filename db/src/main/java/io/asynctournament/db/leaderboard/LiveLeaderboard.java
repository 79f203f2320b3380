package io.asynctournament.db.leaderboard;

import java.time.Instant;

/**
 * A tournament's live leaderboard message and when it was last posted or edited.
 *
 * @param tournamentId the tournament
 * @param channelId    the Discord channel of the message
 * @param messageId    the message
 * @param postedAt     when its last post or edit was claimed (UTC, the claiming bot's clock), or null
 * @param changedSince the oldest change of its standings not yet shown (UTC, the database's clock: the start of the
 *                     change's transaction), or null when no change is waiting
 */
public record LiveLeaderboard(long tournamentId, long channelId, long messageId, Instant postedAt,
                              Instant changedSince) {
}
