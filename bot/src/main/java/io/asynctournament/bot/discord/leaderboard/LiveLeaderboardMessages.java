package io.asynctournament.bot.discord.leaderboard;

import io.asynctournament.bot.discord.DiscordConnection;
import io.asynctournament.jobs.leaderboards.Standings;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * The live leaderboard message in Discord: its content ({@link LeaderboardEmbeds#live}, no numbers while results
 * are hidden), and editing, posting and deleting it. Waits for Discord's answers (JDA's rate limiter queues them), so
 * it runs on a worker or the updater's thread.
 */
@Component
final class LiveLeaderboardMessages {
    private static final Logger log = LoggerFactory.getLogger(LiveLeaderboardMessages.class);

    private final ObjectProvider<DiscordConnection> connection;
    private final Clock clock;

    LiveLeaderboardMessages(ObjectProvider<DiscordConnection> connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    MessageCreateData create(Standings standings) {
        return new MessageCreateBuilder().setEmbeds(LeaderboardEmbeds.live(standings, clock.instant())).build();
    }

    MessageEditData edit(Standings standings) {
        return new MessageEditBuilder().setEmbeds(LeaderboardEmbeds.live(standings, clock.instant())).build();
    }

    /** The text channel, if the bot is logged in and sees it. */
    Optional<TextChannel> channel(long channelId) {
        return connection.getObject().jda().map(jda -> jda.getTextChannelById(channelId));
    }

    /** True when the bot is logged in to Discord. */
    boolean online() {
        return connection.getObject().jda().isPresent();
    }

    /** Deletes a message; false when it was gone already or could not be deleted (logged). */
    boolean deleteQuietly(long channelId, long messageId) {
        Optional<TextChannel> channel = channel(channelId);
        if (channel.isEmpty()) {
            return false;
        }
        try {
            channel.get().deleteMessageById(messageId).complete();
            return true;
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
                log.warn("Could not delete the live leaderboard message {} in channel {}: {}", messageId, channelId,
                        e.getMeaning());
            }
            return false;
        } catch (RuntimeException e) {
            log.warn("Could not delete the live leaderboard message {} in channel {}: {}", messageId, channelId,
                    e.toString());
            return false;
        }
    }
}
