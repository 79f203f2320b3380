package io.asynctournament.bot.discord.race;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.jobs.races.RaceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Posts one "GO!" message in a race's thread at its GO instant. The countdown itself is a relative Discord timestamp
 * that counts down in the client, so a start costs two messages, never one a second (Discord limits messages per
 * channel). Nothing is posted if the race is no longer in progress by then (forfeited during the countdown). A GO
 * due while the bot was stopped is not posted: the race message shows the GO instant anyway.
 */
@Component
class GoAnnouncer implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(GoAnnouncer.class);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "race-go");
        thread.setDaemon(true);
        return thread;
    });
    private final RaceDiscord discord;
    private final RaceService races;
    private final Clock clock;

    GoAnnouncer(RaceDiscord discord, RaceService races, Clock clock) {
        this.discord = discord;
        this.races = races;
        this.clock = clock;
    }

    /** Posts "GO!" in the thread at {@code goAt} (UTC; at once if it has passed). */
    void announce(long raceId, long threadId, Instant goAt) {
        long delay = Math.max(0, Duration.between(clock.instant(), goAt).toMillis());
        timer.schedule(() -> post(raceId, threadId), delay, TimeUnit.MILLISECONDS);
    }

    private void post(long raceId, long threadId) {
        try {
            if (races.view(raceId).status() != RaceStatus.in_progress) {
                return;
            }
            discord.thread(threadId).ifPresent(thread -> thread.sendMessage("**GO!**").queue(null,
                    e -> log.warn("Could not post GO in thread {} of race {}: {}", threadId, raceId,
                            RaceDiscord.reason(e))));
        } catch (RuntimeException e) {
            log.warn("Could not post GO for race {}: {}", raceId, e.toString());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
