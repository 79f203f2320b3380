package io.asynctournament.bot.discord.tasks;

import io.asynctournament.jobs.validation.Names;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/** Option definitions the {@code /tasks} subcommands share. */
final class TaskOptions {
    static final String TASK = "task";

    private TaskOptions() {
    }

    /**
     * The task id option, required, autocompleted from the tasks the caller may manage; Discord refuses more than
     * {@value Names#MAX_LENGTH} characters (every task id is far shorter).
     */
    static OptionData task() {
        return new OptionData(OptionType.STRING, TASK, "The task's id", true, true).setMaxLength(Names.MAX_LENGTH);
    }
}
