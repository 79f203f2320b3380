package io.asynctournament.bot.discord.leaderboard;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.bot.discord.tournament.AsyncOptions;
import io.asynctournament.bot.discord.tournament.AsyncSubcommand;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.leaderboards.LeaderboardService;
import io.asynctournament.jobs.leaderboards.Standings;
import io.asynctournament.jobs.tournaments.Requester;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code /async leaderboard tournament}: the standings, ephemerally, as the CLI's {@code leaderboard} computes them:
 * the first page of {@value LeaderboardEmbeds#PAGE_SIZE} racers with Previous and Next when there are more, and the
 * CSV attached. For every member, except while the tournament hides results: then only its admins
 * ({@link LeaderboardService}); anyone else is refused and nothing is shown.
 */
@Component
@Order(300)
public final class AsyncLeaderboardSubcommand implements AsyncSubcommand {
    private final LeaderboardService leaderboards;

    public AsyncLeaderboardSubcommand(LeaderboardService leaderboards) {
        this.leaderboards = leaderboards;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("leaderboard", "A tournament's standings, with the CSV")
                .addOptions(AsyncOptions.tournament());
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        Requester by = request.caller().requester();
        TournamentRow tournament = leaderboards.tournament(by, AsyncOptions.tournamentName(request.options()));
        Standings standings = leaderboards.standings(by, tournament);
        return Reply.message(new MessageCreateBuilder().setEmbeds(LeaderboardEmbeds.page(standings, 1))
                .setComponents(LeaderboardEmbeds.pager(standings, 1))
                .setFiles(LeaderboardEmbeds.csv(standings)).build());
    }
}
