package io.asynctournament.db.race;

import io.asynctournament.db.generated.enums.RaceStatus;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static io.asynctournament.db.Intervals.plusMinutes;
import static io.asynctournament.db.generated.Tables.RACE;

/**
 * Admins' corrections of a race (README "Corrections and deadline extensions"): a new result for an ended race, and a
 * later deadline for a pending one. Each write is one conditional UPDATE in the caller's transaction that returns
 * nothing, changing nothing, when the race is no longer in the state the caller read.
 */
public final class RaceCorrectionRepository {

    /** The race's row, locked for the rest of the transaction, or empty when there is no such race. */
    public Optional<RaceState> lock(DSLContext tx, long raceId) {
        return tx.select(RACE.ID, RACE.TOURNAMENT_ID, RACE.STATUS, RACE.ELAPSED_SECONDS, RACE.FINISHED_AT,
                        RACE.ENDED_AT, RACE.TIMEOUT_AT, RACE.WARNING_SENT_AT)
                .from(RACE).where(RACE.ID.eq(raceId)).forUpdate()
                .fetchOptional(RaceCorrectionRepository::state);
    }

    /** The race's row as it is now (no lock), or empty when there is no such race. */
    public Optional<RaceState> find(DSLContext dsl, long raceId) {
        return dsl.select(RACE.ID, RACE.TOURNAMENT_ID, RACE.STATUS, RACE.ELAPSED_SECONDS, RACE.FINISHED_AT,
                        RACE.ENDED_AT, RACE.TIMEOUT_AT, RACE.WARNING_SENT_AT)
                .from(RACE).where(RACE.ID.eq(raceId))
                .fetchOptional(RaceCorrectionRepository::state);
    }

    /**
     * Sets an ended race's result. {@code ended_at} is never changed, and {@code finished_at} only where it is empty:
     * it is then set to {@code ended_at} (when the run really ended), so a correction never invents a finish time.
     *
     * @param expected the status the caller read; nothing changes if the race has another one now
     * @param elapsed  the new elapsed seconds, or null for none
     * @return true when the race was changed
     */
    public boolean correct(DSLContext tx, long raceId, RaceStatus expected, RaceStatus status, BigDecimal elapsed) {
        var update = tx.update(RACE).set(RACE.STATUS, status).set(RACE.ELAPSED_SECONDS, elapsed);
        if (status == RaceStatus.finished) {
            update = update.set(RACE.FINISHED_AT, DSL.coalesce(RACE.FINISHED_AT, RACE.ENDED_AT));
        }
        return update.where(RACE.ID.eq(raceId)).and(RACE.STATUS.eq(expected))
                .and(RACE.STATUS.in(RaceStatus.finished, RaceStatus.forfeit, RaceStatus.disqualified))
                .execute() == 1;
    }

    /**
     * Moves a pending race's deadline by {@code minutes} and clears its warning, so the pending sweep warns again
     * before the new deadline, if the deadline has not passed at {@code now}.
     *
     * @return the new deadline (UTC), or empty, changing nothing, when the race is not pending or its deadline is
     *         not after {@code now}
     */
    public Optional<Instant> extendDeadline(DSLContext tx, long raceId, int minutes, Instant now) {
        return tx.update(RACE)
                .set(RACE.TIMEOUT_AT, plusMinutes(RACE.TIMEOUT_AT, DSL.val(minutes)))
                .set(RACE.WARNING_SENT_AT, (OffsetDateTime) null)
                .where(RACE.ID.eq(raceId)).and(RACE.STATUS.eq(RaceStatus.pending))
                .and(RACE.TIMEOUT_AT.gt(now.atOffset(ZoneOffset.UTC)))
                .returningResult(RACE.TIMEOUT_AT)
                .fetchOptional(r -> r.value1().toInstant());
    }

    private static RaceState state(Record r) {
        return new RaceState(r.get(RACE.ID), r.get(RACE.TOURNAMENT_ID), r.get(RACE.STATUS),
                r.get(RACE.ELAPSED_SECONDS), instant(r.get(RACE.FINISHED_AT)), instant(r.get(RACE.ENDED_AT)),
                instant(r.get(RACE.TIMEOUT_AT)), instant(r.get(RACE.WARNING_SENT_AT)));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    /**
     * The values of a race that a correction or an extension reads and changes.
     *
     * @param elapsedSeconds the finish time in seconds, or null
     * @param finishedAt     when the racer finished (UTC), or null
     * @param endedAt        when it was finished, forfeited or disqualified (UTC), or null
     * @param timeoutAt      the deadline to press Ready (UTC), or null
     * @param warningSentAt  when the racer was warned of that deadline (UTC), or null
     */
    public record RaceState(long raceId, long tournamentId, RaceStatus status, BigDecimal elapsedSeconds,
                            Instant finishedAt, Instant endedAt, Instant timeoutAt, Instant warningSentAt) {
    }
}
