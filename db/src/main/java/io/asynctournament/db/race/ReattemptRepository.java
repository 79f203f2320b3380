package io.asynctournament.db.race;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * The SQL of reattempts (README "Reattempts"): a racer's reattempted runs, and marking or unmarking a run. A
 * reattempted run leaves the par time and the leaderboard (the triggers on {@code race} queue its permalink) and no
 * longer counts towards {@code runs_per_pool}. Writes run in the caller's transaction.
 */
public final class ReattemptRepository {

    /** The run with this id as a reattempt needs it, if any. */
    public Optional<Target> find(DSLContext dsl, long raceId) {
        return dsl.select(RACE.ID, RACE.TOURNAMENT_ID, RACE.PERMALINK_ID, POOL.ID, POOL.NAME, RACE.RACER_ID,
                        RACER.DISCORD_USER_ID, RACER.NAME, RACE.STATUS, RACE.REATTEMPTED, RACE.REVIEW_STATUS,
                        RACE.REATTEMPT_REASON)
                .from(RACE).join(RACER).on(RACER.ID.eq(RACE.RACER_ID))
                .join(PERMALINK).on(PERMALINK.ID.eq(RACE.PERMALINK_ID))
                .join(POOL).on(POOL.ID.eq(PERMALINK.POOL_ID))
                .where(RACE.ID.eq(raceId))
                .fetchOptional(r -> new Target(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12()));
    }

    /** How many of the racer's runs in the tournament are marked reattempted. */
    public int reattempts(DSLContext dsl, long tournamentId, long racerId) {
        return dsl.fetchCount(RACE, RACE.TOURNAMENT_ID.eq(tournamentId).and(RACE.RACER_ID.eq(racerId))
                .and(RACE.REATTEMPTED.isTrue()));
    }

    /** How many of the racer's runs in the pool count towards {@code runs_per_pool}: any status, not reattempted. */
    public int countedRuns(DSLContext dsl, long poolId, long racerId) {
        return dsl.fetchCount(RACE.join(PERMALINK).on(PERMALINK.ID.eq(RACE.PERMALINK_ID)),
                PERMALINK.POOL_ID.eq(poolId).and(RACE.RACER_ID.eq(racerId)).and(RACE.REATTEMPTED.isFalse()));
    }

    /** How many permalinks of the pool the racer was never dealt (any run of theirs, reattempted or not). */
    public int unseenPermalinks(DSLContext dsl, long poolId, long racerId) {
        return dsl.fetchCount(PERMALINK, PERMALINK.POOL_ID.eq(poolId).andNotExists(DSL.selectOne().from(RACE)
                .where(RACE.PERMALINK_ID.eq(PERMALINK.ID)).and(RACE.RACER_ID.eq(racerId))));
    }

    /**
     * Marks a finished or forfeited run reattempted, with its reason, who and when.
     *
     * @param by the racer or admin as the audit log names them
     * @return false, changing nothing, when it already is reattempted or has another status
     */
    public boolean mark(DSLContext tx, long raceId, String reason, String by, Instant at) {
        return tx.update(RACE).set(RACE.REATTEMPTED, true).set(RACE.REATTEMPT_REASON, reason)
                .set(RACE.REATTEMPTED_BY, by).set(RACE.REATTEMPTED_AT, at.atOffset(ZoneOffset.UTC))
                .where(RACE.ID.eq(raceId)).and(RACE.REATTEMPTED.isFalse())
                .and(RACE.STATUS.in(RaceStatus.finished, RaceStatus.forfeit))
                .execute() == 1;
    }

    /**
     * Makes a reattempted run count again; its reattempt reason, time and author are cleared (the audit log keeps
     * them). @return false, changing nothing, when it is not reattempted
     */
    public boolean unmark(DSLContext tx, long raceId) {
        return tx.update(RACE).set(RACE.REATTEMPTED, false).setNull(RACE.REATTEMPT_REASON)
                .setNull(RACE.REATTEMPTED_BY).setNull(RACE.REATTEMPTED_AT)
                .where(RACE.ID.eq(raceId)).and(RACE.REATTEMPTED.isTrue())
                .execute() == 1;
    }

    /**
     * The racer's runs in the guild's tournaments they could mark reattempted (finished or forfeited, not
     * reattempted, not rejected, tournament open), newest first, for autocomplete.
     */
    public List<Candidate> candidates(DSLContext dsl, long discordGuildId, long discordUserId, int limit) {
        return dsl.select(RACE.ID, TOURNAMENT.NAME, POOL.NAME, RACE.STATUS, RACE.ELAPSED_SECONDS)
                .from(RACE).join(RACER).on(RACER.ID.eq(RACE.RACER_ID))
                .join(TOURNAMENT).on(TOURNAMENT.ID.eq(RACE.TOURNAMENT_ID))
                .join(GUILD).on(GUILD.ID.eq(TOURNAMENT.GUILD_ID))
                .join(PERMALINK).on(PERMALINK.ID.eq(RACE.PERMALINK_ID))
                .join(POOL).on(POOL.ID.eq(PERMALINK.POOL_ID))
                .where(GUILD.DISCORD_GUILD_ID.eq(discordGuildId)).and(RACER.DISCORD_USER_ID.eq(discordUserId))
                .and(TOURNAMENT.ACTIVE.isTrue()).and(RACE.REATTEMPTED.isFalse())
                .and(RACE.STATUS.in(RaceStatus.finished, RaceStatus.forfeit))
                .and(RACE.REVIEW_STATUS.ne(ReviewStatus.rejected))
                .orderBy(RACE.ID.desc()).limit(limit)
                .fetch(r -> new Candidate(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /**
     * A run as a reattempt needs it.
     *
     * @param racerDiscordUserId the racer's Discord user id, or null for an imported racer
     * @param reattemptReason    the reason it was marked reattempted, or null
     */
    public record Target(long raceId, long tournamentId, long permalinkId, long poolId, String poolName, long racerId,
                         Long racerDiscordUserId, String racerName, RaceStatus status, boolean reattempted,
                         ReviewStatus reviewStatus, String reattemptReason) {
    }

    /** A run a racer may pick to reattempt: its tournament, pool, status and time (seconds, null for a forfeit). */
    public record Candidate(long raceId, String tournamentName, String poolName, RaceStatus status,
                            BigDecimal elapsedSeconds) {
    }
}
