package io.asynctournament.db;

import org.jooq.DSLContext;

import java.util.List;

import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/** Looks tournaments up. */
public final class TournamentRepository {

    /**
     * Tournaments with this exact name, in any guild (a name is unique only within its guild).
     *
     * @return (id, name, guild name) for each, by id
     */
    public List<TournamentSummary> findByName(DSLContext dsl, String name) {
        return dsl.select(TOURNAMENT.ID, TOURNAMENT.NAME, GUILD.NAME, TOURNAMENT.RUNS_PER_POOL, TOURNAMENT.ACTIVE)
                .from(TOURNAMENT).join(GUILD).on(GUILD.ID.eq(TOURNAMENT.GUILD_ID))
                .where(TOURNAMENT.NAME.eq(name))
                .orderBy(TOURNAMENT.ID)
                .fetch(r -> new TournamentSummary(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** runs_per_pool of the tournament with this name in the local (non-Discord) guild with this name, if any. */
    public java.util.Optional<Integer> localRunsPerPool(DSLContext dsl, String guildName, String tournamentName) {
        return dsl.select(TOURNAMENT.RUNS_PER_POOL).from(TOURNAMENT).join(GUILD).on(GUILD.ID.eq(TOURNAMENT.GUILD_ID))
                .where(GUILD.NAME.eq(guildName)).and(GUILD.DISCORD_GUILD_ID.isNull())
                .and(TOURNAMENT.NAME.eq(tournamentName))
                .fetchOptional(TOURNAMENT.RUNS_PER_POOL);
    }

    /**
     * Which of these tournament ids exist, in the given guild (row id) or in any guild when null.
     */
    public java.util.Set<Long> existingIds(DSLContext dsl, java.util.Collection<Long> ids, Long guildId) {
        org.jooq.Condition condition = TOURNAMENT.ID.in(ids);
        if (guildId != null) {
            condition = condition.and(TOURNAMENT.GUILD_ID.eq(guildId));
        }
        return dsl.select(TOURNAMENT.ID).from(TOURNAMENT).where(condition).fetchSet(TOURNAMENT.ID);
    }

    /** A tournament as listings show it. */
    public record TournamentSummary(long id, String name, String guildName, int runsPerPool, boolean active) {
    }
}
