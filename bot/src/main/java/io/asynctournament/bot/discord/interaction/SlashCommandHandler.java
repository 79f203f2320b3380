package io.asynctournament.bot.discord.interaction;

import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

import java.util.List;

/**
 * One top-level slash command. Implementations are Spring beans found by type (annotate with {@code @Component} in a
 * package under {@code io.asynctournament.bot.discord}); their {@link #definition()} is what gets registered with
 * Discord. README "How it is built" says where a new one goes.
 */
public interface SlashCommandHandler {

    /** The command as Discord registers it (name, options, default permissions, contexts). */
    SlashCommandData definition();

    /** The command's name. */
    default String name() {
        return definition().getName();
    }

    /** False for a command whose answer everyone in the channel should see; true (ephemeral) otherwise. */
    default boolean ephemeral() {
        return true;
    }

    /**
     * How the router acknowledges: a deferred reply unless overridden; {@link Acknowledgement#IMMEDIATE} for a
     * command that opens a modal (and does no I/O). {@link Acknowledgement#DEFER_EDIT} does not apply to commands.
     */
    default Acknowledgement acknowledgement() {
        return Acknowledgement.DEFER_REPLY;
    }

    /** False for a command that also works in DMs; the router answers guild-only commands from a DM itself. */
    default boolean guildOnly() {
        return true;
    }

    /**
     * Does the command's work, on a worker thread, after the router deferred the reply (or at once, on JDA's thread,
     * when {@link #acknowledgement()} is immediate).
     *
     * @throws io.asynctournament.jobs.errors.UserError when the request is invalid, refused, names nothing, or
     *                                                  conflicts; the router answers with its message
     */
    Reply handle(SlashCommandRequest request);

    /**
     * Autocomplete choices for the focused option, at most 25 (more are cut). Runs on a worker; an answer that takes
     * over 2.5 s is replaced by no choices (Discord's 3 s limit).
     */
    default List<String> complete(AutocompleteRequest request) {
        return List.of();
    }
}
