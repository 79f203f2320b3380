package io.asynctournament.bench;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Seeds synthetic, deterministic history with set-based SQL: tournaments of 4 pools x 50 permalinks, every permalink
 * with the same number of runs by distinct racers; 85% finished (elapsed 3,000 to 5,000 s), 12% forfeit, 3%
 * disqualified, 3% reattempted, 1% rejected by review. All tournaments are active, so every race is in the score
 * calculation's scope. Times are relative to {@code base}, the benchmark's fixed "now".
 */
final class Seeder {
    static final int POOLS_PER_TOURNAMENT = 4;
    static final int PERMALINKS_PER_POOL = 50;
    /** Prime, so that {@code (permalink * 131 + k * 7919) % RACERS} gives distinct racers for one permalink. */
    static final int RACERS = 10_007;

    private final DSLContext dsl;
    private final OffsetDateTime base;
    private long guildId;
    private long firstRacerId;

    Seeder(DSLContext dsl, Instant base) {
        this.dsl = dsl;
        this.base = base.atOffset(ZoneOffset.UTC);
    }

    /** Seeds {@code races} races over {@code permalinks} permalinks (a multiple of 200); returns the tournament ids. */
    List<Long> seedHistory(int races, int permalinks) {
        int perTournament = POOLS_PER_TOURNAMENT * PERMALINKS_PER_POOL;
        if (permalinks % perTournament != 0 || races % permalinks != 0 || races / permalinks > RACERS) {
            throw new IllegalArgumentException("permalinks must be a multiple of " + perTournament
                    + " and races a multiple of permalinks, with at most " + RACERS + " races a permalink");
        }
        guildId = dsl.fetchSingle("insert into guild (name) values ('bench') returning id").get(0, Long.class);
        dsl.execute("insert into racer (name) select 'bench racer ' || g from generate_series(1, {0}) g",
                DSL.val(RACERS));
        firstRacerId = dsl.fetchSingle("select min(id) from racer where name like 'bench racer %'")
                .get(0, Long.class);
        List<Long> tournaments = dsl.fetch("""
                insert into tournament (guild_id, name, runs_per_pool)
                select {0}, 'history ' || t, 1 from generate_series(1, {1}) t returning id
                """, DSL.val(guildId), DSL.val(permalinks / perTournament)).getValues(0, Long.class);
        dsl.execute("""
                insert into pool (tournament_id, name, position)
                select t.id, 'pool ' || p, p from tournament t, generate_series(1, {0}) p where t.guild_id = {1}
                """, DSL.val(POOLS_PER_TOURNAMENT), DSL.val(guildId));
        dsl.execute("""
                insert into permalink (pool_id, url)
                select o.id, 'https://seed.example/' || o.id || '/' || k
                  from pool o join tournament t on t.id = o.tournament_id, generate_series(1, {0}) k
                 where t.guild_id = {1}
                """, DSL.val(PERMALINKS_PER_POOL), DSL.val(guildId));
        dsl.execute("select setseed(0.42)");
        for (Long tournament : tournaments) { // one statement per tournament keeps each transaction moderate
            dsl.execute("""
                    insert into race (tournament_id, permalink_id, racer_id, attempt, status, thread_id,
                                      thread_opened_at, started_at, finished_at, elapsed_seconds, reattempted,
                                      review_status, created_at)
                    select o.tournament_id, pm.id, {0} + ((pm.id * 131 + k * 7919) % {1}), 1,
                           case when x.h < 0.85 then 'finished'::race_status
                                when x.h < 0.97 then 'forfeit'::race_status
                                else 'disqualified'::race_status end,
                           pm.id * 1000 + k,
                           {2} - make_interval(days => 30 + (pm.id % 300)::int),
                           {2} - make_interval(days => 30 + (pm.id % 300)::int) + interval '5 minutes',
                           case when x.h < 0.85 then {2} - make_interval(days => 30 + (pm.id % 300)::int)
                                + interval '5 minutes' + make_interval(secs => x.e) end,
                           case when x.h < 0.85 then round(x.e::numeric, 3) end,
                           x.r < 0.03,
                           case when x.v < 0.01 then 'rejected'::review_status else 'accepted'::review_status end,
                           {2} - make_interval(days => 30 + (pm.id % 300)::int)
                      from permalink pm
                      join pool o on o.id = pm.pool_id,
                           generate_series(1, {3}) k,
                           lateral (select random() as h, random() as r, random() as v,
                                           3000 + 2000 * random() as e, k as kk) x
                     where o.tournament_id = {4}
                    """, DSL.val(firstRacerId), DSL.val(RACERS), DSL.val(base), DSL.val(races / permalinks),
                    DSL.val(tournament));
        }
        return tournaments;
    }

    /**
     * A new active tournament with one pool of {@code permalinks} permalinks, for due races; returns its permalink
     * ids.
     */
    List<Long> liveTournament(String name, int permalinks) {
        long tournament = dsl.fetchSingle("""
                insert into tournament (guild_id, name) values ({0}, {1}) returning id
                """, DSL.val(guildId), DSL.val(name)).get(0, Long.class);
        long pool = dsl.fetchSingle("insert into pool (tournament_id, name, position) values ({0}, 'live', 1) "
                + "returning id", DSL.val(tournament)).get(0, Long.class);
        return dsl.fetch("""
                insert into permalink (pool_id, url) select {0}, 'https://live.example/' || {0} || '/' || k
                  from generate_series(1, {1}) k returning id
                """, DSL.val(pool), DSL.val(permalinks)).getValues(0, Long.class);
    }

    /**
     * Inserts {@code count} races spread over the permalinks (distinct racers per permalink), in one statement.
     * Races are numbered from {@code first}: calls on the same permalinks must not overlap in numbers.
     *
     * @param status         pending or in_progress
     * @param threadOpenedAt when their threads opened
     * @param timeoutAt      their deadline (pending), or null
     * @param startedAt      when they started (in progress), or null
     */
    void races(List<Long> permalinkIds, long first, int count, String status, Instant threadOpenedAt, Instant timeoutAt,
               Instant startedAt) {
        dsl.execute("""
                insert into race (tournament_id, permalink_id, racer_id, attempt, status, thread_id, thread_opened_at,
                                  timeout_at, started_at)
                select o.tournament_id, p.id, {0} + ((g / {2}) % {3}), 1 + g / ({2} * {3}), {4}::race_status,
                       5000000000 + g, {5}, {6}, {7}
                  from generate_series({9}::bigint, {9}::bigint + {1} - 1) g
                  join permalink p on p.id = ({8}::bigint[])[1 + g % {2}]
                  join pool o on o.id = p.pool_id
                """, DSL.val(firstRacerId), DSL.val(count), DSL.val(permalinkIds.size()), DSL.val(RACERS),
                DSL.val(status), at(threadOpenedAt), at(timeoutAt), at(startedAt),
                DSL.val(permalinkIds.toArray(Long[]::new)), DSL.val(first));
    }

    private static org.jooq.Field<OffsetDateTime> at(Instant instant) {
        return DSL.val(instant == null ? null : instant.atOffset(ZoneOffset.UTC), OffsetDateTime.class);
    }
}
