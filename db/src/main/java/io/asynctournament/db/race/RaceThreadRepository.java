package io.asynctournament.db.race;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.asynctournament.db.generated.Tables.RACE;

/**
 * The threads of ended races, for the bot's archiving job (README "Racer guide"): a race's thread is archived a while
 * after the race ended, so that a guild stays under Discord's 1,000 active threads. Reads use the partial index
 * {@code race_thread_to_archive_idx}.
 */
public final class RaceThreadRepository {

    /**
     * Races that ended at or before {@code endedBy} whose thread is not archived yet, oldest end first.
     *
     * @param endedBy the latest end to take (UTC): now minus the archiving delay
     * @param limit   at most this many
     */
    public List<ThreadToArchive> toArchive(DSLContext dsl, Instant endedBy, int limit) {
        return dsl.select(RACE.ID, RACE.THREAD_ID).from(RACE)
                .where(RACE.THREAD_ID.isNotNull()).and(RACE.THREAD_ARCHIVED_AT.isNull())
                .and(RACE.ENDED_AT.isNotNull()).and(RACE.ENDED_AT.le(endedBy.atOffset(ZoneOffset.UTC)))
                .orderBy(RACE.ENDED_AT, RACE.ID).limit(limit)
                .fetch(r -> new ThreadToArchive(r.value1(), r.value2()));
    }

    /**
     * Records that the race's thread was archived (or is gone) at {@code at}.
     *
     * @return false when it was recorded already (another bot process archived it)
     */
    public boolean markArchived(DSLContext dsl, long raceId, Instant at) {
        return dsl.update(RACE).set(RACE.THREAD_ARCHIVED_AT, DSL.val(at.atOffset(ZoneOffset.UTC)))
                .where(RACE.ID.eq(raceId)).and(RACE.THREAD_ARCHIVED_AT.isNull()).execute() == 1;
    }

    /** A race whose thread is due to be archived. */
    public record ThreadToArchive(long raceId, long threadId) {
    }
}
