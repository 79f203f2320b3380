package io.asynctournament.bot.cli;

import io.asynctournament.db.TournamentRepository;
import io.asynctournament.db.TournamentRepository.TournamentSummary;
import io.asynctournament.db.scoring.LeaderboardRepository;
import io.asynctournament.db.scoring.LeaderboardRow;
import org.jooq.DSLContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code leaderboard}: a tournament's standings from the stored scores. */
@Command(name = "leaderboard", mixinStandardHelpOptions = true,
        description = "Print a tournament's leaderboard: score = mean over pools x runs_per_pool slots (best runs "
                + "first, empty slots 0); estimate = mean score of finished runs.")
public final class LeaderboardCommand implements Callable<Integer> {
    @ParentCommand
    BotCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--tournament", required = true, paramLabel = "NAME", description = "The tournament's name.")
    String tournament;

    @Option(names = "--guild", paramLabel = "NAME", description = "The guild, when several have this tournament name.")
    String guild;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or csv (rank,runner,score,estimate,finished,forfeited; full precision).")
    LeaderboardFormat format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AnnotationConfigApplicationContext context = root.readOnlyCliContext()) {
            DSLContext dsl = context.getBean(DSLContext.class);
            TournamentSummary found = TournamentLookup.find(dsl, context.getBean(TournamentRepository.class),
                    tournament, guild);
            LeaderboardRepository leaderboards = context.getBean(LeaderboardRepository.class);
            List<LeaderboardRow> rows = leaderboards.leaderboard(dsl, found.id());
            format.print(rows, out);
            out.flush();
            int unscored = leaderboards.unscoredRuns(dsl, found.id());
            if (unscored > 0) {
                spec.commandLine().getErr().println("note: " + unscored + " finished or forfeited run(s) have no "
                        + "score yet; run: tasks run async_tournament_score_calculation");
            }
            return ExitCodes.OK;
        }
    }
}
