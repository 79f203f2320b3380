package io.asynctournament.db.review;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;

/**
 * The review queue and the review of one run (README "Review"). A run waits for review when it is finished, not
 * reattempted and its review status is pending. Writes run in the caller's transaction.
 */
public final class ReviewRepository {

    /**
     * The next run of the tournament waiting for review that is not the reviewer's own: flagged runs first (oldest
     * flag first), then the oldest finish.
     *
     * @param reviewerDiscordUserId the reviewer, whose own runs are left to other reviewers
     */
    public Optional<ReviewItem> next(DSLContext dsl, long tournamentId, long reviewerDiscordUserId) {
        return select(dsl).where(waiting(tournamentId, reviewerDiscordUserId))
                .orderBy(RACE.REVIEW_REQUESTED_AT.isNull(), RACE.REVIEW_REQUESTED_AT, RACE.FINISHED_AT.nullsLast(),
                        RACE.ID)
                .limit(1).fetchOptional(ReviewRepository::item);
    }

    /** How many runs of the tournament wait for review, the reviewer's own left out. */
    public int waitingCount(DSLContext dsl, long tournamentId, long reviewerDiscordUserId) {
        return dsl.fetchCount(RACE.join(RACER).on(RACER.ID.eq(RACE.RACER_ID)),
                waiting(tournamentId, reviewerDiscordUserId));
    }

    /** The run with this id, whatever its state. */
    public Optional<ReviewItem> find(DSLContext dsl, long raceId) {
        return select(dsl).where(RACE.ID.eq(raceId)).fetchOptional(ReviewRepository::item);
    }

    /**
     * Records the review of a run still waiting for it: one conditional UPDATE, so of two reviewers the first wins.
     *
     * @param status     accepted or rejected
     * @param reviewedBy the reviewer as the audit log names them
     * @param notes      the reviewer's notes, or null
     * @return false, changing nothing, when the run no longer waits for review (reviewed, reattempted, not finished)
     */
    public boolean review(DSLContext tx, long raceId, ReviewStatus status, String reviewedBy, Instant at,
                          String notes) {
        return tx.update(RACE).set(RACE.REVIEW_STATUS, status).set(RACE.REVIEWED_BY, reviewedBy)
                .set(RACE.REVIEWED_AT, at.atOffset(ZoneOffset.UTC)).set(RACE.REVIEWER_NOTES, notes)
                .where(RACE.ID.eq(raceId)).and(RACE.REVIEW_STATUS.eq(ReviewStatus.pending))
                .and(RACE.STATUS.eq(RaceStatus.finished)).and(RACE.REATTEMPTED.isFalse())
                .execute() == 1;
    }

    private static Condition waiting(long tournamentId, long reviewerDiscordUserId) {
        return RACE.TOURNAMENT_ID.eq(tournamentId)
                .and(RACE.STATUS.eq(DSL.inline(RaceStatus.finished)))
                .and(RACE.REVIEW_STATUS.eq(DSL.inline(ReviewStatus.pending)))
                .and(RACE.REATTEMPTED.isFalse())
                .and(RACER.DISCORD_USER_ID.isDistinctFrom(reviewerDiscordUserId));
    }

    private static SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(java.util.List.of(RACE.ID, RACE.TOURNAMENT_ID, RACE.PERMALINK_ID, RACER.DISCORD_USER_ID, RACER.NAME, POOL.NAME,
                        PERMALINK.URL, RACE.STATUS, RACE.ELAPSED_SECONDS, RACE.FINISHED_AT, RACE.VOD_URL,
                        RACE.RACER_NOTES, RACE.REVIEW_REQUESTED_AT, RACE.REVIEW_REQUEST_REASON, RACE.REATTEMPTED,
                        RACE.REVIEW_STATUS, RACE.REVIEWED_BY, RACE.REVIEWED_AT, RACE.REVIEWER_NOTES))
                .from(RACE)
                .join(RACER).on(RACER.ID.eq(RACE.RACER_ID))
                .join(PERMALINK).on(PERMALINK.ID.eq(RACE.PERMALINK_ID))
                .join(POOL).on(POOL.ID.eq(PERMALINK.POOL_ID));
    }

    private static ReviewItem item(Record r) {
        return new ReviewItem(r.get(RACE.ID), r.get(RACE.TOURNAMENT_ID), r.get(RACE.PERMALINK_ID),
                r.get(RACER.DISCORD_USER_ID), r.get(RACER.NAME), r.get(POOL.NAME), r.get(PERMALINK.URL),
                r.get(RACE.STATUS), r.get(RACE.ELAPSED_SECONDS), instant(r.get(RACE.FINISHED_AT)), r.get(RACE.VOD_URL),
                r.get(RACE.RACER_NOTES), instant(r.get(RACE.REVIEW_REQUESTED_AT)), r.get(RACE.REVIEW_REQUEST_REASON),
                r.get(RACE.REATTEMPTED), r.get(RACE.REVIEW_STATUS), r.get(RACE.REVIEWED_BY),
                instant(r.get(RACE.REVIEWED_AT)), r.get(RACE.REVIEWER_NOTES));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
