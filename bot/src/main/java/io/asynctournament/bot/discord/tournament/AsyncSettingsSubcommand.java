package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.tasks.InProgressTimeoutSettings;
import io.asynctournament.jobs.tasks.PendingTimeoutSettings;
import io.asynctournament.jobs.tasks.TaskConfigKeys;
import io.asynctournament.jobs.tasks.TournamentTimeouts;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@code /async settings}: the tournament's own {@code warning_minutes}, {@code timeout_minutes} and
 * {@code max_hours}, validated as the task config is (README "Config keys, by task type"); {@code reset} drops its
 * overrides first. Without options it shows the effective values. Either way each value is shown with its source.
 */
@Component
@Order(60)
public final class AsyncSettingsSubcommand implements AsyncSubcommand {
    static final String RESET = "reset";

    private final TournamentService tournaments;

    public AsyncSettingsSubcommand(TournamentService tournaments) {
        this.tournaments = tournaments;
    }

    @Override
    public SubcommandData definition() {
        int maxMinutes = PendingTimeoutSettings.MAX_TIMEOUT_MINUTES;
        return new SubcommandData("settings", "Show or set a tournament's timeouts")
                .addOptions(AsyncOptions.tournament(),
                        new OptionData(OptionType.INTEGER, TaskConfigKeys.WARNING_MINUTES, "Minutes before the "
                                + "deadline a racer who has not pressed Ready is warned").setRequiredRange(1, maxMinutes),
                        new OptionData(OptionType.INTEGER, TaskConfigKeys.TIMEOUT_MINUTES, "Minutes from the thread "
                                + "opening to the forfeit of a race not started").setRequiredRange(1, maxMinutes),
                        new OptionData(OptionType.INTEGER, TaskConfigKeys.MAX_HOURS, "Hours a started race may run")
                                .setRequiredRange(1, InProgressTimeoutSettings.MAX_HOURS_LIMIT),
                        new OptionData(OptionType.BOOLEAN, RESET, "Drop the tournament's own values first (the "
                                + "task's apply again)"));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        CommandOptions options = request.options();
        TournamentRow t = tournaments.find(request.caller().requester(), AsyncOptions.tournamentName(options));
        Optional<Integer> warning = AsyncOptions.optionalInt(options, TaskConfigKeys.WARNING_MINUTES);
        Optional<Integer> timeout = AsyncOptions.optionalInt(options, TaskConfigKeys.TIMEOUT_MINUTES);
        Optional<Integer> hours = AsyncOptions.optionalInt(options, TaskConfigKeys.MAX_HOURS);
        boolean reset = options.bool(RESET).orElse(false);
        if (warning.isEmpty() && timeout.isEmpty() && hours.isEmpty() && !reset) {
            return Reply.embed(TournamentEmbeds.settings("Settings of " + t.name(), "The effective values and "
                    + "where each comes from (this tournament, a task, or the default).", tournaments.timeouts(t)));
        }
        TournamentTimeouts effective = tournaments.setTimeouts(request.caller().requester(), t, warning.orElse(null),
                timeout.orElse(null), hours.orElse(null), reset);
        return Reply.embed(TournamentEmbeds.settings("Changed the settings of " + t.name(), (reset ? "Its own values "
                + "were reset first. " : "") + "The effective values and where each comes from.", effective));
    }
}
