package io.asynctournament.bot.discord.fake;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * The tiny bot the fake is tested with: records what each slash command carried and answers with the
 * response styles a real bot uses (deferred ephemeral embed, deferred message, direct reply, edit of original).
 */
final class TinyBot extends ListenerAdapter {
    /** What the listener saw of one slash command. */
    record Seen(long userId, String memberName, long guildId, long channelId, String name, String group,
            String subcommand, Map<String, Object> options) {}

    final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    /** Messages JDA parsed from the interaction callback's with_response body (direct replies). */
    final BlockingQueue<Message> callbackMessages = new LinkedBlockingQueue<>();

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (OptionMapping option : event.getOptions()) {
            options.put(option.getName(), switch (option.getType()) {
                case INTEGER -> option.getAsLong();
                case BOOLEAN -> option.getAsBoolean();
                case USER -> option.getAsMember() != null ? option.getAsMember().getIdLong() : option.getAsUser().getIdLong();
                default -> option.getAsString();
            });
        }
        seen.add(new Seen(event.getUser().getIdLong(), event.getMember().getEffectiveName(),
                event.getGuild().getIdLong(), event.getChannel().getIdLong(), event.getName(),
                event.getSubcommandGroup(), event.getSubcommandName(), options));

        switch (event.getFullCommandName()) {
            case "tasks pause" -> {
                event.deferReply(true).queue();
                event.getHook().sendMessageEmbeds(new EmbedBuilder()
                        .setTitle("Tasks paused")
                        .setDescription("reason: " + event.getOption("reason", "none", OptionMapping::getAsString))
                        .setColor(Color.ORANGE)
                        .build()).queue();
            }
            case "tasks resume" -> {
                event.deferReply(true).queue();
                event.getHook().sendMessage("resumed " + event.getOption("count", 0L, OptionMapping::getAsLong)
                        + " tasks").queue();
            }
            case "ping" -> event.reply("pong").setEphemeral(true)
                    .queue(hook -> callbackMessages.add(hook.getCallbackResponse().getMessage()));
            case "silent" -> { } // never answers
            case "status" -> {
                event.deferReply().queue();
                event.getHook().editOriginal("all systems go").queue();
            }
            default -> event.reply("unknown command").setEphemeral(true).queue();
        }
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        String typed = event.getFocusedOption().getValue();
        event.replyChoiceStrings(Stream.of("alpha", "alpine", "beta", "gamma")
                        .filter(s -> s.startsWith(typed))
                        .toList())
                .queue();
    }
}
