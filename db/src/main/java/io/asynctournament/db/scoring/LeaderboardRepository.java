package io.asynctournament.db.scoring;

import io.asynctournament.db.generated.enums.RaceStatus;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.List;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE_RESULT;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * Reads a tournament's leaderboard from the stored scores (the score task writes them). A racer's score is the mean
 * over {@code pools x runs_per_pool} slots: in each pool their best {@code runs_per_pool} scores fill the slots, empty
 * slots count 0 (README "Scoring"). Reattempted runs count for nothing. Scores come from the
 * {@code race_result} view (stored par-based scores, and the fixed 0 of forfeit, disqualified and rejected runs).
 */
public final class LeaderboardRepository {

    /** The leaderboard, by score descending then racer name; racers with at least one non-reattempted run. */
    public List<LeaderboardRow> leaderboard(DSLContext dsl, long tournamentId) {
        Field<Integer> slotRank = DSL.rowNumber().over(DSL.partitionBy(RACE_RESULT.RACER_ID, PERMALINK.POOL_ID)
                .orderBy(RACE_RESULT.SCORE.desc().nullsLast(), RACE_RESULT.RACE_ID)).as("slot_rank");
        var runs = DSL.select(RACE_RESULT.RACER_ID, RACE_RESULT.STATUS, RACE_RESULT.SCORE, slotRank)
                .from(RACE_RESULT).join(PERMALINK).on(PERMALINK.ID.eq(RACE_RESULT.PERMALINK_ID))
                .where(RACE_RESULT.TOURNAMENT_ID.eq(tournamentId)).and(RACE_RESULT.REATTEMPTED.isFalse())
                .asTable("runs");
        Field<Long> racerId = runs.field(RACE_RESULT.RACER_ID);
        Field<RaceStatus> status = runs.field(RACE_RESULT.STATUS);
        Field<Double> score = runs.field(RACE_RESULT.SCORE);
        Field<Integer> rankInPool = runs.field(slotRank);

        Field<Integer> runsPerPool = DSL.field(DSL.select(TOURNAMENT.RUNS_PER_POOL).from(TOURNAMENT)
                .where(TOURNAMENT.ID.eq(tournamentId)));
        Field<Integer> pools = DSL.field(DSL.selectCount().from(POOL).where(POOL.TOURNAMENT_ID.eq(tournamentId)));

        // Sums in numeric, not float: exact, so the result does not depend on the order PostgreSQL adds rows in.
        Field<java.math.BigDecimal> exactScore = score.cast(SQLDataType.NUMERIC);
        Field<Double> total = DSL.coalesce(DSL.sum(exactScore).filterWhere(rankInPool.le(runsPerPool)),
                        DSL.val(java.math.BigDecimal.ZERO))
                .div(DSL.nullif(runsPerPool.mul(pools), 0)).cast(SQLDataType.DOUBLE).as("score");
        Field<Double> estimate = DSL.avg(exactScore).filterWhere(status.eq(RaceStatus.finished))
                .cast(SQLDataType.DOUBLE).as("estimate");
        Field<Integer> finished = DSL.count().filterWhere(status.eq(RaceStatus.finished)).as("finished");
        Field<Integer> forfeited = DSL.count().filterWhere(status.in(RaceStatus.forfeit, RaceStatus.disqualified))
                .as("forfeited");

        var perRacer = DSL.select(RACER.NAME, total, estimate, finished, forfeited)
                .from(runs).join(RACER).on(RACER.ID.eq(racerId))
                .groupBy(RACER.ID, RACER.NAME)
                .asTable("per_racer");
        Field<Double> racerScore = perRacer.field(total);
        Field<Integer> rank = DSL.rank().over(DSL.orderBy(DSL.coalesce(racerScore, 0.0).desc()));
        return dsl.select(rank, perRacer.field(RACER.NAME), racerScore, perRacer.field(estimate),
                        perRacer.field(finished), perRacer.field(forfeited))
                .from(perRacer)
                .orderBy(DSL.coalesce(racerScore, 0.0).desc(), perRacer.field(RACER.NAME))
                .fetch(r -> new LeaderboardRow(r.value1(), r.value2(), r.value3() == null ? 0.0 : r.value3(),
                        r.value4(), r.value5(), r.value6()));
    }

    /** Finished, forfeit or disqualified, non-reattempted runs of the tournament that have no score yet. */
    public int unscoredRuns(DSLContext dsl, long tournamentId) {
        return dsl.fetchCount(RACE_RESULT, RACE_RESULT.TOURNAMENT_ID.eq(tournamentId)
                .and(RACE_RESULT.REATTEMPTED.isFalse())
                .and(RACE_RESULT.STATUS.in(RaceStatus.finished, RaceStatus.forfeit, RaceStatus.disqualified))
                .and(RACE_RESULT.SCORE.isNull()));
    }
}
