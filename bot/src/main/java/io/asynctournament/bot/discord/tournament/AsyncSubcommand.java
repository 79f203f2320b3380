package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.AutocompleteRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

import java.util.List;

/**
 * One {@code /async} subcommand: a Spring bean ({@code @Component}, with an {@code @Order} for its place in the
 * command) that {@link AsyncCommand} finds by type. Adding a subcommand is adding one such class. The command is
 * open to every member (later subcommands are racer-facing), so each subcommand checks who may run it, through the
 * service it calls (README "Admin guide").
 */
public interface AsyncSubcommand {

    /** The subcommand's definition: name, description, typed options. */
    SubcommandData definition();

    /** The subcommand group it belongs to ({@code pool} for {@code /async pool add}), or null for none. */
    default String group() {
        return null;
    }

    /** The group's description, as Discord shows it (read from the first subcommand of each group). */
    default String groupDescription() {
        return group();
    }

    /**
     * Does the subcommand's work for the caller, after the router deferred the (ephemeral) reply.
     *
     * @throws io.asynctournament.jobs.errors.UserError with the message for the caller when the request is invalid,
     *                                                  refused, names nothing or conflicts; nothing was changed
     */
    Reply handle(SlashCommandRequest request);

    /**
     * Autocomplete choices for an option of its own; the shared {@code tournament} and {@code pool} options are
     * completed by {@link AsyncCommand}.
     */
    default List<String> complete(AutocompleteRequest request) {
        return List.of();
    }

    /** The subcommand's name. */
    default String name() {
        return definition().getName();
    }

    /** {@code group name} or {@code name}, as the user types it after {@code /async}. */
    default String path() {
        return group() == null ? name() : group() + " " + name();
    }
}
