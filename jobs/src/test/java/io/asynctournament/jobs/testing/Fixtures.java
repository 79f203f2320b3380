package io.asynctournament.jobs.testing;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.tables.records.RaceRecord;
import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/** Builds guilds, tournaments, pools, permalinks, racers and races for database tests. */
public final class Fixtures {
    private static final AtomicLong SEQUENCE = new AtomicLong(1000);
    private final DSLContext dsl;

    public Fixtures(DSLContext dsl) {
        this.dsl = dsl;
    }

    public long guild() {
        long n = SEQUENCE.incrementAndGet();
        return dsl.insertInto(GUILD, GUILD.DISCORD_GUILD_ID, GUILD.NAME).values(900_000L + n, "guild " + n)
                .returningResult(GUILD.ID).fetchSingle().value1();
    }

    public long tournament(long guildId) {
        return tournament(guildId, 1);
    }

    public long tournament(long guildId, int runsPerPool) {
        return dsl.insertInto(TOURNAMENT, TOURNAMENT.GUILD_ID, TOURNAMENT.NAME, TOURNAMENT.RUNS_PER_POOL)
                .values(guildId, "tournament " + SEQUENCE.incrementAndGet(), runsPerPool)
                .returningResult(TOURNAMENT.ID).fetchSingle().value1();
    }

    public long pool(long tournamentId) {
        long n = SEQUENCE.incrementAndGet();
        return dsl.insertInto(POOL, POOL.TOURNAMENT_ID, POOL.NAME, POOL.POSITION).values(tournamentId, "pool " + n, 1)
                .returningResult(POOL.ID).fetchSingle().value1();
    }

    public long permalink(long poolId) {
        return dsl.insertInto(PERMALINK, PERMALINK.POOL_ID, PERMALINK.URL)
                .values(poolId, "https://example.org/seed/" + SEQUENCE.incrementAndGet())
                .returningResult(PERMALINK.ID).fetchSingle().value1();
    }

    public long racer() {
        long n = SEQUENCE.incrementAndGet();
        return dsl.insertInto(RACER, RACER.DISCORD_USER_ID, RACER.NAME).values(800_000L + n, "racer " + n)
                .returningResult(RACER.ID).fetchSingle().value1();
    }

    /** A pending race whose thread opened at {@code openedAt}. */
    public long pendingRace(long tournamentId, long permalinkId, Instant openedAt) {
        return race(tournamentId, permalinkId, racer(), RaceStatus.pending, openedAt, null, null, false);
    }

    /** An in-progress race started at {@code startedAt}. */
    public long inProgressRace(long tournamentId, long permalinkId, Instant startedAt) {
        return race(tournamentId, permalinkId, racer(), RaceStatus.in_progress, startedAt.minusSeconds(60), startedAt,
                null, false);
    }

    /** A finished race of {@code elapsedSeconds}. */
    public long finishedRace(long tournamentId, long permalinkId, long racerId, double elapsedSeconds,
                             boolean reattempted) {
        return race(tournamentId, permalinkId, racerId, RaceStatus.finished, null, null,
                BigDecimal.valueOf(elapsedSeconds), reattempted);
    }

    public long race(long tournamentId, long permalinkId, long racerId, RaceStatus status, Instant openedAt,
                     Instant startedAt, BigDecimal elapsed, boolean reattempted) {
        int attempt = dsl.fetchCount(RACE, RACE.TOURNAMENT_ID.eq(tournamentId).and(RACE.PERMALINK_ID.eq(permalinkId))
                .and(RACE.RACER_ID.eq(racerId))) + 1;
        return dsl.insertInto(RACE, RACE.TOURNAMENT_ID, RACE.PERMALINK_ID, RACE.RACER_ID, RACE.ATTEMPT, RACE.STATUS,
                        RACE.THREAD_ID, RACE.THREAD_OPENED_AT, RACE.STARTED_AT, RACE.ELAPSED_SECONDS, RACE.REATTEMPTED)
                .values(tournamentId, permalinkId, racerId, attempt, status,
                        openedAt == null ? null : 700_000L + SEQUENCE.incrementAndGet(),
                        openedAt == null ? null : openedAt.atOffset(ZoneOffset.UTC),
                        startedAt == null ? null : startedAt.atOffset(ZoneOffset.UTC), elapsed, reattempted)
                .returningResult(RACE.ID).fetchSingle().value1();
    }

    public RaceRecord race(long raceId) {
        return dsl.selectFrom(RACE).where(RACE.ID.eq(raceId)).fetchSingle();
    }
}
