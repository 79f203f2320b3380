package io.asynctournament.bot.commands;

import io.asynctournament.bot.commands.tasks.Caller;
import io.asynctournament.bot.commands.tasks.CommandOptions;
import io.asynctournament.bot.commands.tasks.RefusedException;
import io.asynctournament.bot.commands.tasks.TaskEmbeds;
import io.asynctournament.bot.commands.tasks.TasksCommand;
import io.asynctournament.bot.commands.tasks.TasksSubcommand;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Routes {@code /tasks} interactions: acknowledges at once (an ephemeral deferred reply, well within Discord's 3
 * seconds), does the work on a worker thread (the database may be slow), then follows up with an embed. Errors and
 * refusals are answered ephemerally too, saying what was wrong and what is accepted.
 */
public final class TasksInteractionListener extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TasksInteractionListener.class);

    private final TasksCommand command;
    private final Set<Long> operators;
    private final ExecutorService workers;

    public TasksInteractionListener(TasksCommand command, Set<Long> operators, ExecutorService workers) {
        this.command = command;
        this.operators = Set.copyOf(operators);
        this.workers = workers;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!event.getName().equals(TasksCommand.NAME)) {
            return;
        }
        if (event.getGuild() == null || event.getMember() == null) {
            event.reply("`/tasks` works in a server only.").setEphemeral(true).queue();
            return;
        }
        event.deferReply(true).queue();
        Caller caller = caller(event.getMember());
        String name = event.getSubcommandName() == null ? "" : event.getSubcommandName();
        CommandOptions options = new CommandOptions(event.getOptions());
        workers.execute(() -> {
            MessageEmbed reply = answer(name, options, caller);
            event.getHook().sendMessageEmbeds(reply).setEphemeral(true).queue(null,
                    e -> log.warn("Could not answer /tasks {} for {}", name, caller.actor(), e));
        });
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        if (!event.getName().equals(TasksCommand.NAME) || event.getMember() == null) {
            return;
        }
        Caller caller = caller(event.getMember());
        OptionMapping task = event.getOption("task");
        workers.execute(() -> {
            var choices = command.complete(caller, event.getFocusedOption().getName(),
                    event.getFocusedOption().getValue(), task == null ? null : task.getAsString());
            event.replyChoiceStrings(choices).queue(null, e -> log.debug("Autocomplete answer failed", e));
        });
    }

    private MessageEmbed answer(String name, CommandOptions options, Caller caller) {
        TasksSubcommand subcommand = command.subcommand(name).orElse(null);
        if (subcommand == null) {
            return TaskEmbeds.message("Unknown subcommand", "`/tasks " + name + "` is not a subcommand of this "
                    + "version of the bot.", true);
        }
        try {
            return subcommand.handle(options, caller);
        } catch (RefusedException e) {
            return TaskEmbeds.message("Not allowed", e.getMessage(), true);
        } catch (IllegalArgumentException e) {
            return TaskEmbeds.message("Cannot do that", e.getMessage(), true);
        } catch (RuntimeException e) {
            log.error("/tasks {} failed for {}", name, caller.actor(), e);
            return TaskEmbeds.message("Something went wrong", "The bot could not do that: " + e.getMessage()
                    + "\nNothing was changed unless the list says otherwise.", true);
        }
    }

    private Caller caller(Member member) {
        return new Caller(member.getIdLong(), member.getGuild().getIdLong(), member.getGuild().getName(),
                member.hasPermission(Permission.MANAGE_SERVER), operators.contains(member.getIdLong()));
    }
}
