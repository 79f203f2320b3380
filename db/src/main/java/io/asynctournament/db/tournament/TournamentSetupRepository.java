package io.asynctournament.db.tournament;

import io.asynctournament.db.generated.enums.TournamentAdminLevel;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static io.asynctournament.db.generated.Tables.TOURNAMENT_ADMIN;

/**
 * Tournaments of Discord guilds as their admins set them up: the tournament, its pools and permalinks, its settings,
 * its start message and who may run it. Writes run in the caller's transaction; conditional updates return whether
 * they changed a row.
 */
public final class TournamentSetupRepository {

    /**
     * Creates an active tournament.
     *
     * @return its id, or empty when the guild already has a tournament with this name
     */
    public Optional<Long> insert(DSLContext tx, long guildId, String name, long channelId, int runsPerPool,
                                 int maxReattempts, boolean hideResults, Integer minAccountAgeDays, Long racerRoleId) {
        return tx.insertInto(TOURNAMENT, TOURNAMENT.GUILD_ID, TOURNAMENT.NAME, TOURNAMENT.CHANNEL_ID,
                        TOURNAMENT.RUNS_PER_POOL, TOURNAMENT.MAX_REATTEMPTS, TOURNAMENT.HIDE_RESULTS,
                        TOURNAMENT.MIN_ACCOUNT_AGE_DAYS, TOURNAMENT.RACER_ROLE_ID)
                .values(guildId, name, channelId, runsPerPool, maxReattempts, hideResults, minAccountAgeDays,
                        racerRoleId)
                .onConflictDoNothing()
                .returning(TOURNAMENT.ID)
                .fetchOptional(TOURNAMENT.ID);
    }

    /** The tournament with this id, if any. */
    public Optional<TournamentRow> find(DSLContext dsl, long tournamentId) {
        return select(dsl).where(TOURNAMENT.ID.eq(tournamentId)).fetchOptional(TournamentSetupRepository::row);
    }

    /** The tournament with this id, locked against concurrent setup changes and starts, if any. */
    public Optional<TournamentRow> lock(DSLContext tx, long tournamentId) {
        return select(tx).where(TOURNAMENT.ID.eq(tournamentId)).forNoKeyUpdate().of(TOURNAMENT)
                .fetchOptional(TournamentSetupRepository::row);
    }

    /** The tournament of a Discord guild with this name (exact), if any. */
    public Optional<TournamentRow> findByName(DSLContext dsl, long discordGuildId, String name) {
        return select(dsl).where(GUILD.DISCORD_GUILD_ID.eq(discordGuildId)).and(TOURNAMENT.NAME.eq(name))
                .fetchOptional(TournamentSetupRepository::row);
    }

    /** The tournaments of a Discord guild, by name. */
    public List<TournamentRow> ofGuild(DSLContext dsl, long discordGuildId) {
        return select(dsl).where(GUILD.DISCORD_GUILD_ID.eq(discordGuildId)).orderBy(TOURNAMENT.NAME)
                .fetch(TournamentSetupRepository::row);
    }

    /** Opens or closes it. @return false when it already was */
    public boolean setActive(DSLContext tx, long tournamentId, boolean active) {
        return tx.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, active)
                .where(TOURNAMENT.ID.eq(tournamentId)).and(TOURNAMENT.ACTIVE.ne(active)).execute() == 1;
    }

    /** Sets its own timeout overrides (null: the task's). */
    public void setTimeouts(DSLContext tx, long tournamentId, Integer warningMinutes, Integer timeoutMinutes,
                            Integer maxHours) {
        tx.update(TOURNAMENT).set(TOURNAMENT.WARNING_MINUTES, warningMinutes)
                .set(TOURNAMENT.TIMEOUT_MINUTES, timeoutMinutes).set(TOURNAMENT.MAX_HOURS, maxHours)
                .where(TOURNAMENT.ID.eq(tournamentId)).execute();
    }

    /** Records the posted start message; returns the one it replaces, if any. */
    public Optional<Long> setStartMessage(DSLContext tx, long tournamentId, long channelId, long messageId) {
        Long previous = tx.select(TOURNAMENT.START_MESSAGE_ID).from(TOURNAMENT).where(TOURNAMENT.ID.eq(tournamentId))
                .forNoKeyUpdate().fetchOne(TOURNAMENT.START_MESSAGE_ID);
        tx.update(TOURNAMENT).set(TOURNAMENT.CHANNEL_ID, channelId).set(TOURNAMENT.START_MESSAGE_ID, messageId)
                .where(TOURNAMENT.ID.eq(tournamentId)).execute();
        return Optional.ofNullable(previous).filter(id -> id != messageId);
    }

    /** Adds a pool at the end. @return its id, or empty when the tournament has a pool with this name */
    public Optional<Long> insertPool(DSLContext tx, long tournamentId, String name) {
        return tx.insertInto(POOL, POOL.TOURNAMENT_ID, POOL.NAME, POOL.POSITION)
                .select(DSL.select(DSL.val(tournamentId), DSL.val(name),
                                DSL.coalesce(DSL.max(POOL.POSITION), DSL.val(0)).plus(1))
                        .from(POOL).where(POOL.TOURNAMENT_ID.eq(tournamentId)))
                .onConflictDoNothing()
                .returning(POOL.ID)
                .fetchOptional(POOL.ID);
    }

    /** The tournament's pool with this name, if any. */
    public Optional<Long> poolId(DSLContext dsl, long tournamentId, String name) {
        return dsl.select(POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(tournamentId)).and(POOL.NAME.eq(name))
                .fetchOptional(POOL.ID);
    }

    /** The tournament's pools in order, with the number of permalinks each has. */
    public List<PoolSummary> pools(DSLContext dsl, long tournamentId) {
        return dsl.select(POOL.ID, POOL.NAME, DSL.count(PERMALINK.ID))
                .from(POOL).leftJoin(PERMALINK).on(PERMALINK.POOL_ID.eq(POOL.ID))
                .where(POOL.TOURNAMENT_ID.eq(tournamentId))
                .groupBy(POOL.ID, POOL.NAME, POOL.POSITION).orderBy(POOL.POSITION, POOL.ID)
                .fetch(r -> new PoolSummary(r.value1(), r.value2(), r.value3()));
    }

    /** Adds a permalink to a pool. @return its id, or empty when the pool already has this url */
    public Optional<Long> insertPermalink(DSLContext tx, long poolId, String url, String notes) {
        return tx.insertInto(PERMALINK, PERMALINK.POOL_ID, PERMALINK.URL, PERMALINK.NOTES)
                .values(poolId, url, notes)
                .onConflictDoNothing()
                .returning(PERMALINK.ID)
                .fetchOptional(PERMALINK.ID);
    }

    /**
     * Grants a level on the tournament to a role or a user (exactly one of them), replacing the grantee's level.
     *
     * @return true when it was new or changed its level
     */
    public boolean grant(DSLContext tx, long tournamentId, Long roleId, Long userId, TournamentAdminLevel level,
                         String grantedBy, Instant at) {
        var existing = tx.select(TOURNAMENT_ADMIN.ID, TOURNAMENT_ADMIN.LEVEL).from(TOURNAMENT_ADMIN)
                .where(TOURNAMENT_ADMIN.TOURNAMENT_ID.eq(tournamentId)).and(grantee(roleId, userId))
                .forUpdate().fetchOptional();
        if (existing.isPresent()) {
            if (existing.get().value2() == level) {
                return false;
            }
            tx.update(TOURNAMENT_ADMIN).set(TOURNAMENT_ADMIN.LEVEL, level)
                    .set(TOURNAMENT_ADMIN.GRANTED_BY, grantedBy).set(TOURNAMENT_ADMIN.GRANTED_AT, at.atOffset(ZoneOffset.UTC))
                    .where(TOURNAMENT_ADMIN.ID.eq(existing.get().value1())).execute();
            return true;
        }
        return tx.insertInto(TOURNAMENT_ADMIN, TOURNAMENT_ADMIN.TOURNAMENT_ID, TOURNAMENT_ADMIN.DISCORD_ROLE_ID,
                        TOURNAMENT_ADMIN.DISCORD_USER_ID, TOURNAMENT_ADMIN.LEVEL, TOURNAMENT_ADMIN.GRANTED_BY,
                        TOURNAMENT_ADMIN.GRANTED_AT)
                .values(tournamentId, roleId, userId, level, grantedBy, at.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing().execute() == 1;
    }

    /** Removes a role's or user's grant. @return false when there was none */
    public boolean revoke(DSLContext tx, long tournamentId, Long roleId, Long userId) {
        return tx.deleteFrom(TOURNAMENT_ADMIN).where(TOURNAMENT_ADMIN.TOURNAMENT_ID.eq(tournamentId))
                .and(grantee(roleId, userId)).execute() == 1;
    }

    /**
     * The highest level a user has on the tournament, through a grant to them or to one of their roles (as they are
     * now: a role granted before the user got it covers them).
     */
    public Optional<TournamentAdminLevel> levelOf(DSLContext dsl, long tournamentId, long userId,
                                                  Collection<Long> roleIds) {
        return dsl.select(TOURNAMENT_ADMIN.LEVEL).from(TOURNAMENT_ADMIN)
                .where(TOURNAMENT_ADMIN.TOURNAMENT_ID.eq(tournamentId))
                .and(TOURNAMENT_ADMIN.DISCORD_USER_ID.eq(userId).or(TOURNAMENT_ADMIN.DISCORD_ROLE_ID.in(roleIds)))
                .orderBy(TOURNAMENT_ADMIN.LEVEL) // the enum's order: admin before reviewer
                .limit(1)
                .fetchOptional(TOURNAMENT_ADMIN.LEVEL);
    }

    /** The tournament's grants, roles first. */
    public List<Grant> grants(DSLContext dsl, long tournamentId) {
        return dsl.select(TOURNAMENT_ADMIN.DISCORD_ROLE_ID, TOURNAMENT_ADMIN.DISCORD_USER_ID, TOURNAMENT_ADMIN.LEVEL)
                .from(TOURNAMENT_ADMIN).where(TOURNAMENT_ADMIN.TOURNAMENT_ID.eq(tournamentId))
                .orderBy(TOURNAMENT_ADMIN.DISCORD_ROLE_ID.nullsLast(), TOURNAMENT_ADMIN.DISCORD_USER_ID)
                .fetch(r -> new Grant(r.value1(), r.value2(), r.value3()));
    }

    private static org.jooq.Condition grantee(Long roleId, Long userId) {
        return roleId != null ? TOURNAMENT_ADMIN.DISCORD_ROLE_ID.eq(roleId) : TOURNAMENT_ADMIN.DISCORD_USER_ID.eq(userId);
    }

    private static org.jooq.SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(TOURNAMENT.fields()).select(GUILD.DISCORD_GUILD_ID)
                .from(TOURNAMENT).join(GUILD).on(GUILD.ID.eq(TOURNAMENT.GUILD_ID));
    }

    private static TournamentRow row(Record r) {
        return new TournamentRow(r.get(TOURNAMENT.ID), r.get(TOURNAMENT.GUILD_ID), r.get(GUILD.DISCORD_GUILD_ID),
                r.get(TOURNAMENT.NAME), r.get(TOURNAMENT.ACTIVE), r.get(TOURNAMENT.RUNS_PER_POOL),
                r.get(TOURNAMENT.MAX_REATTEMPTS), r.get(TOURNAMENT.WARNING_MINUTES), r.get(TOURNAMENT.TIMEOUT_MINUTES),
                r.get(TOURNAMENT.MAX_HOURS), r.get(TOURNAMENT.CHANNEL_ID), r.get(TOURNAMENT.START_MESSAGE_ID),
                r.get(TOURNAMENT.HIDE_RESULTS), r.get(TOURNAMENT.MIN_ACCOUNT_AGE_DAYS), r.get(TOURNAMENT.RACER_ROLE_ID));
    }

    /** A pool and how many permalinks it has. */
    public record PoolSummary(long id, String name, int permalinks) {
    }

    /** A grant: to a role or a user, at a level. */
    public record Grant(Long roleId, Long userId, TournamentAdminLevel level) {
    }
}
