package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.bot.discord.race.StartMessage;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@code /async post}: posts the tournament's start message (with its "Start new async run" button) in its channel
 * and replaces the one posted before. First it checks the bot's own permissions there
 * ({@link TournamentChannels#REQUIRED}) and refuses naming the missing ones. The new message is recorded before the
 * old one is deleted, so a failure leaves at most two start messages, never none; an old message already deleted by
 * hand is no error.
 */
@Component
@Order(70)
public final class AsyncPostSubcommand implements AsyncSubcommand {
    private static final Logger log = LoggerFactory.getLogger(AsyncPostSubcommand.class);

    private final TournamentService tournaments;
    private final TournamentChannels channels;

    public AsyncPostSubcommand(TournamentService tournaments, TournamentChannels channels) {
        this.tournaments = tournaments;
        this.channels = channels;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("post", "Post (or post again) the tournament's start message in its channel")
                .addOptions(AsyncOptions.tournament());
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        Requester by = request.caller().requester();
        TournamentRow t = tournaments.find(by, AsyncOptions.tournamentName(request.options()));
        if (t.channelId() == null) {
            throw UserError.badInput(t.name() + " has no channel; it was imported, "
                    + "not created with /async create.");
        }
        TextChannel channel = channels.usable(request.caller().guildId(), t.channelId());
        long messageId = channels.post(channel, StartMessage.build(t, tournaments.timeouts(t)));
        Optional<Long> previous;
        try {
            previous = tournaments.recordStartMessage(by, t, channel.getIdLong(), messageId);
        } catch (RuntimeException e) {
            deleteQuietly(channel, messageId);
            throw e;
        }
        String replaced = previous.map(old -> {
            try {
                return channels.delete(channel, old) ? " It replaces the previous one, which was deleted."
                        : " The previous one was already gone.";
            } catch (RuntimeException e) {
                log.warn("Could not delete the previous start message {} of tournament {}: {}", old, t.id(),
                        e.toString());
                return " The previous one (" + old + ") could not be deleted: delete it by hand.";
            }
        }).orElse("");
        String link = "https://discord.com/channels/" + request.caller().guildId() + "/" + channel.getId() + "/"
                + messageId;
        return Reply.embed(TournamentEmbeds.done("Posted the start message of " + t.name(), "In "
                + channel.getAsMention() + ": " + link + "." + replaced
                + (t.active() ? "" : "\nThe tournament is closed: its button refuses new runs until `/async open`.")));
    }

    private void deleteQuietly(TextChannel channel, long messageId) {
        try {
            channels.delete(channel, messageId);
        } catch (RuntimeException e) {
            log.warn("Could not delete the start message {} that was not recorded: {}", messageId, e.toString());
        }
    }
}
