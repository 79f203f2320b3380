package io.asynctournament.bot.discord.corrections;

import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.jobs.errors.UserError;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/** The {@code race} option of the correction subcommands: a race id. */
public final class CorrectionOptions {
    /** The race option's name. */
    public static final String RACE = "race";

    private CorrectionOptions() {
    }

    /** The race option: a race id, from 1, required unless said otherwise. */
    public static OptionData race(boolean required) {
        return new OptionData(OptionType.INTEGER, RACE, "The race's id (listed by /async audit)", required)
                .setMinValue(1);
    }

    /** The race id, if given. @throws UserError (bad input) for an id below 1 */
    public static java.util.Optional<Long> raceId(CommandOptions options) {
        java.util.Optional<Long> id = options.integer(RACE);
        if (id.isPresent() && id.get() < 1) {
            throw UserError.badInput("a race id is a whole number from 1, got " + id.get());
        }
        return id;
    }

    /** The required race id. @throws UserError (bad input) when missing or below 1 */
    public static long requiredRaceId(CommandOptions options) {
        return raceId(options).orElseThrow(() -> UserError.badInput("the option 'race' is required"));
    }
}
