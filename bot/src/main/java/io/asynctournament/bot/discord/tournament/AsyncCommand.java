package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.AutocompleteRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandHandler;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.tournament.TournamentSetupRepository.PoolSummary;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /async}: assembles its subcommands ({@link AsyncSubcommand} beans, one class each, in their {@code @Order};
 * a subcommand with a {@link AsyncSubcommand#group()} goes into that subcommand group, e.g. {@code /async pool add})
 * and routes to them. It is registered for every member, in guilds only: the admin subcommands are checked by the
 * tournament service (Manage Server, or the tournament's admin grant), and later subcommands are for racers.
 * Autocompletes the {@code tournament} option from the guild's tournaments and {@code pool} from the chosen
 * tournament's pools (for those who may run it).
 */
@Component
public final class AsyncCommand implements SlashCommandHandler {
    public static final String NAME = "async";
    private static final int MAX_CHOICES = 25;

    private final Map<String, AsyncSubcommand> subcommands = new LinkedHashMap<>();
    private final TournamentService tournaments;

    /**
     * @throws IllegalStateException when two subcommands have the same path (a bug)
     */
    public AsyncCommand(List<AsyncSubcommand> subcommands, TournamentService tournaments) {
        for (AsyncSubcommand sub : subcommands) {
            AsyncSubcommand previous = this.subcommands.put(sub.path(), sub);
            if (previous != null) {
                throw new IllegalStateException("two /async subcommands named '" + sub.path() + "': "
                        + previous.getClass().getName() + " and " + sub.getClass().getName());
            }
        }
        this.tournaments = tournaments;
    }

    @Override
    public SlashCommandData definition() {
        SlashCommandData command = Commands.slash(NAME, "Async tournaments: set them up and run them")
                .setContexts(InteractionContextType.GUILD)
                .setDefaultPermissions(DefaultMemberPermissions.ENABLED);
        Map<String, SubcommandGroupData> groups = new LinkedHashMap<>();
        List<SubcommandData> plain = new ArrayList<>();
        for (AsyncSubcommand sub : subcommands.values()) {
            if (sub.group() == null) {
                plain.add(sub.definition());
            } else {
                groups.computeIfAbsent(sub.group(), g -> new SubcommandGroupData(g, sub.groupDescription()))
                        .addSubcommands(sub.definition());
            }
        }
        return command.addSubcommands(plain).addSubcommandGroups(groups.values());
    }

    /**
     * Runs the subcommand.
     *
     * @throws UserError (bad input) for a subcommand this version does not have (a stale registration)
     */
    @Override
    public Reply handle(SlashCommandRequest request) {
        return subcommand(request.subcommandGroup(), request.subcommand()).orElseThrow(() -> UserError.badInput(
                "`/async " + path(request.subcommandGroup(), request.subcommand()) + "` is not a subcommand of this "
                        + "version of the bot; accepted: " + String.join(", ", subcommands.keySet())))
                .handle(request);
    }

    @Override
    public List<String> complete(AutocompleteRequest request) {
        String prefix = request.typed() == null ? "" : request.typed().strip().toLowerCase(Locale.ROOT);
        List<String> values = switch (request.focused()) {
            case AsyncOptions.TOURNAMENT -> tournaments.tournamentNames(request.caller().guildId());
            case AsyncOptions.POOL -> pools(request);
            default -> subcommand(request.subcommandGroup(), request.subcommand()).map(s -> s.complete(request))
                    .orElse(List.of());
        };
        return values.stream().filter(v -> v.toLowerCase(Locale.ROOT).contains(prefix)).limit(MAX_CHOICES).toList();
    }

    /** The subcommand at this group (or null) and name, if any. */
    public Optional<AsyncSubcommand> subcommand(String group, String name) {
        return Optional.ofNullable(subcommands.get(path(group, name)));
    }

    /** The pools of the chosen tournament, when the caller may run it; none otherwise. */
    private List<String> pools(AutocompleteRequest request) {
        Optional<String> tournament = request.options().string(AsyncOptions.TOURNAMENT);
        if (tournament.isEmpty()) {
            return List.of();
        }
        try {
            return tournaments.pools(tournaments.find(request.caller().requester(), tournament.get())).stream()
                    .map(PoolSummary::name).toList();
        } catch (UserError e) {
            return List.of();
        }
    }

    private static String path(String group, String name) {
        String sub = name == null ? "" : name;
        return group == null ? sub : group + " " + sub;
    }
}
