package io.asynctournament.bot.notification;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import net.dv8tion.jda.internal.JDAImpl;
import net.dv8tion.jda.internal.requests.RestActionImpl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Discord calls of a delivery, each completed on the calling (dispatcher worker) thread, never on JDA's.
 *
 * <p>A race's thread is taken from JDA's cache while it is active there; otherwise (archived threads leave the cache,
 * and a thread archived while the bot was away was never in it) it is looked up by id through REST
 * ({@code GET channels/{id}}, through JDA's requester and rate limiter; JDA has no public call for it, so this uses
 * JDA's internal {@code RestActionImpl} and entity builder). Posting to an archived thread that is not locked
 * unarchives it (Discord's threads documentation), so an archived thread still gets its message.
 *
 * <p>Every call first takes a permit of the request budget ({@link #budget}): one request per
 * {@link #REQUEST_SPACING}, about 47 a second, under Discord's global limit of 50 requests a second in any second.
 * JDA's rate limiter only reacts to a 429 (per-route buckets, and the global limit once hit); without the budget a
 * backlog sent by many workers at once runs into the global limit again and again (a 429 storm).
 */
final class RaceThreads {
    /** The least time between two of the dispatcher's requests: 21 ms, at most 48 in any second. */
    static final Duration REQUEST_SPACING = Duration.ofMillis(21);
    /** The longest a single Discord call may take, rate-limit waits and JDA's own 5xx retries included. */
    static final long CALL_TIMEOUT_SECONDS = 30;

    /** Messages looked at when the race's main message is not recorded (races opened before it was). */
    static final int HISTORY = 50;

    private final RateLimiter budget;

    /** With the default budget: one request per {@link #REQUEST_SPACING}, waiting at most a minute for a permit. */
    RaceThreads() {
        this(RateLimiter.of("discord-notifications", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(REQUEST_SPACING)
                .timeoutDuration(Duration.ofMinutes(1))
                .build()));
    }

    RaceThreads(RateLimiter budget) {
        this.budget = budget;
    }

    /** The request budget all deliveries of this process share. */
    RateLimiter budget() {
        return budget;
    }

    /**
     * Takes a permit, then runs the request on the calling thread, at most {@link #CALL_TIMEOUT_SECONDS}.
     *
     * @throws io.github.resilience4j.ratelimiter.RequestNotPermitted when no permit came within a minute
     */
    private <T> T call(RestAction<T> action) {
        RateLimiter.waitForPermission(budget);
        return action.timeout(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).complete();
    }

    /**
     * The thread with this id.
     *
     * @throws ErrorResponseException UNKNOWN_CHANNEL when it is gone, MISSING_ACCESS when the bot cannot see it
     * @throws IllegalStateException  when the channel is not a thread of a guild the bot is in
     */
    ThreadChannel thread(JDA jda, long threadId) {
        ThreadChannel cached = jda.getThreadChannelById(threadId);
        if (cached != null && !cached.isArchived()) {
            return cached;
        }
        DataObject json = call(new RestActionImpl<DataObject>(jda,
                Route.Channels.GET_CHANNEL.compile(Long.toUnsignedString(threadId)),
                (response, request) -> response.getObject()));
        int type = json.getInt("type", -1);
        if (type != 10 && type != 11 && type != 12) {
            throw new IllegalStateException("channel " + threadId + " is not a thread (type " + type + ")");
        }
        long guildId = json.getUnsignedLong("guild_id");
        if (jda.getGuildById(guildId) == null) {
            throw new IllegalStateException("thread " + threadId + " is in guild " + guildId
                    + ", which the bot does not see");
        }
        return ((JDAImpl) jda).getEntityBuilder().createThreadChannel(null, json, guildId, false);
    }

    /** Posts the message with this nonce ({@code enforce_nonce}: a resend returns the first message). */
    Message post(ThreadChannel thread, MessageCreateData message, String nonce) {
        return call(thread.sendMessage(message).setNonce(nonce));
    }

    /**
     * Sends a copy to the user by DM, with the same nonce.
     *
     * @throws ErrorResponseException CANNOT_SEND_TO_USER (50007) when the user's DMs are closed
     */
    Message dm(JDA jda, long userId, MessageCreateData message, String nonce) {
        return call(call(jda.openPrivateChannelById(userId)).sendMessage(message).setNonce(nonce));
    }

    /**
     * Disables the buttons of the race's messages: its main message ({@code ended}) when known, else every message
     * of the bot with enabled components among the thread's first {@link #HISTORY}.
     *
     * @return how many messages were edited
     */
    int disableButtons(JDA jda, ThreadChannel thread, Long raceMessageId, MessageEditData ended) {
        if (raceMessageId != null) {
            try {
                call(thread.editMessageById(raceMessageId, ended));
                return 1;
            } catch (ErrorResponseException e) {
                if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
                    throw e;
                }
                // deleted by hand: look for others below
            }
        }
        long self = jda.getSelfUser().getIdLong();
        List<Message> messages = call(MessageHistory.getHistoryFromBeginning(thread).limit(HISTORY))
                .getRetrievedHistory();
        int edited = 0;
        for (Message message : messages) {
            if (message.getAuthor().getIdLong() == self && !message.getComponents().isEmpty()
                    && !message.getComponentTree().asDisabled().equals(message.getComponentTree())) {
                call(message.editMessageComponents(message.getComponentTree().asDisabled().getComponents()));
                edited++;
            }
        }
        return edited;
    }
}
