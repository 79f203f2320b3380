package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** {@code /async info}: a tournament's rules, settings (with their sources), pools and grants; changes nothing. */
@Component
@Order(20)
public final class AsyncInfoSubcommand implements AsyncSubcommand {
    private final TournamentService tournaments;

    public AsyncInfoSubcommand(TournamentService tournaments) {
        this.tournaments = tournaments;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("info", "Show a tournament's settings, pools and admins")
                .addOptions(AsyncOptions.tournament());
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        TournamentRow t = tournaments.find(request.caller().requester(), AsyncOptions.tournamentName(request.options()));
        return Reply.embed(TournamentEmbeds.info(t, tournaments.timeouts(t), tournaments.pools(t),
                tournaments.grants(t)));
    }
}
