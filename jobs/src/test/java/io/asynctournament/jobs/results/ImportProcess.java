package io.asynctournament.jobs.results;

import io.asynctournament.db.Database;
import io.asynctournament.db.TournamentRepository;
import io.asynctournament.db.results.ImportSummary;
import io.asynctournament.db.results.ResultsImportRepository;

import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A separate JVM that imports one file (to test the import's memory under a small heap): args JDBC_URL FILE
 * TOURNAMENT. Prints "imported RUNS runs, peak heap MB" and exits 0, or exits 1 with the error.
 */
public final class ImportProcess {
    private ImportProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (Database database = Database.using(args[0], "postgres", null, "import-process");
             Reader file = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            ImportSummary summary = new ResultsImporter(database.dsl(), new ResultsCsvReader(Clock.systemUTC()),
                    new ResultsImportRepository(), new TournamentRepository())
                    .importFile(file, ResultsImporter.DEFAULT_GUILD, args[2], null);
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getPeakUsage).mapToLong(usage -> usage.getUsed()).sum();
            System.out.println("imported " + summary.runs() + " runs, peak heap " + peak / (1024 * 1024) + " MB");
        }
    }
}
