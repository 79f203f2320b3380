package io.asynctournament.bench;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Hand-written SQL that computes every par time and par-based score from scratch into empty tables: the reference
 * the bot's recalculation is held to (within 1.5x). Two statements in one transaction; the par time comes from a
 * window function over all eligible runs ({@link #WINDOW}) or from the five fastest per permalink through the
 * partial index ({@link #LATERAL}), whichever is faster here: both are measured and the faster one is the reference.
 */
final class ReferenceScoring {
    static final String WINDOW = "window";
    static final String LATERAL = "lateral";

    private ReferenceScoring() {
    }

    /** Computes everything; {@code parVariant} is {@link #WINDOW} or {@link #LATERAL}. */
    static void run(DSLContext dsl, String parVariant, Instant now) {
        var at = DSL.val(now.atOffset(ZoneOffset.UTC));
        dsl.transaction(tx -> {
            if (WINDOW.equals(parVariant)) {
                tx.dsl().execute("""
                        update permalink p set par_time = f.par, par_updated_at = {0}
                          from (select permalink_id, avg(elapsed_seconds)::double precision as par
                                  from (select permalink_id, elapsed_seconds,
                                               row_number() over (partition by permalink_id
                                                                  order by elapsed_seconds, id) as n
                                          from race
                                         where status = 'finished' and not reattempted
                                           and review_status <> 'rejected') ranked
                                 where n <= 5
                                 group by permalink_id) f
                         where p.id = f.permalink_id
                        """, at);
            } else {
                tx.dsl().execute("""
                        update permalink p set par_updated_at = {0},
                               par_time = (select avg(f.elapsed_seconds)::double precision
                                             from (select r.elapsed_seconds from race r
                                                    where r.permalink_id = p.id and r.status = 'finished'
                                                      and not r.reattempted and r.review_status <> 'rejected'
                                                    order by r.elapsed_seconds, r.id limit 5) f)
                        """, at);
            }
            tx.dsl().execute("""
                    insert into race_score (race_id, score, scored_at)
                    select r.id, least(greatest((2 - r.elapsed_seconds::double precision / p.par_time) * 100, 0), 105),
                           {0}
                      from race r join permalink p on p.id = r.permalink_id
                     where r.status = 'finished' and not r.reattempted and r.review_status <> 'rejected'
                    """, at);
        });
    }
}
