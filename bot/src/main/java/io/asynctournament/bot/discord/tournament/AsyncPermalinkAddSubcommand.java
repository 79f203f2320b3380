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

/**
 * {@code /async permalink add}: one permalink (an http(s) url of at most 500 characters, notes of at most 1,000)
 * in a pool of the tournament.
 */
@Component
@Order(40)
public final class AsyncPermalinkAddSubcommand implements AsyncSubcommand {
    private final TournamentService tournaments;

    public AsyncPermalinkAddSubcommand(TournamentService tournaments) {
        this.tournaments = tournaments;
    }

    @Override
    public String group() {
        return "permalink";
    }

    @Override
    public String groupDescription() {
        return "A pool's permalinks (seeds)";
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("add", "Add a permalink to a pool")
                .addOptions(AsyncOptions.tournament(), AsyncOptions.pool(),
                        new OptionData(OptionType.STRING, "url", "The permalink: an http(s) URL", true)
                                .setMaxLength(TournamentService.MAX_URL),
                        new OptionData(OptionType.STRING, "notes", "Notes racers see with it (flags, settings)")
                                .setMaxLength(TournamentService.MAX_NOTES));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        CommandOptions options = request.options();
        TournamentRow t = tournaments.find(request.caller().requester(), AsyncOptions.tournamentName(options));
        String pool = options.requiredString(AsyncOptions.POOL);
        tournaments.addPermalink(request.caller().requester(), t, pool, options.requiredString("url"),
                options.string("notes").orElse(null));
        return Reply.embed(TournamentEmbeds.done("Added a permalink to " + pool, "Tournament " + t.name() + ", pool "
                + pool + ": " + options.requiredString("url")));
    }
}
