package io.asynctournament.bot.discord.leaderboard;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.bot.discord.tournament.AsyncOptions;
import io.asynctournament.bot.discord.tournament.AsyncSubcommand;
import io.asynctournament.bot.discord.tournament.TournamentChannels;
import io.asynctournament.bot.discord.tournament.TournamentEmbeds;
import io.asynctournament.db.leaderboard.LiveLeaderboard;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.leaderboards.LeaderboardService;
import io.asynctournament.jobs.leaderboards.LiveLeaderboardService;
import io.asynctournament.jobs.leaderboards.Standings;
import io.asynctournament.jobs.tournaments.Requester;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * {@code /async live-leaderboard tournament channel}: posts the tournament's live leaderboard message in the channel
 * (tournament admins only), which the bot then keeps current by editing it ({@link LiveLeaderboardUpdater}). The
 * bot's permissions there ({@link #NEEDED}) are checked first. Posting again, in the same or another channel,
 * replaces the message: the new one is recorded before the old one is deleted.
 */
@Component
@Order(310)
public final class AsyncLiveLeaderboardSubcommand implements AsyncSubcommand {
    /** What the bot needs in the live leaderboard's channel: to see it, post there and show embeds. */
    public static final List<Permission> NEEDED = List.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.MESSAGE_EMBED_LINKS);
    private static final Logger log = LoggerFactory.getLogger(AsyncLiveLeaderboardSubcommand.class);

    private final LeaderboardService leaderboards;
    private final LiveLeaderboardService live;
    private final TournamentChannels channels;
    private final LiveLeaderboardMessages messages;

    public AsyncLiveLeaderboardSubcommand(LeaderboardService leaderboards, LiveLeaderboardService live,
                                          TournamentChannels channels, LiveLeaderboardMessages messages) {
        this.leaderboards = leaderboards;
        this.live = live;
        this.channels = channels;
        this.messages = messages;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("live-leaderboard", "Post a leaderboard message the bot keeps current")
                .addOptions(AsyncOptions.tournament(), new OptionData(OptionType.CHANNEL, "channel",
                        "The text channel to post it in", true).setChannelTypes(ChannelType.TEXT));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        Requester by = request.caller().requester();
        TournamentRow tournament = leaderboards.tournament(by, AsyncOptions.tournamentName(request.options()));
        live.requireAdmin(by, tournament);
        long channelId = request.options().mentionableId("channel")
                .orElseThrow(() -> UserError.badInput("the option 'channel' is required"));
        TextChannel channel = channels.usable(request.caller().guildId(), channelId, NEEDED, "the live leaderboard");
        Standings standings = leaderboards.standings(tournament);
        long messageId = channels.post(channel, messages.create(standings));
        Optional<LiveLeaderboard> previous;
        try {
            previous = live.record(by, tournament, channel.getIdLong(), messageId);
        } catch (RuntimeException e) {
            messages.deleteQuietly(channel.getIdLong(), messageId);
            throw e;
        }
        String replaced = previous.map(old -> messages.deleteQuietly(old.channelId(), old.messageId())
                ? " It replaces the previous one, which was deleted." : " The previous one was already gone "
                + "(or could not be deleted).").orElse("");
        String link = "https://discord.com/channels/" + request.caller().guildId() + "/" + channel.getId() + "/"
                + messageId;
        log.info("Live leaderboard of tournament {} posted in channel {} as message {}", tournament.id(),
                channel.getId(), messageId);
        return Reply.embed(TournamentEmbeds.done("Posted the live leaderboard of " + tournament.name(), "In "
                + channel.getAsMention() + ": " + link + ". The bot edits it within seconds of every change of the "
                + "standings." + replaced + (standings.hidden() ? "\nThe tournament hides results: the message says "
                + "so, and shows the standings once the tournament closes." : "")));
    }
}
