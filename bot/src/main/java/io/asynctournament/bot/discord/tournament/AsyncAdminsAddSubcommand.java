package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.generated.enums.TournamentAdminLevel;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Arrays;

/**
 * {@code /async admins add}: grants a role or a user (exactly one) {@code admin} (runs the tournament) or
 * {@code reviewer} on one tournament. A role grant covers whoever has the role when they ask, members who get it
 * later included; granting a grantee another level replaces its level.
 */
@Component
@Order(100)
public final class AsyncAdminsAddSubcommand implements AsyncSubcommand {
    static final String LEVEL = "level";

    private final TournamentService tournaments;

    public AsyncAdminsAddSubcommand(TournamentService tournaments) {
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
        OptionData level = new OptionData(OptionType.STRING, LEVEL, "admin: runs the tournament; reviewer: "
                + "reviews its runs", true);
        Arrays.stream(TournamentAdminLevel.values()).forEach(l -> level.addChoice(l.getLiteral(), l.getLiteral()));
        return new SubcommandData("add", "Grant a role or a user admin or reviewer on a tournament")
                .addOptions(AsyncOptions.tournament(), level).addOptions(AsyncOptions.grantee());
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        CommandOptions options = request.options();
        TournamentRow t = tournaments.find(request.caller().requester(), AsyncOptions.tournamentName(options));
        String typed = options.requiredString(LEVEL);
        TournamentAdminLevel level = Arrays.stream(TournamentAdminLevel.values())
                .filter(l -> l.getLiteral().equals(typed)).findFirst()
                .orElseThrow(() -> UserError.badInput("level must be admin or reviewer, got '" + typed + "'"));
        Long roleId = AsyncOptions.granteeRole(options);
        Long userId = AsyncOptions.granteeUser(options);
        tournaments.grant(request.caller().requester(), t, roleId, userId, level);
        return Reply.embed(TournamentEmbeds.done("Granted " + level.getLiteral() + " on " + t.name(),
                AsyncOptions.mention(roleId, userId) + " is now " + level.getLiteral() + " of " + t.name()
                        + (roleId != null ? " (whoever has the role, now or later)." : ".")));
    }
}
