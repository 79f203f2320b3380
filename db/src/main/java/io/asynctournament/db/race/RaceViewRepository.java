package io.asynctournament.db.race;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.RACE_RESULT;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/** Reads one race as its thread and its racer see it. */
public final class RaceViewRepository {

    /** The race with this id, if any. */
    public Optional<RaceView> find(DSLContext dsl, long raceId) {
        return dsl.select(RACE.ID, RACE.TOURNAMENT_ID, TOURNAMENT.NAME, TOURNAMENT.ACTIVE, TOURNAMENT.HIDE_RESULTS,
                        POOL.NAME, PERMALINK.URL, PERMALINK.NOTES, RACER.DISCORD_USER_ID, RACER.NAME, RACE.STATUS,
                        RACE.THREAD_ID, RACE.TIMEOUT_AT, RACE.STARTED_AT, RACE.FINISHED_AT, RACE.ELAPSED_SECONDS,
                        RACE_RESULT.SCORE, RACE.VOD_URL, RACE.RACER_NOTES, RACE.REVIEW_REQUESTED_AT)
                .from(RACE)
                .join(TOURNAMENT).on(TOURNAMENT.ID.eq(RACE.TOURNAMENT_ID))
                .join(PERMALINK).on(PERMALINK.ID.eq(RACE.PERMALINK_ID))
                .join(POOL).on(POOL.ID.eq(PERMALINK.POOL_ID))
                .join(RACER).on(RACER.ID.eq(RACE.RACER_ID))
                .leftJoin(RACE_RESULT).on(RACE_RESULT.RACE_ID.eq(RACE.ID))
                .where(RACE.ID.eq(raceId))
                .fetchOptional(RaceViewRepository::view);
    }

    private static RaceView view(Record r) {
        return new RaceView(r.get(RACE.ID), r.get(RACE.TOURNAMENT_ID), r.get(TOURNAMENT.NAME),
                r.get(TOURNAMENT.ACTIVE), r.get(TOURNAMENT.HIDE_RESULTS), r.get(POOL.NAME), r.get(PERMALINK.URL),
                r.get(PERMALINK.NOTES), r.get(RACER.DISCORD_USER_ID), r.get(RACER.NAME), r.get(RACE.STATUS),
                r.get(RACE.THREAD_ID), instant(r.get(RACE.TIMEOUT_AT)), instant(r.get(RACE.STARTED_AT)),
                instant(r.get(RACE.FINISHED_AT)), r.get(RACE.ELAPSED_SECONDS), r.get(RACE_RESULT.SCORE),
                r.get(RACE.VOD_URL), r.get(RACE.RACER_NOTES), instant(r.get(RACE.REVIEW_REQUESTED_AT)));
    }

    private static java.time.Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
