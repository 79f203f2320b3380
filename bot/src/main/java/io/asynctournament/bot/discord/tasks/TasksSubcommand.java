package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.jobs.errors.UserError;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** One {@code /tasks} subcommand: its definition and its logic (the work is done by the task control service). */
public interface TasksSubcommand {

    /** The subcommand's definition: name, description, typed options. */
    SubcommandData definition();

    /**
     * Does the subcommand's work for the caller.
     *
     * @return the reply (an embed)
     * @throws UserError with a message for the caller when the request is invalid, refused, names nothing or conflicts
     */
    MessageEmbed handle(CommandOptions options, Caller caller);

    /** The subcommand's name. */
    default String name() {
        return definition().getName();
    }
}
