package io.asynctournament.db.results;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.RecordMapper;
import org.jooq.Result;
import org.postgresql.PGConnection;

import java.util.List;

import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * Writes checked results into a tournament, in the caller's transaction (all or nothing) and with memory bounded by a
 * buffer, not by the file: the runs are streamed into a temporary staging table ({@link #openStaging}), the rules over
 * the whole file are checked in SQL over the staged lines ({@link #fileConflicts}, {@link #storedConflicts}), and
 * guild, tournament, pools, permalinks, racers and races are then each written by one set-based statement that skips
 * (or, for races, updates) what is already there, so importing the same file twice creates no duplicates.
 */
public final class ResultsImportRepository {
    private static final String STAGING_TABLE = """
            create temporary table import_run (
                line            bigint not null,
                pool            text not null,
                permalink       text not null,
                runner          text not null,
                status          race_status not null,
                elapsed_seconds numeric(12, 3),
                finished_at     timestamptz,
                reattempted     boolean not null
            ) on commit drop""";
    private static final String COPY = "copy import_run (line, pool, permalink, runner, status, elapsed_seconds, "
            + "finished_at, reattempted) from stdin (format csv)";

    /** Raised when the file's tournament exists with a different runs_per_pool. */
    public static final class ConflictingTournamentException extends RuntimeException {
        public ConflictingTournamentException(String message) {
            super(message);
        }
    }

    /**
     * Creates the staging table for this transaction and opens the copy into it. Until {@link ImportStaging#finish()}
     * or {@link ImportStaging#abort()}, the transaction's connection runs nothing else.
     */
    public ImportStaging openStaging(DSLContext tx) {
        tx.execute(STAGING_TABLE);
        return tx.connectionResult(connection -> new ImportStaging(tx,
                connection.unwrap(PGConnection.class), COPY));
    }

    /**
     * The staged lines that break a rule over the file: a line that repeats an earlier one field for field, and a
     * runner's runs in a pool beyond runs_per_pool (not counting reattempted runs and repeated lines), by file order.
     *
     * @param limit how many to list (by line); the total counts them all
     */
    public ImportConflict.Page fileConflicts(DSLContext tx, int runsPerPool, int limit) {
        return page(tx.fetch("""
                with copies as (
                    select line, pool, runner, reattempted, min(line) over same_run as first_line
                      from import_run
                    window same_run as (partition by pool, permalink, runner, status, elapsed_seconds, finished_at,
                                        reattempted)
                ), counted as (
                    select line, pool, runner, first_line,
                           case when line = first_line and not reattempted then
                               row_number() over (partition by runner, pool, line = first_line and not reattempted
                                                  order by line)
                           end as nth
                      from copies
                ), conflicts as (
                    select line, first_line, runner, pool from counted where line <> first_line or nth > ?
                )
                select line, first_line, runner, pool, count(*) over () as total
                  from conflicts order by line limit ?""", runsPerPool, limit), r -> new ImportConflict(
                r.get("line", Long.class),
                r.get("line", Long.class).equals(r.get("first_line", Long.class))
                        ? ImportConflict.Kind.OVER_RUNS_PER_POOL : ImportConflict.Kind.DUPLICATE,
                r.get("line", Long.class).equals(r.get("first_line", Long.class)) ? 0 : r.get("first_line", Long.class),
                r.get("runner", String.class), r.get("pool", String.class), 0));
    }

    /**
     * The staged lines that would give a runner more than runs_per_pool runs in a pool together with the runs already
     * stored for the tournament with this name in this local guild: the stored runs, with the file's runs replacing
     * those they match (same pool, permalink, runner and attempt), are counted, not counting reattempted runs; a line
     * replacing a stored run is not listed. Empty when the tournament does not exist.
     *
     * @param limit how many to list (by line); the total counts them all
     */
    public ImportConflict.Page storedConflicts(DSLContext tx, String guildName, String tournamentName,
                                               int runsPerPool, int limit) {
        Long tournamentId = localTournamentId(tx, guildName, tournamentName);
        if (tournamentId == null) {
            return new ImportConflict.Page(List.of(), 0);
        }
        return page(tx.fetch("""
                with file as (
                    select line, pool, permalink, runner, reattempted,
                           row_number() over (partition by runner, pool, permalink order by line) as attempt
                      from import_run
                ), stored as (
                    select po.name as pool, pl.url as permalink, ra.name as runner, r.attempt, r.reattempted
                      from race r
                      join permalink pl on pl.id = r.permalink_id
                      join pool po on po.id = pl.pool_id
                      join racer ra on ra.id = r.racer_id
                     where r.tournament_id = ?
                ), merged as (
                    select pool, runner, reattempted from file
                    union all
                    select s.pool, s.runner, s.reattempted from stored s
                     where not exists (select 1 from file f
                                        where (f.pool, f.permalink, f.runner, f.attempt)
                                            = (s.pool, s.permalink, s.runner, s.attempt))
                ), counts as (
                    select runner, pool, count(*) as runs from merged where not reattempted
                     group by runner, pool having count(*) > ?
                )
                select f.line, f.runner, f.pool, c.runs, count(*) over () as total
                  from file f join counts c on c.runner = f.runner and c.pool = f.pool
                 where not f.reattempted
                   and not exists (select 1 from stored s
                                    where (s.pool, s.permalink, s.runner, s.attempt)
                                        = (f.pool, f.permalink, f.runner, f.attempt))
                 order by f.line limit ?""", tournamentId, runsPerPool, limit), r -> new ImportConflict(
                r.get("line", Long.class), ImportConflict.Kind.OVER_RUNS_PER_POOL_WITH_STORED, 0,
                r.get("runner", String.class), r.get("pool", String.class), r.get("runs", Long.class)));
    }

    /**
     * Writes the staged runs into the tournament: guild, tournament, pools (numbered in file order after the existing
     * ones), permalinks and racers are created when missing; a run matching a stored one (tournament, permalink,
     * runner and attempt, the attempt being 1 for a runner's first line with a permalink, 2 for the second…) is
     * updated in place, the others are inserted.
     *
     * @param guildName   the local guild (organization) that owns the tournament; created if missing
     * @param runsPerPool runs_per_pool for a new tournament, or null for 1 / the existing tournament's value
     * @throws ConflictingTournamentException when the tournament exists with another runs_per_pool
     */
    public ImportSummary importStaged(DSLContext tx, String guildName, String tournamentName, Integer runsPerPool) {
        long guildId = upsertLocalGuild(tx, guildName);
        long tournamentId = findOrCreateTournament(tx, guildId, tournamentName, runsPerPool);
        tx.execute("""
                insert into pool (tournament_id, name, position)
                select ?, pool, (select count(*) from pool where tournament_id = ?) + row_number() over (order by min(line))
                  from import_run group by pool order by min(line)
                on conflict do nothing""", tournamentId, tournamentId);
        tx.execute("""
                insert into permalink (pool_id, url)
                select po.id, s.permalink
                  from import_run s join pool po on po.tournament_id = ? and po.name = s.pool
                 group by po.id, s.permalink order by min(s.line)
                on conflict do nothing""", tournamentId);
        tx.execute("""
                insert into racer (name)
                select runner from import_run group by runner order by min(line)
                on conflict (name) where discord_user_id is null do nothing""");
        // Rows written in this transaction are not in the planner's statistics yet (autovacuum analyzes after the
        // commit): without this, the race insert below saw a few rows in racer and chose a nested loop over the
        // staged runs (60 s instead of 1 s for 100,000 runs). The statistics are transactional like the rows.
        tx.execute("analyze pool, permalink, racer");
        int before = tx.fetchCount(RACE, RACE.TOURNAMENT_ID.eq(tournamentId));
        tx.execute("""
                insert into race (tournament_id, permalink_id, racer_id, attempt, status, elapsed_seconds, finished_at,
                                  reattempted)
                select ?, pl.id, ra.id, row_number() over (partition by s.runner, s.pool, s.permalink order by s.line),
                       s.status, s.elapsed_seconds, s.finished_at, s.reattempted
                  from import_run s
                  join pool po on po.tournament_id = ? and po.name = s.pool
                  join permalink pl on pl.pool_id = po.id and pl.url = s.permalink
                  join racer ra on ra.name = s.runner and ra.discord_user_id is null
                 order by s.line
                on conflict (tournament_id, permalink_id, racer_id, attempt) do update
                   set status = excluded.status, elapsed_seconds = excluded.elapsed_seconds,
                       finished_at = excluded.finished_at, reattempted = excluded.reattempted
                 where (race.status, race.elapsed_seconds, race.finished_at, race.reattempted)
                       is distinct from (excluded.status, excluded.elapsed_seconds, excluded.finished_at,
                                         excluded.reattempted)""", tournamentId, tournamentId);
        int after = tx.fetchCount(RACE, RACE.TOURNAMENT_ID.eq(tournamentId));
        Record counts = tx.fetchSingle("""
                select count(distinct pool) as pools, count(distinct (pool, permalink)) as permalinks,
                       count(distinct runner) as racers, count(*) as runs
                  from import_run""");
        return new ImportSummary(tournamentId, counts.get("pools", Integer.class),
                counts.get("permalinks", Integer.class), counts.get("racers", Integer.class),
                counts.get("runs", Integer.class), after - before);
    }

    private static ImportConflict.Page page(Result<Record> rows, RecordMapper<Record, ImportConflict> mapper) {
        return new ImportConflict.Page(rows.map(mapper), rows.isEmpty() ? 0 : rows.get(0).get("total", Long.class));
    }

    private static Long localTournamentId(DSLContext tx, String guildName, String tournamentName) {
        return tx.select(TOURNAMENT.ID).from(TOURNAMENT).join(GUILD).on(GUILD.ID.eq(TOURNAMENT.GUILD_ID))
                .where(GUILD.NAME.eq(guildName)).and(GUILD.DISCORD_GUILD_ID.isNull())
                .and(TOURNAMENT.NAME.eq(tournamentName))
                .fetchOptional(TOURNAMENT.ID).orElse(null);
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
}
