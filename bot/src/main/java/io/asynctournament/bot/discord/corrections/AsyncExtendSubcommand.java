package io.asynctournament.bot.discord.corrections;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.bot.discord.tournament.AsyncOptions;
import io.asynctournament.bot.discord.tournament.AsyncSubcommand;
import io.asynctournament.bot.discord.tournament.TournamentEmbeds;
import io.asynctournament.jobs.races.RaceCorrectionService;
import io.asynctournament.jobs.races.RaceCorrectionService.Extension;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code /async extend race minutes}: a tournament admin moves a pending race's deadline to press Ready; the racer is
 * warned again before the new one and told in their thread (README "Corrections and deadline extensions").
 */
@Component
@Order(210)
public final class AsyncExtendSubcommand implements AsyncSubcommand {
    static final String MINUTES = "minutes";

    private final RaceCorrectionService corrections;

    public AsyncExtendSubcommand(RaceCorrectionService corrections) {
        this.corrections = corrections;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("extend", "Give a pending race more time to press Ready (admins)")
                .addOptions(CorrectionOptions.race(true),
                        new OptionData(OptionType.INTEGER, MINUTES, "Minutes added to its deadline (1 to 1440)", true)
                                .setRequiredRange(RaceCorrectionService.MIN_EXTEND_MINUTES,
                                        RaceCorrectionService.MAX_EXTEND_MINUTES));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        Extension done = corrections.extend(request.caller().requester(),
                CorrectionOptions.requiredRaceId(request.options()),
                AsyncOptions.requiredInt(request.options(), MINUTES));
        long deadline = done.deadline().getEpochSecond();
        return Reply.embed(TournamentEmbeds.done("Extended race " + done.raceId(), "**" + done.tournamentName()
                + "**: the deadline to press Ready moved from <t:" + done.previousDeadline().getEpochSecond()
                + ":F> to <t:" + deadline + ":F> (<t:" + deadline + ":R>). The racer is told in their thread and "
                + "warned again before the new deadline."));
    }
}
