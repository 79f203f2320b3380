package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.DiscordConnection;
import io.asynctournament.jobs.errors.UserError;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A tournament's channel as the bot sees it in Discord: the permissions the bot needs there, and posting and
 * deleting its start message. Runs on a worker thread (it waits for Discord's answers).
 */
@Component
public final class TournamentChannels {
    /**
     * What the bot needs in a tournament's channel: the start message (View Channel, Send Messages, Embed Links) and
     * the racers' private threads (Create Private Threads, Send Messages in Threads, Manage Threads). README
     * "Admin guide".
     */
    public static final List<Permission> REQUIRED = List.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.CREATE_PRIVATE_THREADS, Permission.MESSAGE_SEND_IN_THREADS, Permission.MANAGE_THREADS,
            Permission.MESSAGE_EMBED_LINKS);

    private final ObjectProvider<DiscordConnection> connection;

    public TournamentChannels(ObjectProvider<DiscordConnection> connection) {
        this.connection = connection;
    }

    /**
     * The text channel, with every permission the bot needs there.
     *
     * @throws UserError not found when the channel is gone; refused naming the permissions the bot lacks there
     */
    public TextChannel usable(long guildId, long channelId) {
        TextChannel channel = find(guildId, channelId);
        if (channel == null) {
            throw UserError.notFound("The tournament's channel <#" + channelId + "> no longer exists (or the bot "
                    + "cannot see it); create the tournament again in an existing text channel.");
        }
        List<Permission> missing = missing(channel);
        if (!missing.isEmpty()) {
            throw UserError.refused(lacks(channel, missing) + ", then post again.");
        }
        return channel;
    }

    /**
     * The text channel, with every one of {@code needed} for the bot there (a channel other than the tournament's,
     * such as its live leaderboard's).
     *
     * @param purpose what the channel is for, for the messages ("the live leaderboard")
     * @throws UserError not found when the channel is gone or out of the bot's sight; refused naming the permissions
     *                   the bot lacks there
     */
    public TextChannel usable(long guildId, long channelId, List<Permission> needed, String purpose) {
        TextChannel channel = find(guildId, channelId);
        if (channel == null) {
            throw UserError.notFound("The bot cannot see <#" + channelId + "> (or it is not a text channel of this "
                    + "server); choose a text channel the bot can see for " + purpose + ".");
        }
        Set<Permission> has = channel.getGuild().getSelfMember().getPermissions(channel);
        List<Permission> missing = needed.stream().filter(p -> !has.contains(p)).toList();
        if (!missing.isEmpty()) {
            throw UserError.refused("The bot lacks " + names(missing) + " in " + channel.getAsMention() + ". For "
                    + purpose + " it needs " + names(needed) + " there: give them to its role in the channel's (or "
                    + "the server's) permissions, then try again.");
        }
        return channel;
    }

    /**
     * What stands in the way of posting in the channel, as a sentence, for a warning; empty when nothing does.
     */
    public Optional<String> problem(long guildId, long channelId) {
        TextChannel channel = find(guildId, channelId);
        if (channel == null) {
            return Optional.of("The bot cannot see <#" + channelId + ">.");
        }
        List<Permission> missing = missing(channel);
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(lacks(channel, missing) + " before `/async post`.");
    }

    private TextChannel find(long guildId, long channelId) {
        Guild guild = jda().getGuildById(guildId);
        return guild == null ? null : guild.getTextChannelById(channelId);
    }

    private static List<Permission> missing(TextChannel channel) {
        Set<Permission> has = channel.getGuild().getSelfMember().getPermissions(channel);
        return REQUIRED.stream().filter(p -> !has.contains(p)).toList();
    }

    private static String lacks(TextChannel channel, List<Permission> missing) {
        return "The bot lacks " + names(missing) + " in " + channel.getAsMention() + ". It needs " + names(REQUIRED)
                + " there: give them to its role in the channel's (or the server's) permissions";
    }

    /**
     * Posts a message and returns its id.
     *
     * @throws UserError refused when Discord refuses it for a missing permission
     */
    public long post(TextChannel channel, MessageCreateData message) {
        try {
            return channel.sendMessage(message).complete().getIdLong();
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.MISSING_PERMISSIONS
                    || e.getErrorResponse() == ErrorResponse.MISSING_ACCESS) {
                throw UserError.refused("Discord refused the message in " + channel.getAsMention() + ": "
                        + e.getMeaning() + ". The bot needs " + names(REQUIRED) + " there.");
            }
            throw e;
        }
    }

    /**
     * Deletes a message of the bot's.
     *
     * @return false when it was gone already (deleted by hand)
     */
    public boolean delete(TextChannel channel, long messageId) {
        try {
            channel.deleteMessageById(messageId).complete();
            return true;
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MESSAGE) {
                return false;
            }
            throw e;
        }
    }

    private JDA jda() {
        return connection.getObject().jda().orElseThrow(() -> new IllegalStateException("not logged in to Discord"));
    }

    private static String names(List<Permission> permissions) {
        List<String> names = permissions.stream().map(Permission::getName).toList();
        return String.join(", ", names);
    }
}
