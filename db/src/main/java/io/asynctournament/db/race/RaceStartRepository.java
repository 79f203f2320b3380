package io.asynctournament.db.race;

import io.asynctournament.db.generated.enums.RaceStatus;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;

/**
 * The SQL of starting a race from Discord: the racer, their open race, the pools with runs left, the permalink they
 * are dealt, and the race with its thread. Writes run in the caller's transaction.
 */
public final class RaceStartRepository {

    /** The racer with this Discord user id, created or renamed to {@code name}; returns its id. */
    public long upsertRacer(DSLContext tx, long discordUserId, String name) {
        return tx.insertInto(RACER, RACER.DISCORD_USER_ID, RACER.NAME).values(discordUserId, name)
                .onConflict(RACER.DISCORD_USER_ID).doUpdate().set(RACER.NAME, name)
                .returning(RACER.ID).fetchSingle().getId();
    }

    /** The racer with this Discord user id, if they ever raced or were imported with it. */
    public Optional<Long> racerId(DSLContext dsl, long discordUserId) {
        return dsl.select(RACER.ID).from(RACER).where(RACER.DISCORD_USER_ID.eq(discordUserId)).fetchOptional(RACER.ID);
    }

    /** A permalink's url and notes. */
    public Permalink permalink(DSLContext dsl, long permalinkId) {
        return dsl.select(PERMALINK.URL, PERMALINK.NOTES).from(PERMALINK).where(PERMALINK.ID.eq(permalinkId))
                .fetchSingle(r -> new Permalink(r.value1(), r.value2()));
    }

    /** Locks the racer's row: one start of theirs at a time, in any process. */
    public void lockRacer(DSLContext tx, long racerId) {
        tx.select(RACER.ID).from(RACER).where(RACER.ID.eq(racerId)).forNoKeyUpdate().fetch();
    }

    /** Locks the pool's row: one permalink deal in this pool at a time, so play counts stay level. */
    public void lockPool(DSLContext tx, long poolId) {
        tx.select(POOL.ID).from(POOL).where(POOL.ID.eq(poolId)).forNoKeyUpdate().fetch();
    }

    /** The racer's pending or in-progress race in the tournament, if any. */
    public Optional<OpenRace> openRace(DSLContext dsl, long tournamentId, long racerId) {
        return dsl.select(RACE.ID, RACE.THREAD_ID, RACE.STATUS).from(RACE)
                .where(RACE.RACER_ID.eq(racerId)).and(RACE.TOURNAMENT_ID.eq(tournamentId))
                .and(RACE.STATUS.in(DSL.inline(RaceStatus.pending), DSL.inline(RaceStatus.in_progress)))
                .orderBy(RACE.ID).limit(1)
                .fetchOptional(r -> new OpenRace(r.value1(), r.value2(), r.value3()));
    }

    /**
     * The tournament's pools in which the racer has runs left: fewer than {@code runsPerPool} runs that are not
     * reattempted, and a permalink they were never dealt (reattempted runs included).
     */
    public List<PoolChoice> poolsWithRunsLeft(DSLContext dsl, long tournamentId, long racerId, int runsPerPool) {
        return dsl.resultQuery("""
                select p.id, p.name, {2} - count(r.id) filter (where not r.reattempted) as runs_left
                  from pool p
                  left join permalink l on l.pool_id = p.id
                  left join race r on r.permalink_id = l.id and r.racer_id = {1}
                 where p.tournament_id = {0}
                 group by p.id, p.name, p.position
                having count(r.id) filter (where not r.reattempted) < {2}
                   and count(distinct l.id) > count(distinct r.permalink_id)
                 order by p.position, p.id
                """, DSL.val(tournamentId), DSL.val(racerId), DSL.val(runsPerPool))
                .fetch(r -> new PoolChoice(r.get(0, Long.class), r.get(1, String.class), r.get(2, Integer.class)));
    }

    /**
     * The permalink to deal the racer in the pool: the least played (races of any status) among those they were
     * never dealt, ties broken at random; empty when they were dealt every one.
     */
    public Optional<Long> pickPermalink(DSLContext tx, long poolId, long racerId) {
        return tx.resultQuery("""
                select l.id
                  from permalink l
                 where l.pool_id = {0}
                   and not exists (select 1 from race r where r.permalink_id = l.id and r.racer_id = {1})
                 order by (select count(*) from race r where r.permalink_id = l.id), random()
                 limit 1
                """, DSL.val(poolId), DSL.val(racerId)).fetchOptional(0, Long.class);
    }

    /** Creates the pending race, its deadline set at once. @return its id */
    public long insertRace(DSLContext tx, long tournamentId, long permalinkId, long racerId, Instant openedAt,
                           Instant timeoutAt) {
        return tx.insertInto(RACE, RACE.TOURNAMENT_ID, RACE.PERMALINK_ID, RACE.RACER_ID, RACE.STATUS,
                        RACE.THREAD_OPENED_AT, RACE.TIMEOUT_AT)
                .values(tournamentId, permalinkId, racerId, RaceStatus.pending, openedAt.atOffset(ZoneOffset.UTC),
                        timeoutAt.atOffset(ZoneOffset.UTC))
                .returning(RACE.ID).fetchSingle().getId();
    }

    /** Records the race's thread. @return false when the race is gone, has a thread, or no longer is pending */
    public boolean attachThread(DSLContext tx, long raceId, long threadId) {
        return tx.update(RACE).set(RACE.THREAD_ID, threadId)
                .where(RACE.ID.eq(raceId)).and(RACE.THREAD_ID.isNull()).and(RACE.STATUS.eq(RaceStatus.pending))
                .execute() == 1;
    }

    /** Deletes a pending race that never got a thread. @return false when it has one, or is gone */
    public boolean deleteWithoutThread(DSLContext tx, long raceId) {
        return tx.deleteFrom(RACE).where(RACE.ID.eq(raceId)).and(RACE.THREAD_ID.isNull())
                .and(RACE.STATUS.eq(RaceStatus.pending)).execute() == 1;
    }

    /** How many races each permalink of the pool has, by permalink id (for tests and admins). */
    public java.util.Map<Long, Integer> playCounts(DSLContext dsl, long poolId) {
        return dsl.select(PERMALINK.ID, DSL.count(RACE.ID)).from(PERMALINK)
                .leftJoin(RACE).on(RACE.PERMALINK_ID.eq(PERMALINK.ID))
                .where(PERMALINK.POOL_ID.eq(poolId)).groupBy(PERMALINK.ID)
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    /** A racer's open race: its id, its thread (null before the thread exists) and its status. */
    public record OpenRace(long raceId, Long threadId, RaceStatus status) {
    }

    /** A permalink as its race thread shows it: the seed's url and the admins' notes (or null). */
    public record Permalink(String url, String notes) {
    }

    /** A pool a racer may start in, with the runs they have left in it. */
    public record PoolChoice(long poolId, String name, int runsLeft) {
    }
}
