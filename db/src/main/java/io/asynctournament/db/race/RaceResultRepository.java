package io.asynctournament.db.race;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACE_RESULT;

/**
 * The result of one race: finish, forfeit, disqualification, reattempt and review. Each change is one conditional
 * UPDATE that returns false, changing nothing, when the race is not in a state it applies to; writes run in the
 * caller's transaction. Scoring hears of a change through the triggers on {@code race} (V004).
 */
public final class RaceResultRepository {

    /** The race's tournament and permalink, or empty when there is no such race. */
    public Optional<RaceRef> find(DSLContext dsl, long raceId) {
        return dsl.select(RACE.ID, RACE.TOURNAMENT_ID, RACE.PERMALINK_ID).from(RACE).where(RACE.ID.eq(raceId))
                .fetchOptional(r -> new RaceRef(r.value1(), r.value2(), r.value3()));
    }

    /**
     * Finishes an in-progress race at {@code now}: elapsed seconds = {@code now - started_at}, to the millisecond.
     *
     * @return false when the race is not in progress or {@code now} is not after its start
     */
    public boolean finish(DSLContext tx, long raceId, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        var elapsed = DSL.field("round(extract(epoch from ({0} - {1}))::numeric, 3)", SQLDataType.NUMERIC,
                DSL.val(at), RACE.STARTED_AT);
        return tx.update(RACE)
                .set(RACE.STATUS, RaceStatus.finished)
                .set(RACE.FINISHED_AT, at)
                .set(RACE.ENDED_AT, at)
                .set(RACE.ELAPSED_SECONDS, elapsed.cast(SQLDataType.NUMERIC(12, 3)))
                .where(RACE.ID.eq(raceId)).and(RACE.STATUS.eq(RaceStatus.in_progress))
                .and(RACE.STARTED_AT.lt(DSL.val(at).minus(DSL.field("interval '1 millisecond'"))))
                .execute() == 1;
    }

    /** The racer gives up a pending or in-progress race at {@code now}. @return false for any other status */
    public boolean forfeit(DSLContext tx, long raceId, Instant now) {
        return tx.update(RACE).set(RACE.STATUS, RaceStatus.forfeit).set(RACE.ENDED_AT, now.atOffset(ZoneOffset.UTC))
                .where(RACE.ID.eq(raceId)).and(RACE.STATUS.in(RaceStatus.pending, RaceStatus.in_progress))
                .execute() == 1;
    }

    /**
     * Forfeits a pending race whose deadline has passed by {@code now}, as the pending sweep would (a Ready pressed
     * too late: the deadline holds whether or not the sweep has run).
     *
     * @return false when the race is not pending or its deadline has not passed
     */
    public boolean forfeitPastDeadline(DSLContext tx, long raceId, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return tx.update(RACE).set(RACE.STATUS, RaceStatus.forfeit).set(RACE.ENDED_AT, at)
                .where(RACE.ID.eq(raceId)).and(RACE.STATUS.eq(RaceStatus.pending)).and(RACE.TIMEOUT_AT.le(at))
                .execute() == 1;
    }

    /**
     * Starts a pending race: in progress, GO at {@code goAt} (the press plus the countdown), if the press came
     * before the deadline ({@code pressedAt < timeout_at}).
     *
     * @return false when the race is not pending or the press came at or after its deadline
     */
    public boolean start(DSLContext tx, long raceId, Instant pressedAt, Instant goAt) {
        return tx.update(RACE).set(RACE.STATUS, RaceStatus.in_progress)
                .set(RACE.STARTED_AT, goAt.atOffset(ZoneOffset.UTC))
                .where(RACE.ID.eq(raceId)).and(RACE.STATUS.eq(RaceStatus.pending))
                .and(RACE.TIMEOUT_AT.gt(pressedAt.atOffset(ZoneOffset.UTC)))
                .execute() == 1;
    }

    /** An admin disqualifies the race, whatever its status. @return false when it already is */
    public boolean disqualify(DSLContext tx, long raceId, Instant now) {
        return tx.update(RACE).set(RACE.STATUS, RaceStatus.disqualified)
                .set(RACE.ENDED_AT, DSL.coalesce(RACE.ENDED_AT, DSL.val(now.atOffset(ZoneOffset.UTC))))
                .where(RACE.ID.eq(raceId)).and(RACE.STATUS.ne(RaceStatus.disqualified))
                .execute() == 1;
    }

    /** Sets the racer's VOD link and notes on an ended race. @return false when the race has not ended */
    public boolean setVod(DSLContext tx, long raceId, String vodUrl, String notes) {
        return tx.update(RACE).set(RACE.VOD_URL, vodUrl).set(RACE.RACER_NOTES, notes)
                .where(RACE.ID.eq(raceId)).and(RACE.ENDED_AT.isNotNull()).execute() == 1;
    }

    /** The racer flags their finished race for review. @return false when it is not finished or already flagged */
    public boolean requestReview(DSLContext tx, long raceId, String reason, Instant now) {
        return tx.update(RACE).set(RACE.REVIEW_REQUESTED_AT, now.atOffset(ZoneOffset.UTC))
                .set(RACE.REVIEW_REQUEST_REASON, reason)
                .where(RACE.ID.eq(raceId)).and(RACE.STATUS.eq(RaceStatus.finished))
                .and(RACE.REVIEW_REQUESTED_AT.isNull()).execute() == 1;
    }

    /** Marks the run as reattempted: it no longer makes the par time nor scores. @return false when it already is */
    public boolean markReattempted(DSLContext tx, long raceId) {
        return tx.update(RACE).set(RACE.REATTEMPTED, true)
                .where(RACE.ID.eq(raceId)).and(RACE.REATTEMPTED.isFalse())
                .execute() == 1;
    }

    /** Sets the review status (a rejected run scores 0 and leaves the par time). @return false when unchanged */
    public boolean review(DSLContext tx, long raceId, ReviewStatus status) {
        return tx.update(RACE).set(RACE.REVIEW_STATUS, status)
                .where(RACE.ID.eq(raceId)).and(RACE.REVIEW_STATUS.ne(status))
                .execute() == 1;
    }

    /** The race's elapsed seconds, or null when it has none. */
    public BigDecimal elapsedSeconds(DSLContext dsl, long raceId) {
        return dsl.select(RACE.ELAPSED_SECONDS).from(RACE).where(RACE.ID.eq(raceId)).fetchOne(RACE.ELAPSED_SECONDS);
    }

    /** The race's score now ({@code race_result}), or null when it has none. */
    public Double score(DSLContext dsl, long raceId) {
        return dsl.select(RACE_RESULT.SCORE).from(RACE_RESULT).where(RACE_RESULT.RACE_ID.eq(raceId))
                .fetchOne(RACE_RESULT.SCORE);
    }

    /** A race's identity for scoring: its tournament and permalink. */
    public record RaceRef(long raceId, long tournamentId, long permalinkId) {
    }
}
