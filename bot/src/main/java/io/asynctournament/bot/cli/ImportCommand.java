package io.asynctournament.bot.cli;

import io.asynctournament.db.results.ImportSummary;
import io.asynctournament.jobs.results.InvalidResultsFileException;
import io.asynctournament.jobs.results.ResultsImporter;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.validation.Names;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code import}: loads a results CSV into a tournament, atomically. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import results into a tournament (created if missing). All or nothing: a file with any bad "
                + "line imports nothing; the bad lines are printed with their line numbers (the first 20, and how many in all). Importing the same file twice creates no "
                + "duplicates.",
                "Columns: pool,permalink,runner,status,elapsed[,finished_at][,reattempted]; status finished, forfeit "
                        + "or disqualified; elapsed H:MM:SS."})
public final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    BotCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--tournament", required = true, paramLabel = "NAME", description = "The tournament's name.")
    String tournament;

    @Option(names = "--runs-per-pool", paramLabel = "N",
            description = "Runs a racer may have per pool (new tournament: default 1; existing: must match).")
    Integer runsPerPool;

    @Option(names = "--guild", paramLabel = "NAME", defaultValue = ResultsImporter.DEFAULT_GUILD,
            description = "The local organization that owns the tournament (default: ${DEFAULT-VALUE}).")
    String guild;

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "The results file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("error: " + file + " is not a readable file (" + file.toAbsolutePath().normalize() + ")");
            return ExitCodes.BAD_INPUT;
        }
        if (guild == null || guild.isBlank()) {
            err.println("error: --guild must name the organization that owns the tournament, e.g. --guild imported");
            return ExitCodes.BAD_INPUT;
        }
        if (runsPerPool != null && runsPerPool < 1) {
            err.println("error: --runs-per-pool must be a whole number of at least 1, got " + runsPerPool);
            return ExitCodes.BAD_INPUT;
        }
        String tournamentName;
        try {
            tournamentName = Names.require("--tournament", tournament);
            Names.require("--guild", guild);
        } catch (UserError e) {
            err.println("error: " + e.getMessage() + "; nothing was imported");
            return ExitCodes.BAD_INPUT;
        }
        try (AnnotationConfigApplicationContext context = root.cliContext()) {
            ResultsImporter importer = context.getBean(ResultsImporter.class);
            return importWith(importer, tournamentName, out, err);
        }
    }

    private int importWith(ResultsImporter importer, String tournamentName, PrintWriter out, PrintWriter err)
            throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ImportSummary summary = importer.importFile(reader, guild, tournamentName, runsPerPool);
            out.printf("Imported %s into tournament '%s' (id %d): %d runs (%d new), %d pools, %d permalinks, "
                            + "%d racers.%n", file, tournamentName, summary.tournamentId(), summary.runs(),
                    summary.newRuns(), summary.pools(), summary.permalinks(), summary.racers());
            out.println("Scores are computed by the score task: tasks run async_tournament_score_calculation");
            return ExitCodes.OK;
        } catch (InvalidResultsFileException e) {
            boolean more = e.total() > e.badLines().size();
            err.println("error: " + file + " was not imported; nothing was changed. " + e.total() + " bad line(s)"
                    + (more ? ", the first " + e.badLines().size() + " by line number:" : ":"));
            e.badLines().forEach(bad -> err.println("  " + (bad.line() > 0 ? "line " + bad.line() + ": " : "")
                    + bad.reason()));
            if (more) {
                err.println("  ... and " + (e.total() - e.badLines().size()) + " more bad line(s)");
            }
            return ExitCodes.BAD_INPUT;
        } catch (UncheckedIOException e) {
            String reason = e.getCause() instanceof java.nio.charset.CharacterCodingException
                    ? "it is not UTF-8 text (save it as CSV in UTF-8)" : e.getCause().getMessage();
            err.println("error: could not read " + file + ": " + reason + "; nothing was imported");
            return ExitCodes.BAD_INPUT;
        } catch (UserError e) {
            err.println("error: " + e.getMessage() + "; nothing was imported");
            return ExitCodes.of(e);
        } catch (OutOfMemoryError e) {
            // The import's transaction has been rolled back by now. Its memory is bounded by a batch, not by the
            // file, so this means a heap far below bot/jvm.options'.
            err.println("error: the import ran out of memory (" + e.getMessage() + "); nothing was imported. Give "
                    + "the JVM more heap: java @bot/jvm.options -jar ...");
            return ExitCodes.FAILED;
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ImportCommand.class).debug("Import failed", e);
            err.println("error: the import failed, so nothing was imported (it runs in one transaction): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip()));
            err.println("(run with BOT_LOG_LEVEL=DEBUG for the full stack trace)");
            return ExitCodes.FAILED;
        }
    }
}
