package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.validation.Names;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

import java.util.Optional;

/**
 * Options the {@code /async} subcommands share, and readers for typed values. Names take at most
 * {@value Names#MAX_LENGTH} characters on Discord too ({@code max_length}); the services check them again.
 */
public final class AsyncOptions {
    /** The tournament option: its name, autocompleted from the guild's tournaments. */
    public static final String TOURNAMENT = "tournament";
    /** The pool option: its name, autocompleted from the chosen tournament's pools. */
    public static final String POOL = "pool";
    /** The grantee options: a role or a user. */
    public static final String ROLE = "role";
    public static final String USER = "user";

    private AsyncOptions() {
    }

    /** The required tournament option, autocompleted. */
    public static OptionData tournament() {
        return new OptionData(OptionType.STRING, TOURNAMENT, "The tournament's name", true, true)
                .setMaxLength(Names.MAX_LENGTH);
    }

    /** The required pool option, autocompleted from the tournament's pools. */
    public static OptionData pool() {
        return new OptionData(OptionType.STRING, POOL, "The pool's name", true, true).setMaxLength(Names.MAX_LENGTH);
    }

    /**
     * The two grantee options of {@code /async admins add|remove}: a role or a user (the service refuses both or
     * neither).
     */
    public static OptionData[] grantee() {
        return new OptionData[]{new OptionData(OptionType.ROLE, ROLE, "The role (give a role or a user)"),
                new OptionData(OptionType.USER, USER, "The user (give a role or a user)")};
    }

    /** The grantee's role id, if given. */
    public static Long granteeRole(CommandOptions options) {
        return options.mentionableId(ROLE).orElse(null);
    }

    /** The grantee's user id, if given. */
    public static Long granteeUser(CommandOptions options) {
        return options.mentionableId(USER).orElse(null);
    }

    /** The grantee as a Discord mention. */
    public static String mention(Long roleId, Long userId) {
        return roleId != null ? "<@&" + roleId + ">" : "<@" + userId + ">";
    }

    /** A name option (not autocompleted), at most {@value Names#MAX_LENGTH} characters. */
    public static OptionData name(String option, String description) {
        return new OptionData(OptionType.STRING, option, description, true).setMaxLength(Names.MAX_LENGTH);
    }

    /** The tournament option's value, as typed (the service checks it). */
    public static String tournamentName(CommandOptions options) {
        return options.requiredString(TOURNAMENT);
    }

    /**
     * A whole-number option that must be given.
     *
     * @throws UserError (bad input) when it is missing or beyond what a whole number option may hold here
     */
    public static int requiredInt(CommandOptions options, String name) {
        return optionalInt(options, name).orElseThrow(() -> UserError.badInput("the option '" + name
                + "' is required"));
    }

    /**
     * A whole-number option, if given.
     *
     * @throws UserError (bad input) when it is beyond ±2,147,483,647 (Discord's own range is far larger)
     */
    public static Optional<Integer> optionalInt(CommandOptions options, String name) {
        Optional<Long> value = options.integer(name);
        if (value.isPresent() && (value.get() > Integer.MAX_VALUE || value.get() < Integer.MIN_VALUE)) {
            throw UserError.badInput(name + " is out of range, got " + value.get());
        }
        return value.map(Long::intValue);
    }
}
