package io.asynctournament.db.scoring;

import io.asynctournament.db.TournamentScope;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.SCORE_QUEUE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * Par times and scores, as the established async bots define them (README "Scoring"):
 * <ul>
 *   <li>a run is <em>eligible</em> when it is finished, not reattempted and not rejected by review
 *   ({@code race_par_eligible} in V004);</li>
 *   <li>par time of a permalink = mean elapsed seconds of its 5 fastest eligible runs (all of them if fewer; null if
 *   none);</li>
 *   <li>an eligible run scores {@code clamp((2 - elapsed / par) * 100, 0, 105)}, stored in {@code race_score};
 *   forfeit, disqualified and rejected runs score 0 and reattempted, pending and in-progress runs have no score:
 *   those follow from the race row alone ({@code race_result} view) and are never stored.</li>
 * </ul>
 * Recalculation is incremental: triggers on {@code race} queue a permalink ({@code score_queue}) when a run joins or
 * leaves its eligible runs or an eligible run's elapsed time changes. A recalculation claims queued permalinks (row
 * locks on {@code permalink}, {@code FOR NO KEY UPDATE}: inserting a race, whose foreign key takes a key-share lock,
 * does not wait for them; two recalculations never compute the same permalink at once), recomputes them with one
 * statement over all claimed permalinks, writes only par times and scores that changed, and then removes from the
 * queue only the versions it read. A recalculation that wrote scores records a leaderboard change of its tournaments
 * (a change row for those with a live message, no lock on the tournament; README "Leaderboards"). Writes run in the
 * caller's transaction.
 */
public final class ScoringRepository {
    /** How many of the fastest runs make the par time. */
    public static final int PAR_SAMPLE_SIZE = 5;

    /**
     * Recomputes the claimed permalinks in one statement: their par times (the 5 fastest eligible runs), then the
     * par-based score of each eligible run, writing only what changed: par times that differ, scores that differ,
     * and scores of eligible runs that have none (a plain insert, not an upsert: only a recalculation holding the
     * permalink's lock writes its scores, and a plain insert costs half an ON CONFLICT one). Runs that stopped being
     * eligible lost their score in the trigger that queued the permalink. Eligible runs are read from the partial
     * index {@code race_par_idx} alone, and {@code runs} reads the stored scores before anything is written.
     * Returns (par times changed, scores written).
     */
    private static final String RECOMPUTE = """
            with par as (
                select c.id,
                       (select avg(f.elapsed_seconds)
                          from (select r.elapsed_seconds
                                  from race r
                                 where r.permalink_id = c.id
                                   and race_par_eligible(r.status, r.reattempted, r.review_status)
                                 order by r.elapsed_seconds, r.id
                                 limit %d) f)::double precision as par
                  from unnest({1}) as c(id)
            ), par_changed as (
                update permalink p set par_time = par.par, par_updated_at = {0}
                  from par
                 where p.id = par.id and p.par_time is distinct from par.par
                returning 1
            ), runs as (
                select r.id,
                       least(greatest((2 - r.elapsed_seconds::double precision / par.par) * 100, 0), 105) as score,
                       s.race_id is not null as stored,
                       s.score as stored_score
                  from par
                  join race r on r.permalink_id = par.id
                             and race_par_eligible(r.status, r.reattempted, r.review_status)
                  left join race_score s on s.race_id = r.id
            ), changed as (
                update race_score s set score = runs.score, scored_at = {0}
                  from runs
                 where s.race_id = runs.id and runs.stored and runs.stored_score is distinct from runs.score
                returning 1
            ), added as (
                insert into race_score (race_id, score, scored_at)
                select runs.id, runs.score, {0} from runs where not runs.stored
                returning 1
            )
            select (select count(*) from par_changed)::int,
                   ((select count(*) from changed) + (select count(*) from added))::int
            """.formatted(PAR_SAMPLE_SIZE);

    /**
     * Removes the claimed queue versions. A queue row a writer has locked is skipped, not waited for: that writer is
     * queueing the permalink again (a new version) anyway, and waiting while holding the permalinks could deadlock
     * with it.
     */
    private static final String RELEASE = """
            delete from score_queue
             where permalink_id in (select q.permalink_id
                                      from score_queue q
                                      join unnest({0}, {1}) as c(id, version)
                                        on q.permalink_id = c.id and q.version = c.version
                                       for update of q skip locked)
            """;

    /**
     * Records a leaderboard change of the claimed permalinks' tournaments ({@code leaderboard_changed} in V009: a
     * change row for each with a live message, once per tournament and transaction, without locking the tournament,
     * with a notification to the bot's live leaderboards), after scores were written.
     */
    private static final String LEADERBOARDS_CHANGED = """
            select leaderboard_changed(array(select distinct o.tournament_id
                                               from permalink p join pool o on o.id = p.pool_id
                                              where p.id = any({0})))
            """;

    /**
     * Tournaments of the scope that have permalinks waiting in the score queue, as (id, name, queued permalinks), by
     * id.
     */
    public List<TournamentRef> tournamentsWithQueuedPermalinks(DSLContext dsl, TournamentScope scope) {
        return dsl.select(TOURNAMENT.ID, TOURNAMENT.NAME, DSL.count())
                .from(SCORE_QUEUE)
                .join(PERMALINK).on(PERMALINK.ID.eq(SCORE_QUEUE.PERMALINK_ID))
                .join(POOL).on(POOL.ID.eq(PERMALINK.POOL_ID))
                .join(TOURNAMENT).on(TOURNAMENT.ID.eq(POOL.TOURNAMENT_ID))
                .where(scope.condition())
                .groupBy(TOURNAMENT.ID, TOURNAMENT.NAME)
                .orderBy(TOURNAMENT.ID).fetch(r -> new TournamentRef(r.value1(), r.value2(), r.value3()));
    }

    /**
     * Queues every permalink of the scope's tournaments, so that the next recalculation recomputes all of them (a
     * full recalculation, from scratch when no par time or score is stored yet).
     *
     * @return how many permalinks were queued
     */
    public int queueAll(DSLContext tx, TournamentScope scope) {
        return tx.fetchSingle("""
                with ids as (select array(select p.id from permalink p join pool o on o.id = p.pool_id
                                            join tournament on tournament.id = o.tournament_id
                                           where {0}) as ids)
                select score_queue_add(ids), cardinality(ids) from ids
                """, scope.condition()).get(1, Integer.class);
    }

    /**
     * Claims the queued permalinks of the tournaments that no other recalculation holds: locks their permalink rows
     * ({@code FOR NO KEY UPDATE SKIP LOCKED}) until the transaction ends and reads their queue versions.
     */
    public ClaimedPermalinks claimQueued(DSLContext tx, Collection<Long> tournamentIds) {
        var rows = tx.fetch("""
                select q.permalink_id, q.version
                  from score_queue q
                  join permalink p on p.id = q.permalink_id
                  join pool o on o.id = p.pool_id
                 where o.tournament_id = any({0})
                 order by q.permalink_id
                   for no key update of p skip locked
                """, DSL.val(tournamentIds.toArray(Long[]::new)));
        return new ClaimedPermalinks(rows.getValues(0, Long.class).toArray(Long[]::new),
                rows.getValues(1, Long.class).toArray(Long[]::new));
    }

    /**
     * Claims one permalink for recomputing it at once (say right after a race finished): waits for a recalculation
     * that holds it. Take it before changing the permalink's races in the same transaction (permalink, then race:
     * the order the scheduled recalculation locks in), and read the queue with {@link #claimLocked} after the change.
     */
    public void lockPermalink(DSLContext tx, long permalinkId) {
        tx.select(PERMALINK.ID).from(PERMALINK).where(PERMALINK.ID.eq(permalinkId)).forNoKeyUpdate().fetch();
    }

    /**
     * A claim on a permalink this transaction has locked ({@link #lockPermalink}), with its queue version now (0
     * when it is not queued: it is recomputed anyway, and nothing is removed from the queue).
     */
    public ClaimedPermalinks claimLocked(DSLContext tx, long permalinkId) {
        Long version = tx.select(SCORE_QUEUE.VERSION).from(SCORE_QUEUE).where(SCORE_QUEUE.PERMALINK_ID.eq(permalinkId))
                .fetchOne(SCORE_QUEUE.VERSION);
        return new ClaimedPermalinks(new Long[]{permalinkId}, new Long[]{version == null ? 0L : version});
    }

    /**
     * Recomputes the claimed permalinks: par times, then par-based scores, then removes the claimed queue versions.
     *
     * @param now UTC instant stored as {@code par_updated_at} and {@code scored_at} where a value changed
     */
    public Recalculation recompute(DSLContext tx, ClaimedPermalinks claim, Instant now) {
        if (claim.isEmpty()) {
            return new Recalculation(0, 0, 0);
        }
        Field<OffsetDateTime> at = DSL.val(now.atOffset(ZoneOffset.UTC));
        Field<Long[]> ids = DSL.val(claim.permalinkIds());
        // Index scans only, whatever the statistics say (a race_score analyzed empty must not be scanned once per
        // run), and a plan for these very permalinks: a generic plan, cached after many one-permalink
        // recalculations (finishes), took 80 s instead of 1 s for a whole tournament.
        var previous = tx.fetchSingle("select current_setting('enable_seqscan'), current_setting('plan_cache_mode'), "
                + "set_config('enable_seqscan', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)");
        var counts = tx.fetchSingle(RECOMPUTE, at, ids);
        tx.fetch("select set_config('enable_seqscan', {0}, true), set_config('plan_cache_mode', {1}, true)",
                DSL.val(previous.get(0, String.class)), DSL.val(previous.get(1, String.class)));
        tx.execute(RELEASE, ids, DSL.val(claim.versions()));
        int parTimes = counts.get(0, Integer.class);
        int scores = counts.get(1, Integer.class);
        if (scores > 0) {
            tx.execute(LEADERBOARDS_CHANGED, ids);
        }
        return new Recalculation(claim.permalinkIds().length, parTimes, scores);
    }

    /** How many permalinks wait in the score queue. */
    public int queuedPermalinks(DSLContext dsl) {
        return dsl.fetchCount(SCORE_QUEUE);
    }

    /**
     * A tournament with queued permalinks.
     *
     * @param queued how many of its permalinks were queued when it was listed
     */
    public record TournamentRef(long id, String name, int queued) {
    }

    /**
     * Permalinks locked by this transaction for recomputing.
     *
     * @param permalinkIds the permalinks
     * @param versions     the queue version read for each (same order), 0 when it was not queued
     */
    public record ClaimedPermalinks(Long[] permalinkIds, Long[] versions) {
        public boolean isEmpty() {
            return permalinkIds.length == 0;
        }
    }

    /**
     * What a recalculation changed.
     *
     * @param permalinks    permalinks recomputed
     * @param parTimes      par times that changed
     * @param scoresWritten par-based scores inserted or changed (the triggers remove those of runs no longer eligible)
     */
    public record Recalculation(int permalinks, int parTimes, int scoresWritten) {
        public Recalculation plus(Recalculation other) {
            return new Recalculation(permalinks + other.permalinks, parTimes + other.parTimes,
                    scoresWritten + other.scoresWritten);
        }
    }
}
