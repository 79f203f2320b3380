package io.asynctournament.db.leaderboard;

import java.time.Instant;

/**
 * A tournament's live leaderboard message and how current it is.
 *
 * @param tournamentId  the tournament
 * @param channelId     the Discord channel of the message
 * @param messageId     the message
 * @param version       the tournament's leaderboard version now (bumped by every change of its standings)
 * @param postedVersion the version the message was last posted or edited for
 * @param postedAt      when that post or edit was claimed (UTC, the claiming bot's clock), or null
 */
public record LiveLeaderboard(long tournamentId, long channelId, long messageId, long version, long postedVersion,
                              Instant postedAt) {
    /** True when the standings changed since the message was last edited. */
    public boolean behind() {
        return postedVersion < version;
    }
}
