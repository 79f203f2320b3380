package io.asynctournament.bot.discord.leaderboard;

import io.asynctournament.bot.database.PostgresListener;
import io.asynctournament.db.Database;
import io.asynctournament.db.leaderboard.LiveLeaderboard;
import io.asynctournament.jobs.leaderboards.LeaderboardService;
import io.asynctournament.jobs.leaderboards.LiveLeaderboardService;
import io.asynctournament.jobs.leaderboards.Standings;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the live leaderboard messages current (README "Leaderboards"). The database is the truth: every change of the
 * standings of a tournament with a live message inserts a {@code leaderboard_change} row in the change's own
 * transaction, without locking the tournament, and notifies {@code leaderboard_changed} at commit (V009). This
 * updater LISTENs on a connection of its own ({@link PostgresListener}), and on a notification waits {@link #DEBOUNCE} for the rest of a burst,
 * then claims and edits each live message with changes, at most once per {@link #MIN_INTERVAL} per tournament (a
 * change inside that interval is edited when it ends: within {@code DEBOUNCE + MIN_INTERVAL}, about 4 s, of the
 * change). Every {@link #POLL} it looks for changes anyway (a notification lost while its connection was being
 * replaced, say).
 *
 * <p>Several bot processes may run it: an edit is claimed first by deleting the tournament's change rows in one
 * statement, so one process edits for a change. A message deleted by hand (Unknown Message) is posted again and its
 * new id recorded; a channel gone or out of the bot's reach is logged and left until the next change; any other
 * failure gives the claim back (a change row again) for the next pass.
 */
@Component
public final class LiveLeaderboardUpdater implements SmartLifecycle {
    /** The PostgreSQL notification channel of V009's {@code leaderboard_changed()}. */
    public static final String CHANNEL = "leaderboard_changed";
    /** The least time between two edits of one tournament's message. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(3);
    /** How long a notification waits for the rest of a burst before the edit. */
    public static final Duration DEBOUNCE = Duration.ofSeconds(1);
    /** How often changes are looked for without a notification. */
    public static final Duration POLL = Duration.ofSeconds(30);
    /** The least wait between passes without a notification (a due tournament that a pass could not claim yet). */
    private static final long MIN_WAIT_MS = 500;
    private static final Logger log = LoggerFactory.getLogger(LiveLeaderboardUpdater.class);
    private static final Set<ErrorResponse> GIVE_UP = EnumSet.of(ErrorResponse.UNKNOWN_CHANNEL,
            ErrorResponse.MISSING_ACCESS, ErrorResponse.MISSING_PERMISSIONS);

    private final Database database;
    private final LiveLeaderboardService live;
    private final LeaderboardService leaderboards;
    private final LiveLeaderboardMessages messages;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private PostgresListener listener;
    private volatile Instant nextDue;

    LiveLeaderboardUpdater(Database database, LiveLeaderboardService live, LeaderboardService leaderboards,
                           LiveLeaderboardMessages messages, Clock clock) {
        this.database = database;
        this.live = live;
        this.leaderboards = leaderboards;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Starts listening once the context is refreshed (every bean created: starting during bean creation would make
     * the Discord connection from this thread, ahead of the dashboard).
     */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "live-leaderboard");
        thread.setDaemon(true);
        thread.start();
        // it wakes the loop at once too, and after each reconnect: whatever changed while no one was listening
        listener = new PostgresListener(database.dataSource(), CHANNEL, this::wake, "live-leaderboard-listener");
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.close();
            listener = null;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /**
     * Passes when notified (after {@link #DEBOUNCE}, for the rest of a burst: one pass covers it), when the next
     * tournament's interval ends, and at least every {@link #POLL}.
     */
    private void loop() {
        try {
            while (running) {
                Instant now = clock.instant();
                Instant due = nextDue;
                long wait = due == null ? POLL.toMillis()
                        : Math.min(POLL.toMillis(), Math.max(MIN_WAIT_MS, Duration.between(now, due).toMillis()));
                if (wakeUps.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                    Thread.sleep(DEBOUNCE.toMillis());
                    wakeUps.drainPermits();
                }
                if (running) {
                    passQuietly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void passQuietly() {
        try {
            pass();
        } catch (RuntimeException e) {
            log.warn("Updating the live leaderboards failed; trying again in {} s", MIN_INTERVAL.toSeconds(), e);
            nextDue = clock.instant().plus(MIN_INTERVAL);
        }
    }

    /**
     * Claims and edits every live message with changes whose interval has passed; remembers when the next one is due.
     *
     * @return how many messages were edited (or posted again)
     */
    int pass() {
        if (!messages.online()) {
            nextDue = clock.instant().plus(MIN_INTERVAL);
            return 0;
        }
        int edited = 0;
        for (LiveLeaderboard claimed : live.claimDue(MIN_INTERVAL)) {
            try {
                if (edit(claimed)) {
                    edited++;
                }
            } catch (RuntimeException e) { // its standings could not be read: the other claims are still edited
                giveBack(claimed, e);
            }
        }
        Instant next = null;
        for (LiveLeaderboard waiting : live.withChanges()) { // claimed too recently, given back, or changed since
            Instant due = waiting.postedAt() == null ? clock.instant() : waiting.postedAt().plus(MIN_INTERVAL);
            next = next == null || due.isBefore(next) ? due : next;
        }
        nextDue = next;
        return edited;
    }

    /** Edits the claimed message; false when the claim was given back for a retry. */
    private boolean edit(LiveLeaderboard claimed) {
        long tournamentId = claimed.tournamentId();
        Optional<Standings> standings = leaderboards.standingsOf(tournamentId);
        Optional<TextChannel> channel = messages.channel(claimed.channelId());
        if (standings.isEmpty()) {
            return true;
        }
        if (channel.isEmpty()) {
            log.warn("The live leaderboard of tournament {} is in channel {}, which the bot cannot see: not updated "
                    + "(post it again with /async live-leaderboard)", tournamentId, claimed.channelId());
            return true;
        }
        try {
            channel.get().editMessageById(claimed.messageId(), messages.edit(standings.get())).complete();
            log.debug("Live leaderboard of tournament {} edited for the changes since {}", tournamentId,
                    claimed.changedSince());
            return true;
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MESSAGE) {
                return repost(claimed, channel.get(), standings.get());
            }
            if (GIVE_UP.contains(e.getErrorResponse())) {
                log.warn("Discord refused the edit of the live leaderboard of tournament {} in channel {}: {}; not "
                        + "updated until its next change", tournamentId, claimed.channelId(), e.getMeaning());
                return true;
            }
            return giveBack(claimed, e);
        } catch (RuntimeException e) {
            return giveBack(claimed, e);
        }
    }

    /** The message was deleted (by hand): a new one is posted and recorded in its place. */
    private boolean repost(LiveLeaderboard claimed, TextChannel channel, Standings standings) {
        try {
            long messageId = channel.sendMessage(messages.create(standings)).complete().getIdLong();
            if (!live.replaceDeleted(claimed.tournamentId(), claimed.messageId(), messageId)) {
                messages.deleteQuietly(channel.getIdLong(), messageId); // an admin posted a new one meanwhile
            } else {
                log.info("The live leaderboard message {} of tournament {} was deleted; posted it again as {}",
                        claimed.messageId(), claimed.tournamentId(), messageId);
            }
            return true;
        } catch (RuntimeException e) {
            return giveBack(claimed, e);
        }
    }

    private boolean giveBack(LiveLeaderboard claimed, RuntimeException e) {
        log.warn("Could not edit the live leaderboard of tournament {}: {}; trying again in {} s",
                claimed.tournamentId(), e.toString(), MIN_INTERVAL.toSeconds());
        try {
            live.giveBack(claimed);
        } catch (RuntimeException lost) {
            log.warn("Could not give back the claim of the live leaderboard of tournament {} either: it is edited at "
                    + "its next change", claimed.tournamentId(), lost);
        }
        return false;
    }
}
