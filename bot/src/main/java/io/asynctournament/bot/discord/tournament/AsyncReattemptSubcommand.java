package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.AutocompleteRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.bot.discord.review.ReviewMessages;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.race.ReattemptRepository.Candidate;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.races.ReattemptService;
import io.asynctournament.jobs.validation.Names;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /async reattempt race reason}: the racer marks a finished or forfeited run of theirs reattempted, like the
 * Reattempt button under the race's result (README "Reattempts"). {@code race} is autocompleted from their runs
 * that may be reattempted ("#42 Cup / Any%: finished 1:02:03"); a race id alone is accepted too.
 */
@Component
@Order(130)
public final class AsyncReattemptSubcommand implements AsyncSubcommand {
    static final String RACE = "race";
    static final String REASON = "reason";
    private static final Pattern RACE_ID = Pattern.compile("^\\s*#?(\\d{1,18})\\b");
    private final ReattemptService reattempts;

    public AsyncReattemptSubcommand(ReattemptService reattempts) {
        this.reattempts = reattempts;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("reattempt", "Mark a finished or forfeited run of yours reattempted, to run the "
                + "pool again").addOptions(
                new OptionData(OptionType.STRING, RACE, "Your run (pick one)", true, true).setMaxLength(100),
                new OptionData(OptionType.STRING, REASON, "Why (the admins see it)", true)
                        .setMaxLength(ReattemptService.MAX_REASON));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        long raceId = raceId(request.options().requiredString(RACE));
        ReattemptService.Outcome outcome = reattempts.markByRacer(raceId, request.caller().userId(),
                request.options().requiredString(REASON), request.receivedAt());
        return Reply.text(text(outcome));
    }

    @Override
    public List<String> complete(AutocompleteRequest request) {
        if (!RACE.equals(request.focused())) {
            return List.of();
        }
        return reattempts.candidates(request.caller().guildId(), request.caller().userId()).stream()
                .map(AsyncReattemptSubcommand::label).toList();
    }

    /** What the racer is told after a reattempt, from the button's modal or this command. */
    public static String text(ReattemptService.Outcome outcome) {
        return "Race " + outcome.raceId() + " is marked reattempted: it no longer counts for the par time or the "
                + "leaderboard. You have used " + outcome.used() + " of " + outcome.maxReattempts()
                + " reattempt(s) in " + outcome.tournamentName() + ". Press Start in the tournament's channel to run "
                + outcome.poolName() + " again, on a permalink you have never been dealt.";
    }

    /**
     * The race id at the start of the option's value.
     *
     * @throws UserError bad input when there is none
     */
    static long raceId(String value) {
        Matcher m = RACE_ID.matcher(value);
        if (!m.find()) {
            throw UserError.badInput("race must be one of your runs as offered, or a race id such as 42; got '"
                    + Names.printable(value, 100) + "'.");
        }
        return Long.parseLong(m.group(1));
    }

    private static String label(Candidate c) {
        String label = "#" + c.raceId() + " " + c.tournamentName() + " / " + c.poolName() + ": "
                + (c.status() == RaceStatus.finished ? "finished " + ReviewMessages.time(c.elapsedSeconds())
                : "forfeit");
        return label.length() <= 100 ? label : label.substring(0, 99) + "…";
    }
}
