package io.asynctournament.db.scoring;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.generated.enums.RaceStatus;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * Par times and scores, as the established async bots define them (DEVELOPERS.md, "Scoring"):
 * <ul>
 *   <li>par time of a permalink = mean elapsed seconds of its 5 fastest finished, non-reattempted runs (all of them
 *   if fewer; null if none);</li>
 *   <li>a finished run scores {@code clamp((2 - elapsed / par) * 100, 0, 105)}; forfeit and disqualified score 0;
 *   reattempted, pending and in-progress runs have no score.</li>
 * </ul>
 * Each method is one statement over a whole tournament.
 */
public final class ScoringRepository {
    /** How many of the fastest runs make the par time. */
    public static final int PAR_SAMPLE_SIZE = 5;

    /** Tournaments the scope covers, as (id, name), by id. */
    public List<TournamentRef> tournaments(DSLContext dsl, TournamentScope scope) {
        return dsl.select(TOURNAMENT.ID, TOURNAMENT.NAME).from(TOURNAMENT).where(scope.condition())
                .orderBy(TOURNAMENT.ID).fetch(r -> new TournamentRef(r.value1(), r.value2()));
    }

    /**
     * Recomputes the par time of every permalink of the tournament.
     *
     * @param now UTC instant stored as {@code par_updated_at}
     * @return the number of permalinks updated
     */
    public int updateParTimes(DSLContext tx, long tournamentId, Instant now) {
        var fastest = DSL.select(RACE.ELAPSED_SECONDS.as("elapsed"))
                .from(RACE)
                .where(RACE.PERMALINK_ID.eq(PERMALINK.ID))
                .and(RACE.STATUS.eq(RaceStatus.finished))
                .and(RACE.REATTEMPTED.isFalse())
                .and(RACE.ELAPSED_SECONDS.isNotNull())
                .orderBy(RACE.ELAPSED_SECONDS, RACE.ID)
                .limit(PAR_SAMPLE_SIZE)
                .asTable("fastest");
        Field<BigDecimal> mean = DSL.field(DSL.select(DSL.avg(fastest.field("elapsed", BigDecimal.class)))
                .from(fastest));
        return tx.update(PERMALINK)
                .set(PERMALINK.PAR_TIME, mean.cast(SQLDataType.DOUBLE))
                .set(PERMALINK.PAR_UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(PERMALINK.POOL_ID.in(DSL.select(POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(tournamentId))))
                .execute();
    }

    /**
     * Recomputes the score of every race of the tournament from the current par times.
     *
     * @param now UTC instant stored as {@code score_updated_at}
     * @return the number of races that now have a score (finished, forfeit or disqualified, not reattempted)
     */
    public int updateScores(DSLContext tx, long tournamentId, Instant now) {
        Field<Double> ratio = RACE.ELAPSED_SECONDS.cast(SQLDataType.DOUBLE).div(PERMALINK.PAR_TIME);
        Field<Double> finishedScore = DSL.least(DSL.greatest(DSL.val(2.0).minus(ratio).mul(100.0), DSL.val(0.0)),
                DSL.val(105.0));
        Field<Double> score = DSL
                .when(RACE.REATTEMPTED.isTrue(), DSL.castNull(SQLDataType.DOUBLE))
                .when(RACE.STATUS.eq(RaceStatus.finished), finishedScore)
                .when(RACE.STATUS.in(RaceStatus.forfeit, RaceStatus.disqualified), DSL.val(0.0))
                .else_(DSL.castNull(SQLDataType.DOUBLE));
        tx.update(RACE)
                .set(RACE.SCORE, score)
                .set(RACE.SCORE_UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .from(PERMALINK)
                .where(RACE.PERMALINK_ID.eq(PERMALINK.ID))
                .and(RACE.TOURNAMENT_ID.eq(tournamentId))
                .execute();
        return tx.fetchCount(RACE, RACE.TOURNAMENT_ID.eq(tournamentId).and(RACE.SCORE.isNotNull()));
    }

    /** A tournament's id and name. */
    public record TournamentRef(long id, String name) {
    }
}
