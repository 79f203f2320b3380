package io.asynctournament.jobs.results;

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
     * @throws IllegalArgumentException    when runsPerPool is below 1 or conflicts with the existing tournament's
     */
    public ImportSummary importFile(Reader file, String guildName, String tournamentName, Integer runsPerPool) {
        if (runsPerPool != null && runsPerPool < 1) {
            throw new IllegalArgumentException("--runs-per-pool must be a whole number of at least 1, got "
                    + runsPerPool);
        }
        if (tournamentName == null || tournamentName.isBlank()) {
            throw new IllegalArgumentException("--tournament must name the tournament to import into");
        }
        int effectiveRunsPerPool = runsPerPool != null ? runsPerPool
                : tournaments.localRunsPerPool(dsl, guildName, tournamentName.strip()).orElse(1);
        List<ImportedRun> runs = reader.read(file, effectiveRunsPerPool);
        try {
            return dsl.transactionResult(tx -> repository.importRuns(tx.dsl(), guildName, tournamentName.strip(),
                    runsPerPool, runs));
        } catch (ResultsImportRepository.ConflictingTournamentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
