package io.asynctournament.db.results;

import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * Writes validated results into a tournament: guild, tournament, pools, permalinks, racers and races, each a single
 * multi-row insert that skips (or, for races, updates) what is already there, so importing the same file twice
 * creates no duplicates. Runs in the caller's transaction: all or nothing.
 */
public final class ResultsImportRepository {
    private static final int RUNS_PER_STATEMENT = 1_000;

    /** Raised when the file's tournament exists with a different runs_per_pool. */
    public static final class ConflictingTournamentException extends RuntimeException {
        public ConflictingTournamentException(String message) {
            super(message);
        }
    }

    /**
     * Imports the runs.
     *
     * @param guildName   the local guild (organization) that owns the tournament; created if missing
     * @param runsPerPool runs_per_pool for a new tournament, or null for 1 / the existing tournament's value
     * @throws ConflictingTournamentException when the tournament exists with another runs_per_pool
     */
    public ImportSummary importRuns(DSLContext tx, String guildName, String tournamentName, Integer runsPerPool,
                                    List<ImportedRun> runs) {
        long guildId = upsertLocalGuild(tx, guildName);
        long tournamentId = findOrCreateTournament(tx, guildId, tournamentName, runsPerPool);

        Set<String> poolNames = new LinkedHashSet<>();
        Set<String> runnerNames = new LinkedHashSet<>();
        runs.forEach(run -> {
            poolNames.add(run.pool());
            runnerNames.add(run.runner());
        });
        Map<String, Long> poolIds = upsertPools(tx, tournamentId, poolNames);
        Map<String, Long> permalinkIds = upsertPermalinks(tx, runs, poolIds);
        long filePermalinks = runs.stream().map(run -> run.pool() + "\n" + run.permalink()).distinct().count();
        Map<String, Long> racerIds = upsertRacers(tx, runnerNames);

        int before = tx.fetchCount(RACE, RACE.TOURNAMENT_ID.eq(tournamentId));
        // PostgreSQL takes at most 65,535 bind values a statement: 1,000 runs x 8 columns stays well below.
        for (int from = 0; from < runs.size(); from += RUNS_PER_STATEMENT) {
            var insert = tx.insertInto(RACE, RACE.TOURNAMENT_ID, RACE.PERMALINK_ID, RACE.RACER_ID, RACE.ATTEMPT,
                    RACE.STATUS, RACE.ELAPSED_SECONDS, RACE.FINISHED_AT, RACE.REATTEMPTED);
            for (ImportedRun run : runs.subList(from, Math.min(runs.size(), from + RUNS_PER_STATEMENT))) {
                long permalinkId = permalinkIds.get(poolIds.get(run.pool()) + "\n" + run.permalink());
                OffsetDateTime finishedAt = run.finishedAt() == null ? null : run.finishedAt().atOffset(ZoneOffset.UTC);
                insert = insert.values(tournamentId, permalinkId, racerIds.get(run.runner()), run.attempt(),
                        run.status(), run.elapsedSeconds(), finishedAt, run.reattempted());
            }
            insert.onConflict(RACE.TOURNAMENT_ID, RACE.PERMALINK_ID, RACE.RACER_ID, RACE.ATTEMPT)
                    .doUpdate()
                    .set(RACE.STATUS, DSL.excluded(RACE.STATUS))
                    .set(RACE.ELAPSED_SECONDS, DSL.excluded(RACE.ELAPSED_SECONDS))
                    .set(RACE.FINISHED_AT, DSL.excluded(RACE.FINISHED_AT))
                    .set(RACE.REATTEMPTED, DSL.excluded(RACE.REATTEMPTED))
                    .execute();
        }
        int after = tx.fetchCount(RACE, RACE.TOURNAMENT_ID.eq(tournamentId));
        return new ImportSummary(tournamentId, poolIds.size(), (int) filePermalinks, racerIds.size(), runs.size(),
                after - before);
    }

    /**
     * The runs already stored for the tournament with this name in this local guild, for checking a new file against
     * them: (pool, permalink, runner, attempt, reattempted). Empty when the tournament does not exist.
     */
    public List<ImportedRun> existingRuns(DSLContext dsl, String guildName, String tournamentName) {
        return dsl.select(POOL.NAME, PERMALINK.URL, RACER.NAME, RACE.ATTEMPT, RACE.REATTEMPTED, RACE.STATUS)
                .from(RACE)
                .join(TOURNAMENT).on(TOURNAMENT.ID.eq(RACE.TOURNAMENT_ID))
                .join(GUILD).on(GUILD.ID.eq(TOURNAMENT.GUILD_ID))
                .join(PERMALINK).on(PERMALINK.ID.eq(RACE.PERMALINK_ID))
                .join(POOL).on(POOL.ID.eq(PERMALINK.POOL_ID))
                .join(RACER).on(RACER.ID.eq(RACE.RACER_ID))
                .where(GUILD.NAME.eq(guildName)).and(GUILD.DISCORD_GUILD_ID.isNull())
                .and(TOURNAMENT.NAME.eq(tournamentName))
                .fetch(r -> new ImportedRun(r.value1(), r.value2(), r.value3(), r.value6(), null, null, r.value5(),
                        r.value4(), 0));
    }

    private long upsertLocalGuild(DSLContext tx, String name) {
        tx.insertInto(GUILD, GUILD.NAME).values(name)
                .onConflict(GUILD.NAME).where(GUILD.DISCORD_GUILD_ID.isNull()).doNothing().execute();
        return tx.select(GUILD.ID).from(GUILD).where(GUILD.NAME.eq(name)).and(GUILD.DISCORD_GUILD_ID.isNull())
                .fetchSingle().value1();
    }

    private long findOrCreateTournament(DSLContext tx, long guildId, String name, Integer runsPerPool) {
        var existing = tx.select(TOURNAMENT.ID, TOURNAMENT.RUNS_PER_POOL).from(TOURNAMENT)
                .where(TOURNAMENT.GUILD_ID.eq(guildId)).and(TOURNAMENT.NAME.eq(name))
                .forUpdate()
                .fetchOptional();
        if (existing.isPresent()) {
            Record2<Long, Integer> row = existing.get();
            if (runsPerPool != null && !runsPerPool.equals(row.value2())) {
                throw new ConflictingTournamentException("Tournament '" + name + "' already exists with runs_per_pool "
                        + row.value2() + "; import again without --runs-per-pool or with --runs-per-pool "
                        + row.value2());
            }
            return row.value1();
        }
        return tx.insertInto(TOURNAMENT, TOURNAMENT.GUILD_ID, TOURNAMENT.NAME, TOURNAMENT.RUNS_PER_POOL)
                .values(guildId, name, runsPerPool == null ? 1 : runsPerPool)
                .returningResult(TOURNAMENT.ID)
                .fetchSingle().value1();
    }

    private Map<String, Long> upsertPools(DSLContext tx, long tournamentId, Set<String> names) {
        if (!names.isEmpty()) {
            int next = tx.fetchCount(POOL, POOL.TOURNAMENT_ID.eq(tournamentId));
            var insert = tx.insertInto(POOL, POOL.TOURNAMENT_ID, POOL.NAME, POOL.POSITION);
            for (String name : names) {
                insert = insert.values(tournamentId, name, ++next);
            }
            insert.onConflictDoNothing().execute();
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        tx.select(POOL.NAME, POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(tournamentId)).and(POOL.NAME.in(names))
                .forEach(r -> ids.put(r.value1(), r.value2()));
        return ids;
    }

    /** Returns permalink ids keyed by {@code poolId + "\n" + url}. */
    private Map<String, Long> upsertPermalinks(DSLContext tx, List<ImportedRun> runs, Map<String, Long> poolIds) {
        Set<String> seen = new LinkedHashSet<>();
        List<Long> pools = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (ImportedRun run : runs) {
            long poolId = poolIds.get(run.pool());
            if (seen.add(poolId + "\n" + run.permalink())) {
                pools.add(poolId);
                urls.add(run.permalink());
            }
        }
        if (!pools.isEmpty()) {
            var insert = tx.insertInto(PERMALINK, PERMALINK.POOL_ID, PERMALINK.URL);
            for (int i = 0; i < pools.size(); i++) {
                insert = insert.values(pools.get(i), urls.get(i));
            }
            insert.onConflictDoNothing().execute();
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        tx.select(PERMALINK.POOL_ID, PERMALINK.URL, PERMALINK.ID).from(PERMALINK)
                .where(PERMALINK.POOL_ID.in(poolIds.values()))
                .forEach(r -> ids.put(r.value1() + "\n" + r.value2(), r.value3()));
        return ids;
    }

    private Map<String, Long> upsertRacers(DSLContext tx, Set<String> names) {
        if (!names.isEmpty()) {
            var insert = tx.insertInto(RACER, RACER.NAME);
            for (String name : names) {
                insert = insert.values(name);
            }
            insert.onConflict(RACER.NAME).where(RACER.DISCORD_USER_ID.isNull()).doNothing().execute();
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        tx.select(RACER.NAME, RACER.ID).from(RACER).where(RACER.DISCORD_USER_ID.isNull()).and(RACER.NAME.in(names))
                .forEach(r -> ids.put(r.value1(), r.value2()));
        return ids;
    }
}
