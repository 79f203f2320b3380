package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.bot.discord.interaction.AutocompleteRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandHandler;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tasks.ConfigKey;
import io.asynctournament.jobs.tasks.TaskCatalog;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /tasks}: assembles its subcommands (one class each, Spring beans found by type, in their {@code @Order})
 * into the slash command, registered with default member
 * permission Manage Server and usable in guilds only; answers autocomplete for task ids (the tasks the caller may
 * manage) and config keys (those of the chosen task's type).
 */
@Component
public final class TasksCommand implements SlashCommandHandler {
    public static final String NAME = "tasks";

    private final Map<String, TasksSubcommand> subcommands = new LinkedHashMap<>();
    private final TaskGate gate;
    private final TaskCatalog catalog;

    public TasksCommand(List<TasksSubcommand> subcommands, TaskGate gate, TaskCatalog catalog) {
        subcommands.forEach(sub -> this.subcommands.put(sub.name(), sub));
        this.gate = gate;
        this.catalog = catalog;
    }

    /** The command's definition as Discord gets it. */
    @Override
    public SlashCommandData definition() {
        return Commands.slash(NAME, "Manage the bot's background tasks")
                .setContexts(InteractionContextType.GUILD)
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                .addSubcommands(subcommands.values().stream().map(TasksSubcommand::definition).toList());
    }

    /**
     * Runs the subcommand.
     *
     * @throws UserError (bad input) for a subcommand this version does not have (a stale registration)
     */
    @Override
    public Reply handle(SlashCommandRequest request) {
        String name = request.subcommand() == null ? "" : request.subcommand();
        TasksSubcommand subcommand = subcommand(name).orElseThrow(() -> UserError.badInput("`/tasks " + name
                + "` is not a subcommand of this version of the bot; accepted: " + String.join(", ",
                subcommands.keySet())));
        return Reply.embed(subcommand.handle(request.options(), request.caller()));
    }

    @Override
    public List<String> complete(AutocompleteRequest request) {
        return complete(request.caller(), request.focused(), request.typed(),
                request.options().string(TaskOptions.TASK).orElse(null));
    }

    /** The subcommand with this name, if any. */
    public Optional<TasksSubcommand> subcommand(String name) {
        return Optional.ofNullable(subcommands.get(name));
    }

    /**
     * Autocomplete choices (at most 25): task ids the caller may manage, or config keys of the chosen task's type.
     *
     * @param focused the option being typed ({@code task} or {@code key})
     * @param typed   what the caller typed so far
     * @param taskId  the task option's current value, for {@code key}
     */
    public List<String> complete(Caller caller, String focused, String typed, String taskId) {
        String prefix = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        List<String> values = switch (focused) {
            case TaskOptions.TASK -> gate.manageable(caller).stream().map(t -> t.definition().id()).toList();
            case TasksConfigureSubcommand.KEY -> catalog.find(taskId == null ? "" : taskId)
                    .filter(task -> gate.manageable(caller).stream()
                            .anyMatch(t -> t.definition().id().equals(task.definition().id())))
                    .map(task -> ConfigKey.of(task.definition().type()).stream().map(ConfigKey::name).toList())
                    .orElse(List.of());
            default -> List.of();
        };
        return values.stream().filter(v -> v.toLowerCase(Locale.ROOT).contains(prefix)).limit(25).toList();
    }
}
