package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.jobs.races.ReattemptService;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code /async reattempt-set race reattempted reason}: a tournament admin marks or unmarks a run reattempted on the
 * racer's behalf (README "Reattempts"); audited, and the racer is told in their thread.
 */
@Component
@Order(140)
public final class AsyncReattemptSetSubcommand implements AsyncSubcommand {
    static final String RACE = "race";
    static final String REATTEMPTED = "reattempted";
    static final String REASON = "reason";
    private final ReattemptService reattempts;

    public AsyncReattemptSetSubcommand(ReattemptService reattempts) {
        this.reattempts = reattempts;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("reattempt-set", "Mark or unmark a racer's run reattempted (tournament admins)")
                .addOptions(new OptionData(OptionType.INTEGER, RACE, "The race id", true).setMinValue(1),
                        new OptionData(OptionType.BOOLEAN, REATTEMPTED, "True: reattempted; false: it counts again",
                                true),
                        new OptionData(OptionType.STRING, REASON, "Why (the racer is told)", true)
                                .setMaxLength(ReattemptService.MAX_REASON));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        CommandOptions options = request.options();
        long raceId = options.integer(RACE).orElseThrow();
        boolean on = options.bool(REATTEMPTED).orElseThrow();
        ReattemptService.Outcome outcome = reattempts.setByAdmin(request.caller().requester(), raceId, on,
                options.requiredString(REASON), request.receivedAt());
        return Reply.embed(TournamentEmbeds.done((on ? "Marked race " : "Unmarked race ") + raceId + " of "
                + outcome.racerName(), (on ? "It no longer counts for the par time or the leaderboard, and "
                + outcome.racerName() + " may run " + outcome.poolName() + " again."
                : "It counts again for the par time and the leaderboard.") + " " + outcome.racerName() + " has "
                + outcome.used() + " reattempted run(s) in " + outcome.tournamentName() + " (max_reattempts "
                + outcome.maxReattempts() + "); they are told in their thread. Scores were recomputed."));
    }
}
