package io.asynctournament.db.race;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.OffsetDateTime;
import java.util.List;

import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.RACE_RESULT;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/** A Discord user's runs in the tournaments of one Discord guild, with their scores as they are now. */
public final class RacerRunRepository {

    /**
     * The user's runs in the guild's tournaments (in one of them when {@code tournamentId} is not null), by
     * tournament name, then oldest first.
     */
    public List<RacerRun> runs(DSLContext dsl, long discordGuildId, long discordUserId, Long tournamentId) {
        Condition where = GUILD.DISCORD_GUILD_ID.eq(discordGuildId).and(RACER.DISCORD_USER_ID.eq(discordUserId));
        if (tournamentId != null) {
            where = where.and(TOURNAMENT.ID.eq(tournamentId));
        }
        return dsl.select(RACE.ID, TOURNAMENT.ID, TOURNAMENT.NAME, TOURNAMENT.ACTIVE, TOURNAMENT.HIDE_RESULTS,
                        POOL.NAME, PERMALINK.URL, RACE.ATTEMPT, RACE.STATUS, RACE.ELAPSED_SECONDS, RACE_RESULT.SCORE,
                        RACE.VOD_URL, RACE.REATTEMPTED, RACE.REVIEW_STATUS, RACE.THREAD_ID, RACE.CREATED_AT)
                .from(RACE)
                .join(RACER).on(RACER.ID.eq(RACE.RACER_ID))
                .join(TOURNAMENT).on(TOURNAMENT.ID.eq(RACE.TOURNAMENT_ID))
                .join(GUILD).on(GUILD.ID.eq(TOURNAMENT.GUILD_ID))
                .join(PERMALINK).on(PERMALINK.ID.eq(RACE.PERMALINK_ID))
                .join(POOL).on(POOL.ID.eq(PERMALINK.POOL_ID))
                .leftJoin(RACE_RESULT).on(RACE_RESULT.RACE_ID.eq(RACE.ID))
                .where(where)
                .orderBy(TOURNAMENT.NAME, RACE.CREATED_AT, RACE.ID)
                .fetch(RacerRunRepository::run);
    }

    private static RacerRun run(Record r) {
        OffsetDateTime created = r.get(RACE.CREATED_AT);
        return new RacerRun(r.get(RACE.ID), r.get(TOURNAMENT.ID), r.get(TOURNAMENT.NAME), r.get(TOURNAMENT.ACTIVE),
                r.get(TOURNAMENT.HIDE_RESULTS), r.get(POOL.NAME), r.get(PERMALINK.URL), r.get(RACE.ATTEMPT),
                r.get(RACE.STATUS), r.get(RACE.ELAPSED_SECONDS), r.get(RACE_RESULT.SCORE), r.get(RACE.VOD_URL),
                r.get(RACE.REATTEMPTED), r.get(RACE.REVIEW_STATUS), r.get(RACE.THREAD_ID),
                created == null ? null : created.toInstant());
    }
}
