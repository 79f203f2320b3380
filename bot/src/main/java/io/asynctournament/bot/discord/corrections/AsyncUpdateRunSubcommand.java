package io.asynctournament.bot.discord.corrections;

import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.bot.discord.tournament.AsyncSubcommand;
import io.asynctournament.bot.discord.tournament.TournamentEmbeds;
import io.asynctournament.db.race.RaceCorrectionRepository.RaceState;
import io.asynctournament.jobs.races.RaceCorrectionService;
import io.asynctournament.jobs.races.RaceCorrectionService.Correction;
import io.asynctournament.jobs.validation.ElapsedTimes;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * {@code /async update-run race status [elapsed] reason}: a tournament admin corrects an ended race's result; the
 * permalink is rescored at once and the racer told in their thread (README "Corrections and deadline extensions").
 */
@Component
@Order(200)
public final class AsyncUpdateRunSubcommand implements AsyncSubcommand {
    static final String STATUS = "status";
    static final String ELAPSED = "elapsed";
    static final String REASON = "reason";

    private final RaceCorrectionService corrections;

    public AsyncUpdateRunSubcommand(RaceCorrectionService corrections) {
        this.corrections = corrections;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("update-run", "Correct an ended race's result (admins); it is rescored at once")
                .addOptions(CorrectionOptions.race(true),
                        new OptionData(OptionType.STRING, STATUS, "The corrected status", true)
                                .addChoice("finished", "finished").addChoice("forfeit", "forfeit")
                                .addChoice("disqualified", "disqualified"),
                        new OptionData(OptionType.STRING, REASON, "Why (the racer sees it)", true)
                                .setMaxLength(RaceCorrectionService.MAX_REASON),
                        new OptionData(OptionType.STRING, ELAPSED, "The time as H:MM:SS (finished only)")
                                .setMaxLength(20));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        CommandOptions options = request.options();
        Correction done = corrections.updateRun(request.caller().requester(),
                CorrectionOptions.requiredRaceId(options), options.requiredString(STATUS),
                options.string(ELAPSED).orElse(null), options.requiredString(REASON));
        return Reply.embed(TournamentEmbeds.done("Corrected race " + done.raceId(), "**" + done.tournamentName()
                + "**: " + result(done.before()) + " → " + result(done.after())
                + "\nScore: " + score(done.scoreBefore()) + " → " + score(done.scoreAfter())
                + " (the permalink's par time and scores were recomputed)."
                + "\nThe racer is told in their thread. `/async audit race:" + done.raceId() + "` shows the change."));
    }

    static String result(RaceState race) {
        String status = race.status().getLiteral().replace('_', ' ');
        return "**" + status + (race.elapsedSeconds() == null ? "" : " in " + ElapsedTimes.format(race.elapsedSeconds()))
                + "**";
    }

    private static String score(Double score) {
        return score == null ? "none" : String.format(Locale.ROOT, "%.2f", score);
    }
}
