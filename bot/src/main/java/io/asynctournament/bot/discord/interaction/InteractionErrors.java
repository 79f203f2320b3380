package io.asynctournament.bot.discord.interaction;

import io.asynctournament.jobs.errors.UserError;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;

import java.awt.Color;

/**
 * The ephemeral answers to a refused or failed interaction: a {@link UserError} shows its message with a title and a
 * footer for its kind; anything else is a bug, answered with a generic message and a reference to the log entry.
 */
public final class InteractionErrors {
    static final Color ERROR = new Color(0xc62828);
    /** Discord's limit on an embed description, in characters. */
    private static final int MAX_DESCRIPTION = 4096;

    private InteractionErrors() {
    }

    /** The answer to a user error: what was wrong and what is accepted, and that nothing was changed. */
    public static MessageEmbed of(UserError error) {
        String title = switch (error.kind()) {
            case REFUSED -> "Not allowed";
            case BAD_INPUT, NOT_FOUND, CONFLICT -> "Cannot do that";
        };
        String footer = switch (error.kind()) {
            case BAD_INPUT -> "Bad input: nothing was changed.";
            case REFUSED -> "Refused: nothing was changed.";
            case NOT_FOUND -> "Not found: nothing was changed.";
            case CONFLICT -> "Already done, or changed meanwhile: nothing was changed.";
        };
        return new EmbedBuilder().setTitle(title).setDescription(truncate(error.getMessage())).setFooter(footer)
                .setColor(ERROR).build();
    }

    /**
     * The answer to a component or modal whose id is malformed, unknown, from an older version of the bot, or names
     * something that is gone.
     *
     * @param detail what is gone, or null
     */
    public static MessageEmbed staleComponent(String detail) {
        return new EmbedBuilder().setTitle("This button is no longer valid")
                .setDescription((detail == null ? "" : detail + "\n")
                        + "It belongs to an older message or version of the bot; nothing was changed. Use the "
                        + "newest message, or start again with the command.")
                .setColor(ERROR).build();
    }

    /** The answer to a bug: a generic message with the reference the log entry carries. */
    public static MessageEmbed bug(String reference) {
        return new EmbedBuilder().setTitle("Something went wrong")
                .setDescription("The bot failed to do that because of an error on its side. The bot's operators can "
                        + "find it in the log under reference `" + reference + "`.")
                .setColor(ERROR).build();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 1) + "…";
    }
}
