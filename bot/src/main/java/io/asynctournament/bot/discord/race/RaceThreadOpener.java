package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.races.OpenedRace;
import io.asynctournament.jobs.races.RaceStartService;
import io.asynctournament.jobs.races.RacerIdentity;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import io.asynctournament.db.race.RaceMessageRepository;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A confirmed start, end to end: the race (one transaction, {@link RaceStartService#confirm}), then its private
 * thread in the start message's channel, named {@code <display name> - <pool>}, that no one else can invite to and
 * that Discord does not auto-archive for a week (longer than any race runs), the racer added, the race's first
 * message posted, and the thread and that message recorded on the race. Runs on the router's worker thread, so each Discord call is
 * completed before the next step.
 *
 * <p>No race outlives a failed thread: if creating the thread, adding the racer or posting the message fails, the
 * thread is deleted and the race abandoned, and the racer is told why. No thread outlives a refused race: if the race
 * no longer takes a thread (it ended meanwhile), the thread is deleted.
 */
@Component
class RaceThreadOpener {
    private static final Logger log = LoggerFactory.getLogger(RaceThreadOpener.class);
    /** Discord's limit on a channel name, in characters. */
    static final int MAX_NAME = 100;

    private final RaceStartService starts;
    private final RaceDiscord discord;
    private final DSLContext dsl;
    private final RaceMessageRepository raceMessages = new RaceMessageRepository();

    RaceThreadOpener(RaceStartService starts, RaceDiscord discord, DSLContext dsl) {
        this.starts = starts;
        this.discord = discord;
        this.dsl = dsl;
    }

    /**
     * @return the new thread's id
     * @throws UserError as {@link RaceStartService#confirm}; refused when Discord would not create the thread
     */
    long open(long tournamentId, long poolId, ComponentRequest request) {
        RacerIdentity racer = Racers.identity(request.caller());
        OpenedRace race = starts.confirm(tournamentId, poolId, racer, request.receivedAt());
        TextChannel channel = discord.require().getTextChannelById(request.channelId());
        ThreadChannel thread;
        try {
            if (channel == null) {
                throw new IllegalStateException("the bot cannot see channel " + request.channelId()
                        + " as a text channel");
            }
            thread = channel.createThreadChannel(threadName(racer.displayName(), race.poolName()), true)
                    .setInvitable(false).setAutoArchiveDuration(ThreadChannel.AutoArchiveDuration.TIME_1_WEEK)
                    .complete();
        } catch (RuntimeException e) {
            throw abandon(race, racer, "creating the thread failed: " + RaceDiscord.reason(e), request);
        }
        long raceMessageId;
        try {
            thread.addThreadMemberById(racer.discordUserId()).complete();
            raceMessageId = thread.sendMessage(RaceMessages.pending(race, racer.discordUserId())).complete()
                    .getIdLong();
        } catch (RuntimeException e) {
            delete(thread);
            throw abandon(race, racer, "setting up the thread failed: " + RaceDiscord.reason(e), request);
        }
        if (!starts.attachThread(race.raceId(), thread.getIdLong())) {
            delete(thread);
            throw UserError.conflict("Your race changed while its thread was being created (it ended or was "
                    + "removed), so the thread was deleted. Press Start again.");
        }
        // the message whose buttons a forfeit by a sweep disables (the notification dispatcher)
        raceMessages.record(dsl, race.raceId(), raceMessageId);
        return thread.getIdLong();
    }

    /** {@code <display name> - <pool>}, cut to Discord's 100 characters. */
    static String threadName(String displayName, String pool) {
        String name = displayName + " - " + pool;
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME - 1) + "…";
    }

    private UserError abandon(OpenedRace race, RacerIdentity racer, String reason, ComponentRequest request) {
        log.warn("Race {} abandoned: {}", race.raceId(), reason);
        starts.abandon(race.raceId(), racer.actor(), reason, request.receivedAt());
        return UserError.refused("Your race could not be opened: " + reason + ". No race was started and nothing "
                + "counts against you; ask the tournament's admins to check the bot's permissions in <#"
                + request.channelId() + "> (Create Private Threads, Send Messages in Threads, Manage Threads).");
    }

    private static void delete(ThreadChannel thread) {
        try {
            thread.delete().complete();
        } catch (RuntimeException e) {
            log.error("Could not delete thread {} of a race that was not opened: {}", thread.getId(),
                    RaceDiscord.reason(e));
        }
    }
}
