package io.asynctournament.jobs.results;

import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.db.TournamentRepository;
import io.asynctournament.db.results.ImportConflict;
import io.asynctournament.db.results.ImportStaging;
import io.asynctournament.db.results.ImportSummary;
import io.asynctournament.db.results.ResultsImportRepository;
import io.asynctournament.jobs.validation.Names;
import org.jooq.DSLContext;

import java.io.Reader;
import java.util.Optional;

/**
 * Imports a results file into a tournament, all or nothing, in one transaction and in memory bounded by a buffer (not
 * by the file): the file is read and checked record by record ({@link ResultsCsvReader}) and its good runs streamed
 * into a staging table; the rules over the whole file (repeated lines, runs_per_pool, also counting the runs of
 * earlier imports) are checked in SQL over the staged lines; a file with any bad line is rolled back, so it imports
 * nothing. Importing the same file again creates no duplicates. README: "Importing results".
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
     * @param guildName      the local guild that owns the tournament (a name: {@link Names})
     * @param tournamentName the tournament, created if missing (a name: {@link Names})
     * @param runsPerPool    runs_per_pool for a new tournament (default 1), or null to keep an existing tournament's
     * @throws InvalidResultsFileException listing the bad lines (the first {@link BadLines#LISTED}) and counting them
     *                                     all; nothing was imported
     * @throws UserError (bad input) when runsPerPool is below 1 or conflicts with the existing tournament's, or
     *                                     a name breaks the rule ({@link Names}); nothing was imported
     * @throws java.io.UncheckedIOException when the file cannot be read (e.g. it is not UTF-8); nothing was imported
     */
    public ImportSummary importFile(Reader file, String guildName, String tournamentName, Integer runsPerPool) {
        if (runsPerPool != null && runsPerPool < 1) {
            throw UserError.badInput("--runs-per-pool must be a whole number of at least 1, got "
                    + runsPerPool);
        }
        String tournament = Names.require("tournament name (--tournament)", tournamentName);
        String guild = Names.require("guild name (--guild)", guildName);
        try {
            return dsl.transactionResult(tx -> {
                DSLContext t = tx.dsl();
                Optional<Integer> existing = tournaments.localRunsPerPool(t, guild, tournament);
                if (runsPerPool != null && existing.isPresent() && !existing.get().equals(runsPerPool)) {
                    throw UserError.badInput("Tournament '" + tournament + "' already exists with "
                            + "runs_per_pool " + existing.get() + "; import again without --runs-per-pool or with "
                            + "--runs-per-pool " + existing.get());
                }
                int effectiveRunsPerPool = runsPerPool != null ? runsPerPool : existing.orElse(1);
                BadLines bad = new BadLines();
                stage(t, file, bad);
                add(bad, repository.fileConflicts(t, effectiveRunsPerPool, BadLines.LISTED), effectiveRunsPerPool);
                if (bad.isEmpty()) {
                    add(bad, repository.storedConflicts(t, guild, tournament, effectiveRunsPerPool, BadLines.LISTED),
                            effectiveRunsPerPool);
                }
                if (!bad.isEmpty()) {
                    throw bad.toException();
                }
                return repository.importStaged(t, guild, tournament, runsPerPool);
            });
        } catch (ResultsImportRepository.ConflictingTournamentException e) {
            throw UserError.badInput(e.getMessage(), e);
        }
    }

    private void stage(DSLContext tx, Reader file, BadLines bad) {
        ImportStaging staging = repository.openStaging(tx);
        try {
            reader.read(file, staging, bad);
        } catch (RuntimeException | Error e) {
            staging.abort();
            throw e;
        }
        staging.finish();
    }

    private static void add(BadLines bad, ImportConflict.Page page, int runsPerPool) {
        for (ImportConflict conflict : page.first()) {
            bad.add(conflict.line(), reason(conflict, runsPerPool));
        }
        bad.addUnlisted(page.total() - page.first().size());
    }

    private static String reason(ImportConflict conflict, int runsPerPool) {
        String runner = Names.printable(conflict.runner(), Names.MAX_LENGTH);
        String pool = Names.printable(conflict.pool(), Names.MAX_LENGTH);
        return switch (conflict.kind()) {
            case DUPLICATE -> "repeats line " + conflict.repeatsLine() + " exactly";
            case OVER_RUNS_PER_POOL -> "runner '" + runner + "' already has " + runsPerPool + " run(s) in pool '"
                    + pool + "' and runs_per_pool is " + runsPerPool
                    + "; mark the replaced run reattempted=true or raise --runs-per-pool";
            case OVER_RUNS_PER_POOL_WITH_STORED -> "runner '" + runner + "' would have " + conflict.runs()
                    + " runs in pool '" + pool + "' with the runs already imported, and runs_per_pool is "
                    + runsPerPool + "; mark the replaced run reattempted=true";
        };
    }
}
