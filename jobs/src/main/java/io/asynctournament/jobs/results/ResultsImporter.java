package io.asynctournament.jobs.results;

import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.db.TournamentRepository;
import io.asynctournament.db.results.ImportSummary;
import io.asynctournament.db.results.ImportedRun;
import io.asynctournament.db.results.ResultsImportRepository;
import org.jooq.DSLContext;

import java.io.Reader;
import java.util.List;


/**
 * Imports a results file into a tournament, atomically: the whole file is checked first, and a file with any bad line
 * imports nothing. Importing the same file again creates no duplicates.
 */
public final class ResultsImporter {
    /** The local guild (organization) imported tournaments belong to unless told otherwise. */
    public static final String DEFAULT_GUILD = "imported";

    private final DSLContext dsl;
    private final ResultsCsvReader reader;
    private final ResultsImportRepository repository;
    private final TournamentRepository tournaments;

    public ResultsImporter(DSLContext dsl, ResultsCsvReader reader, ResultsImportRepository repository,
                           TournamentRepository tournaments) {
        this.dsl = dsl;
        this.tournaments = tournaments;
        this.reader = reader;
        this.repository = repository;
    }

    /**
     * Checks and imports the file.
     *
     * @param runsPerPool runs_per_pool for a new tournament (default 1), or null to keep an existing tournament's
     * @throws InvalidResultsFileException listing every bad line (nothing imported)
     * @throws UserError (bad input)   when runsPerPool is below 1 or conflicts with the existing tournament's
     */
    public ImportSummary importFile(Reader file, String guildName, String tournamentName, Integer runsPerPool) {
        if (runsPerPool != null && runsPerPool < 1) {
            throw UserError.badInput("--runs-per-pool must be a whole number of at least 1, got "
                    + runsPerPool);
        }
        if (tournamentName == null || tournamentName.isBlank()) {
            throw UserError.badInput("--tournament must name the tournament to import into");
        }
        int effectiveRunsPerPool = runsPerPool != null ? runsPerPool
                : tournaments.localRunsPerPool(dsl, guildName, tournamentName.strip()).orElse(1);
        List<ImportedRun> runs = reader.read(file, effectiveRunsPerPool);
        checkAgainstStoredRuns(runs, repository.existingRuns(dsl, guildName, tournamentName.strip()),
                effectiveRunsPerPool);
        try {
            return dsl.transactionResult(tx -> repository.importRuns(tx.dsl(), guildName, tournamentName.strip(),
                    runsPerPool, runs));
        } catch (ResultsImportRepository.ConflictingTournamentException e) {
            throw UserError.badInput(e.getMessage(), e);
        }
    }

    /**
     * A racer's runs in a pool count together across imports: the stored runs, with the file's runs replacing those
     * they match (same pool, permalink, runner and attempt), may not hold more non-reattempted runs per pool than
     * runs_per_pool.
     */
    private static void checkAgainstStoredRuns(List<ImportedRun> fileRuns, List<ImportedRun> stored, int runsPerPool) {
        if (stored.isEmpty()) {
            return;
        }
        java.util.Map<String, ImportedRun> merged = new java.util.LinkedHashMap<>();
        stored.forEach(run -> merged.put(key(run), run));
        fileRuns.forEach(run -> merged.put(key(run), run));
        java.util.Map<String, Long> perRacerAndPool = merged.values().stream().filter(run -> !run.reattempted())
                .collect(java.util.stream.Collectors.groupingBy(run -> run.runner() + "\n" + run.pool(),
                        java.util.stream.Collectors.counting()));
        java.util.Set<String> storedKeys = stored.stream().map(ResultsImporter::key)
                .collect(java.util.stream.Collectors.toSet());
        List<BadLine> bad = new java.util.ArrayList<>();
        for (ImportedRun run : fileRuns) {
            long count = perRacerAndPool.getOrDefault(run.runner() + "\n" + run.pool(), 0L);
            if (!run.reattempted() && count > runsPerPool && !storedKeys.contains(key(run))) {
                bad.add(new BadLine(run.line(), "runner '" + run.runner() + "' would have "
                        + count + " runs in pool '" + run.pool() + "' with the runs already imported, and "
                        + "runs_per_pool is " + runsPerPool + "; mark the replaced run reattempted=true"));
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidResultsFileException(bad);
        }
    }

    private static String key(ImportedRun run) {
        return String.join("\n", run.pool(), run.permalink(), run.runner(), Integer.toString(run.attempt()));
    }
}
