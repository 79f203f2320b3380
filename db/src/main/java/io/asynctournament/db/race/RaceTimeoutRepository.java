package io.asynctournament.db.race;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.generated.enums.RaceStatus;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.asynctournament.db.Intervals.plusHours;
import static io.asynctournament.db.Intervals.plusMinutes;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * The timeout sweeps' SQL: each method is one conditional, set-based UPDATE over all due races of the scope, so two
 * overlapping sweeps can never warn or forfeit the same race twice (the second UPDATE re-checks its WHERE on the row
 * the first one changed, and skips it). A tournament's own setting beats the task's default.
 */
public final class RaceTimeoutRepository {

    /**
     * Sets {@code timeout_at = thread_opened_at + timeout minutes} on pending races with a thread and no deadline yet.
     *
     * @param defaultTimeoutMinutes the task's timeout, used where the tournament has no override
     * @return how many races got a deadline
     */
    public int assignDeadlines(DSLContext tx, int defaultTimeoutMinutes, TournamentScope scope) {
        return tx.update(RACE)
                .set(RACE.TIMEOUT_AT, plusMinutes(RACE.THREAD_OPENED_AT,
                        DSL.coalesce(TOURNAMENT.TIMEOUT_MINUTES, DSL.val(defaultTimeoutMinutes))))
                .from(TOURNAMENT)
                .where(RACE.TOURNAMENT_ID.eq(TOURNAMENT.ID))
                .and(RACE.STATUS.eq(RaceStatus.pending))
                .and(RACE.THREAD_OPENED_AT.isNotNull())
                .and(RACE.TIMEOUT_AT.isNull())
                .and(scope.condition())
                .execute();
    }

    /**
     * Forfeits pending races whose deadline has passed ({@code timeout_at <= now}).
     *
     * @return the forfeited races
     */
    public List<TimedOutRace> forfeitPendingPastDeadline(DSLContext tx, Instant now, TournamentScope scope) {
        return tx.update(RACE)
                .set(RACE.STATUS, RaceStatus.forfeit)
                .from(TOURNAMENT, RACER)
                .where(RACE.TOURNAMENT_ID.eq(TOURNAMENT.ID))
                .and(RACE.RACER_ID.eq(RACER.ID))
                .and(RACE.STATUS.eq(RaceStatus.pending))
                .and(RACE.TIMEOUT_AT.le(at(now)))
                .and(scope.condition())
                .returningResult(RACE.ID, RACE.TOURNAMENT_ID, RACE.THREAD_ID, RACER.DISCORD_USER_ID, RACE.TIMEOUT_AT)
                .fetch(RaceTimeoutRepository::timedOut);
    }

    /**
     * Marks the warning as sent on pending races whose deadline is within the warning window
     * ({@code timeout_at - warning minutes <= now < timeout_at}) and that were not warned yet.
     *
     * @param defaultWarningMinutes the task's warning lead, used where the tournament has no override
     * @return the races to warn, each exactly once
     */
    public List<TimedOutRace> warnPendingNearDeadline(DSLContext tx, Instant now, int defaultWarningMinutes,
                                                      TournamentScope scope) {
        Field<OffsetDateTime> nowField = DSL.val(at(now));
        return tx.update(RACE)
                .set(RACE.WARNING_SENT_AT, nowField)
                .from(TOURNAMENT, RACER)
                .where(RACE.TOURNAMENT_ID.eq(TOURNAMENT.ID))
                .and(RACE.RACER_ID.eq(RACER.ID))
                .and(RACE.STATUS.eq(RaceStatus.pending))
                .and(RACE.WARNING_SENT_AT.isNull())
                .and(RACE.TIMEOUT_AT.gt(nowField))
                .and(RACE.TIMEOUT_AT.le(plusMinutes(nowField,
                        DSL.coalesce(TOURNAMENT.WARNING_MINUTES, DSL.val(defaultWarningMinutes)))))
                .and(scope.condition())
                .returningResult(RACE.ID, RACE.TOURNAMENT_ID, RACE.THREAD_ID, RACER.DISCORD_USER_ID, RACE.TIMEOUT_AT)
                .fetch(RaceTimeoutRepository::timedOut);
    }

    /**
     * Forfeits in-progress races running for at least the limit ({@code started_at + max hours <= now}).
     *
     * @param defaultMaxHours the task's limit, used where the tournament has no override
     * @return the forfeited races; their deadline is {@code started_at + max hours}
     */
    public List<TimedOutRace> forfeitInProgressOverLimit(DSLContext tx, Instant now, int defaultMaxHours,
                                                         TournamentScope scope) {
        Field<OffsetDateTime> limit = plusHours(RACE.STARTED_AT,
                DSL.coalesce(TOURNAMENT.MAX_HOURS, DSL.val(defaultMaxHours)));
        return tx.update(RACE)
                .set(RACE.STATUS, RaceStatus.forfeit)
                .from(TOURNAMENT, RACER)
                .where(RACE.TOURNAMENT_ID.eq(TOURNAMENT.ID))
                .and(RACE.RACER_ID.eq(RACER.ID))
                .and(RACE.STATUS.eq(RaceStatus.in_progress))
                .and(RACE.STARTED_AT.isNotNull())
                .and(limit.le(at(now)))
                .and(scope.condition())
                .returningResult(RACE.ID, RACE.TOURNAMENT_ID, RACE.THREAD_ID, RACER.DISCORD_USER_ID, limit)
                .fetch(RaceTimeoutRepository::timedOut);
    }

    private static TimedOutRace timedOut(Record5<Long, Long, Long, Long, OffsetDateTime> r) {
        return new TimedOutRace(r.value1(), r.value2(), r.value3(), r.value4(),
                r.value5() == null ? null : r.value5().toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
