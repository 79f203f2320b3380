package io.asynctournament.db.leaderboard;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * The live leaderboard message of each tournament (V009, README "Leaderboards"): where it is, the leaderboard
 * version of the tournament (bumped in the transaction of every change of its standings), and the version the message
 * shows. Edits are claimed with a conditional update, so that of several bot processes one edits for a change.
 */
public final class LiveLeaderboardRepository {

    /** The tournament's leaderboard version now. @throws java.util.NoSuchElementException for no such tournament */
    public long version(DSLContext dsl, long tournamentId) {
        return dsl.select(TOURNAMENT.LEADERBOARD_VERSION).from(TOURNAMENT).where(TOURNAMENT.ID.eq(tournamentId))
                .fetchOptional(TOURNAMENT.LEADERBOARD_VERSION).orElseThrow();
    }

    /** The tournament's live message, if one is posted. */
    public Optional<LiveLeaderboard> find(DSLContext dsl, long tournamentId) {
        return dsl.select(fields()).from(TOURNAMENT).where(TOURNAMENT.ID.eq(tournamentId))
                .and(TOURNAMENT.LEADERBOARD_MESSAGE_ID.isNotNull()).fetchOptional(LiveLeaderboardRepository::row);
    }

    /**
     * Records a newly posted live message, showing {@code version}, in place of the one before (locked first).
     *
     * @param now UTC instant recorded as the last edit
     * @return the message it replaces, if any (to delete)
     */
    public Optional<LiveLeaderboard> record(DSLContext tx, long tournamentId, long channelId, long messageId,
                                            long version, Instant now) {
        Optional<LiveLeaderboard> previous = tx.select(fields()).from(TOURNAMENT)
                .where(TOURNAMENT.ID.eq(tournamentId)).forNoKeyUpdate()
                .fetchOptional(LiveLeaderboardRepository::row).filter(l -> l.messageId() != 0);
        tx.update(TOURNAMENT).set(TOURNAMENT.LEADERBOARD_CHANNEL_ID, channelId)
                .set(TOURNAMENT.LEADERBOARD_MESSAGE_ID, messageId)
                .set(TOURNAMENT.LEADERBOARD_POSTED_VERSION, version)
                .set(TOURNAMENT.LEADERBOARD_POSTED_AT, utc(now))
                .where(TOURNAMENT.ID.eq(tournamentId)).execute();
        return previous;
    }

    /** The live messages whose tournament's standings changed since they were last edited, by tournament id. */
    public List<LiveLeaderboard> behind(DSLContext dsl) {
        return dsl.select(fields()).from(TOURNAMENT).where(TOURNAMENT.LEADERBOARD_MESSAGE_ID.isNotNull())
                .and(TOURNAMENT.LEADERBOARD_POSTED_VERSION.lt(TOURNAMENT.LEADERBOARD_VERSION))
                .orderBy(TOURNAMENT.ID).fetch(LiveLeaderboardRepository::row);
    }

    /**
     * Claims the edit of a live message that is behind, for the version it is at now, unless it was edited less than
     * {@code minInterval} before {@code now}: one conditional update, so of several bot processes one claims a
     * change.
     *
     * @return the claimed message with the version to show, or empty when there is nothing to do or another claimed it
     */
    public Optional<LiveLeaderboard> claim(DSLContext dsl, long tournamentId, Instant now, Duration minInterval) {
        return dsl.update(TOURNAMENT)
                .set(TOURNAMENT.LEADERBOARD_POSTED_VERSION, TOURNAMENT.LEADERBOARD_VERSION)
                .set(TOURNAMENT.LEADERBOARD_POSTED_AT, utc(now))
                .where(TOURNAMENT.ID.eq(tournamentId)).and(TOURNAMENT.LEADERBOARD_MESSAGE_ID.isNotNull())
                .and(TOURNAMENT.LEADERBOARD_POSTED_VERSION.lt(TOURNAMENT.LEADERBOARD_VERSION))
                .and(TOURNAMENT.LEADERBOARD_POSTED_AT.isNull()
                        .or(TOURNAMENT.LEADERBOARD_POSTED_AT.le(utc(now.minus(minInterval)))))
                .returning(fields()).fetchOptional(LiveLeaderboardRepository::row);
    }

    /**
     * Gives back a claim whose edit failed (Discord unreachable), so that the next pass edits again: the posted
     * version goes back to {@code previousVersion} unless another claim came since.
     */
    public boolean release(DSLContext dsl, long tournamentId, long claimedVersion, long previousVersion) {
        return dsl.update(TOURNAMENT).set(TOURNAMENT.LEADERBOARD_POSTED_VERSION, previousVersion)
                .where(TOURNAMENT.ID.eq(tournamentId))
                .and(TOURNAMENT.LEADERBOARD_POSTED_VERSION.eq(claimedVersion)).execute() == 1;
    }

    /**
     * Replaces a live message that was deleted by the one posted instead, unless the message changed meanwhile (an
     * admin posted a new one).
     */
    public boolean replaceMessage(DSLContext dsl, long tournamentId, long oldMessageId, long newMessageId) {
        return dsl.update(TOURNAMENT).set(TOURNAMENT.LEADERBOARD_MESSAGE_ID, newMessageId)
                .where(TOURNAMENT.ID.eq(tournamentId)).and(TOURNAMENT.LEADERBOARD_MESSAGE_ID.eq(oldMessageId))
                .execute() == 1;
    }

    private static org.jooq.SelectField<?>[] fields() {
        return new org.jooq.SelectField<?>[]{TOURNAMENT.ID, TOURNAMENT.LEADERBOARD_CHANNEL_ID,
                TOURNAMENT.LEADERBOARD_MESSAGE_ID, TOURNAMENT.LEADERBOARD_VERSION,
                TOURNAMENT.LEADERBOARD_POSTED_VERSION, TOURNAMENT.LEADERBOARD_POSTED_AT};
    }

    private static LiveLeaderboard row(Record r) {
        Long channel = r.get(TOURNAMENT.LEADERBOARD_CHANNEL_ID);
        Long message = r.get(TOURNAMENT.LEADERBOARD_MESSAGE_ID);
        OffsetDateTime at = r.get(TOURNAMENT.LEADERBOARD_POSTED_AT);
        return new LiveLeaderboard(r.get(TOURNAMENT.ID), channel == null ? 0 : channel, message == null ? 0 : message,
                r.get(TOURNAMENT.LEADERBOARD_VERSION), r.get(TOURNAMENT.LEADERBOARD_POSTED_VERSION),
                at == null ? null : at.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
