package io.asynctournament.bot.discord;

import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.requests.restaction.CommandListUpdateAction;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Registers the bot's slash commands when it connects: globally, or in each guild (when a guild becomes ready or the
 * bot joins one). The commands Discord already has are read first and nothing is uploaded when they are unchanged.
 */
public final class CommandRegistrar extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(CommandRegistrar.class);

    private final List<SlashCommandData> commands;
    private final boolean guildScoped;

    public CommandRegistrar(List<SlashCommandData> commands, boolean guildScoped) {
        this.commands = List.copyOf(commands);
        this.guildScoped = guildScoped;
    }

    @Override
    public void onReady(ReadyEvent event) {
        if (!guildScoped) {
            event.getJDA().retrieveCommands().queue(existing -> update(existing, event.getJDA().updateCommands(),
                    "globally"), e -> log.warn("Could not read the global commands", e));
        }
    }

    @Override
    public void onGuildReady(GuildReadyEvent event) {
        registerIn(event.getGuild());
    }

    @Override
    public void onGuildJoin(GuildJoinEvent event) {
        registerIn(event.getGuild());
    }

    private void registerIn(Guild guild) {
        if (guildScoped) {
            guild.retrieveCommands().queue(existing -> update(existing, guild.updateCommands(),
                    "in guild " + guild.getId()), e -> log.warn("Could not read the commands of guild {}",
                    guild.getId(), e));
        }
    }

    private void update(List<Command> existing, CommandListUpdateAction update, String where) {
        if (normalized(existing.stream().map(SlashCommandData::fromCommand).map(CommandData::toData).toList())
                .equals(normalized(commands.stream().map(CommandData::toData).toList()))) {
            log.info("Slash commands unchanged {}; nothing uploaded", where);
            return;
        }
        Consumer<List<Command>> done = result -> log.info("Slash commands registered {}: {}", where,
                result.stream().map(Command::getName).toList());
        update.addCommands(commands).queue(done, e -> log.warn("Could not register the slash commands {}", where, e));
    }

    /** A stable JSON form of command definitions, for comparing what Discord has with what we have. */
    private static String normalized(List<DataObject> data) {
        DataArray array = DataArray.empty();
        data.stream().map(CommandRegistrar::strip).sorted(Comparator.comparing(d -> d.getString("name")))
                .forEach(array::add);
        return array.toString();
    }

    private static DataObject strip(DataObject command) {
        DataObject copy = DataObject.fromJson(command.toJson());
        for (String volatileKey : List.of("id", "application_id", "guild_id", "version", "nsfw", "integration_types",
                "name_localizations", "description_localizations")) {
            copy.remove(volatileKey);
        }
        return DataObject.fromJson(sortKeys(copy.toString()));
    }

    private static String sortKeys(String json) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                    .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
            return mapper.writeValueAsString(mapper.readValue(json, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json;
        }
    }
}
