package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.config.BotSettings;
import io.asynctournament.db.race.RaceThreadRepository;
import io.asynctournament.db.race.RaceThreadRepository.ThreadToArchive;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Archives the threads of ended races, {@code RACE_THREAD_ARCHIVE_MINUTES} (default 60) after the race ended, so that
 * a guild stays within Discord's 1,000 active threads (README "Racer guide"). Runs every minute in the bot process
 * while logged in to Discord, up to {@link #BATCH} threads a run; several bot processes may run it at once (archiving
 * twice is harmless, the record is conditional).
 *
 * <p>An active thread is in JDA's cache (Discord sends a guild's active threads on connect, and the bot created these
 * threads); one that is not there was archived already (by Discord after a week idle, or by a moderator) or deleted,
 * and is recorded as done. A thread Discord says is gone or out of the bot's reach is recorded as done too, with a
 * warning; any other failure (Discord unreachable) is tried again at the next run.
 */
@Component
public final class RaceThreadArchiver implements InitializingBean, DisposableBean {
    /** Threads archived at most per run. */
    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(RaceThreadArchiver.class);
    private static final Set<ErrorResponse> GIVE_UP = EnumSet.of(ErrorResponse.UNKNOWN_CHANNEL,
            ErrorResponse.MISSING_ACCESS, ErrorResponse.MISSING_PERMISSIONS);

    private final RaceDiscord discord;
    private final DSLContext dsl;
    private final Clock clock;
    private final Duration delay;
    private final RaceThreadRepository threads = new RaceThreadRepository();
    private ScheduledExecutorService timer;

    RaceThreadArchiver(RaceDiscord discord, DSLContext dsl, Clock clock, BotSettings settings) {
        this.discord = discord;
        this.dsl = dsl;
        this.clock = clock;
        this.delay = settings.raceThreadArchive();
    }

    @Override
    public void afterPropertiesSet() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "race-thread-archiver");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                archiveDue();
            } catch (RuntimeException e) {
                log.warn("Archiving race threads failed; trying again in a minute: {}", e.toString());
            }
        }, 1, 1, TimeUnit.MINUTES);
    }

    /**
     * Archives the threads of races that ended at least the delay ago and records them ({@code thread_archived_at}).
     *
     * @return how many were recorded; 0 while not logged in to Discord
     */
    public int archiveDue() {
        JDA jda = discord.jda().orElse(null);
        if (jda == null) {
            return 0;
        }
        Instant now = clock.instant();
        List<ThreadToArchive> due = threads.toArchive(dsl, now.minus(delay), BATCH);
        int done = 0;
        for (ThreadToArchive race : due) {
            ThreadChannel thread = jda.getThreadChannelById(race.threadId());
            try {
                if (thread != null && !thread.isArchived()) {
                    thread.getManager().setArchived(true).complete();
                }
            } catch (ErrorResponseException e) {
                if (!GIVE_UP.contains(e.getErrorResponse())) {
                    log.warn("Could not archive thread {} of race {}; trying again later: {}", race.threadId(),
                            race.raceId(), e.getMeaning());
                    continue;
                }
                log.warn("Thread {} of race {} cannot be archived ({}); recorded as done", race.threadId(),
                        race.raceId(), e.getMeaning());
            } catch (RuntimeException e) {
                log.warn("Could not archive thread {} of race {}; trying again later: {}", race.threadId(),
                        race.raceId(), e.toString());
                continue;
            }
            if (threads.markArchived(dsl, race.raceId(), now)) {
                done++;
            }
        }
        return done;
    }

    @Override
    public void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
