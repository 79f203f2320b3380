package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** {@code /async close}: the tournament takes no new runs; races already open keep their deadlines. */
@Component
@Order(80)
public final class AsyncCloseSubcommand implements AsyncSubcommand {
    private final TournamentService tournaments;

    public AsyncCloseSubcommand(TournamentService tournaments) {
        this.tournaments = tournaments;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("close", "Close a tournament: no new runs").addOptions(AsyncOptions.tournament());
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        TournamentRow t = tournaments.find(request.caller().requester(), AsyncOptions.tournamentName(request.options()));
        tournaments.setOpen(request.caller().requester(), t, false);
        return Reply.embed(TournamentEmbeds.done("Closed " + t.name(), "It takes no new runs. Races already open "
                + "keep their deadlines and are still timed out. `/async open` opens it again."));
    }
}
