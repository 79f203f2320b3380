package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
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
                .addOptions(AsyncOptions.tournament(),
                        new OptionData(OptionType.ROLE, AsyncAdminsAddSubcommand.ROLE, "The role (give a role or a "
                                + "user)"),
                        new OptionData(OptionType.USER, AsyncAdminsAddSubcommand.USER, "The user (give a role or a "
                                + "user)"));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        CommandOptions options = request.options();
        TournamentRow t = tournaments.find(request.caller().requester(), AsyncOptions.tournamentName(options));
        Long roleId = options.mentionableId(AsyncAdminsAddSubcommand.ROLE).orElse(null);
        Long userId = options.mentionableId(AsyncAdminsAddSubcommand.USER).orElse(null);
        tournaments.revoke(request.caller().requester(), t, roleId, userId);
        return Reply.embed(TournamentEmbeds.done("Removed a grant on " + t.name(),
                AsyncAdminsAddSubcommand.grantee(roleId, userId) + " no longer has a grant on " + t.name() + "."));
    }
}
