package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** {@code /async open}: a closed tournament takes new runs again. */
@Component
@Order(90)
public final class AsyncOpenSubcommand implements AsyncSubcommand {
    private final TournamentService tournaments;

    public AsyncOpenSubcommand(TournamentService tournaments) {
        this.tournaments = tournaments;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("open", "Open a closed tournament again: it takes new runs")
                .addOptions(AsyncOptions.tournament());
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        TournamentRow t = tournaments.find(request.caller().requester(), AsyncOptions.tournamentName(request.options()));
        tournaments.setOpen(request.caller().requester(), t, true);
        return Reply.embed(TournamentEmbeds.done("Opened " + t.name(), "It takes new runs again: the button of its "
                + "start message works. `/async close` closes it."));
    }
}
