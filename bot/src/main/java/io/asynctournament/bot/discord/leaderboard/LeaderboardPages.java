package io.asynctournament.bot.discord.leaderboard;

import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.leaderboards.LeaderboardService;
import io.asynctournament.jobs.leaderboards.Standings;
import io.asynctournament.jobs.tournaments.Requester;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.springframework.stereotype.Component;

/**
 * Turns the pages of an {@code /async leaderboard} answer ({@code leaderboard:previous|next:<tournamentId>:<page>},
 * the page to show, 1-based): the standings are read again, and who may see them is checked again, at each press.
 */
@Component
final class LeaderboardPages {
    private final LeaderboardService leaderboards;

    LeaderboardPages(LeaderboardService leaderboards) {
        this.leaderboards = leaderboards;
    }

    /**
     * The page the button names, in place of the message's.
     *
     * @throws UserError not found (a stale button) for a malformed id, a tournament gone, or a page the standings no
     *                   longer have; refused while the tournament hides results from the presser
     */
    Reply show(ComponentRequest request) {
        long tournamentId = request.id().longArg(0).orElseThrow(() -> UserError.notFound("no tournament in the id"));
        int page = request.id().longArg(1).filter(p -> p <= Integer.MAX_VALUE).map(Long::intValue)
                .orElseThrow(() -> UserError.notFound("no page in the id"));
        Requester by = request.caller().requester();
        Standings standings = leaderboards.standings(by, leaderboards.tournament(by, tournamentId));
        int pages = LeaderboardEmbeds.pages(standings);
        if (page > pages) {
            throw UserError.notFound("The leaderboard has " + pages + " page(s) now; use `/async leaderboard` again.");
        }
        return Reply.update(new MessageEditBuilder().setEmbeds(LeaderboardEmbeds.page(standings, page))
                .setComponents(LeaderboardEmbeds.pager(standings, page)).build());
    }
}
