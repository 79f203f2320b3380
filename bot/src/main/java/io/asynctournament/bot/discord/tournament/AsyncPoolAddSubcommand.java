package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.db.tournament.TournamentSetupRepository.PoolSummary;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** {@code /async pool add}: a new pool at the end of the tournament's pools (its name follows the name rule). */
@Component
@Order(30)
public final class AsyncPoolAddSubcommand implements AsyncSubcommand {
    private final TournamentService tournaments;

    public AsyncPoolAddSubcommand(TournamentService tournaments) {
        this.tournaments = tournaments;
    }

    @Override
    public String group() {
        return "pool";
    }

    @Override
    public String groupDescription() {
        return "A tournament's pools";
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("add", "Add a pool to a tournament")
                .addOptions(AsyncOptions.tournament(), AsyncOptions.name("name", "The pool's name"));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        TournamentRow t = tournaments.find(request.caller().requester(), AsyncOptions.tournamentName(request.options()));
        PoolSummary pool = tournaments.addPool(request.caller().requester(), t, request.options().requiredString("name"));
        return Reply.embed(TournamentEmbeds.done("Added pool " + pool.name() + " to " + t.name(),
                "Add its permalinks with `/async permalink add` or `/async permalinks import`."));
    }
}
