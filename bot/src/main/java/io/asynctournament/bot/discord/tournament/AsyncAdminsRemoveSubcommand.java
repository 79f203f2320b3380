package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** {@code /async admins remove}: removes a role's or a user's grant on a tournament. */
@Component
@Order(110)
public final class AsyncAdminsRemoveSubcommand implements AsyncSubcommand {
    private final TournamentService tournaments;

    public AsyncAdminsRemoveSubcommand(TournamentService tournaments) {
        this.tournaments = tournaments;
    }

    @Override
    public String group() {
        return "admins";
    }

    @Override
    public String groupDescription() {
        return "Who may run or review a tournament";
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("remove", "Remove a role's or a user's grant on a tournament")
                .addOptions(AsyncOptions.tournament()).addOptions(AsyncOptions.grantee());
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        CommandOptions options = request.options();
        TournamentRow t = tournaments.find(request.caller().requester(), AsyncOptions.tournamentName(options));
        Long roleId = AsyncOptions.granteeRole(options);
        Long userId = AsyncOptions.granteeUser(options);
        tournaments.revoke(request.caller().requester(), t, roleId, userId);
        return Reply.embed(TournamentEmbeds.done("Removed a grant on " + t.name(),
                AsyncOptions.mention(roleId, userId) + " no longer has a grant on " + t.name() + "."));
    }
}
