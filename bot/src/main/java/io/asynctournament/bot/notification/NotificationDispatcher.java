package io.asynctournament.bot.notification;

import io.asynctournament.bot.database.PostgresListener;
import io.asynctournament.bot.discord.race.EndedRaceMessage;
import io.asynctournament.bot.logging.DatabaseUnreachable;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.NotificationStatus;
import io.asynctournament.db.notification.NotificationOutboxRepository;
import io.asynctournament.db.notification.NotificationPreferences;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.notification.RacerNotificationSettingRepository;
import io.asynctournament.db.race.RaceMessageRepository;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.db.race.RaceViewRepository;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Delivers the notification outbox to the races' threads (README "What racers receive"), in the bot process, once
 * logged in to Discord; it claims nothing while the gateway is not connected.
 *
 * <p>One loop thread claims due rows ({@link NotificationOutboxRepository#claim}: a lease of {@link #LEASE}, only a
 * race's oldest pending row, so a race's notifications go out in order) and hands each to a bounded pool of
 * {@link #CONCURRENCY} workers, so that different races go out in parallel and JDA's event threads never wait. It
 * is woken by {@code LISTEN notification_outbox} (a sweep or a racer's action committed), when a delivery ends, at
 * the next retry or lease end ({@code nextWake}), and at least every poll interval
 * ({@code NOTIFICATION_POLL_SECONDS}, default 30 s) as a safety net.
 *
 * <p>Each delivery: the renderer of its kind ({@link NotificationText}; a kind without one is undeliverable), then
 * superseded (the race moved on) or skipped (a warning, the racer turned warnings off) or posted in the thread with
 * the racer's mention, {@code allowed_mentions} limited to that racer, and the nonce {@link #nonce} with
 * {@code enforce_nonce} (JDA 6.5 always sends it): a resend after a process died between the post and the mark
 * returns the first message instead of posting twice. A race-ending kind then disables the race message's buttons;
 * a racer who asked for DMs gets a copy (closed DMs are recorded, the thread message stands).
 *
 * <p>Failures: 429 is JDA's (it waits and retries); Discord's 5xx, a refused or broken connection: the row is given
 * back, due again after its own {@link RetryBackoff} delay (by its attempts), and the dispatcher pauses all claims
 * for the back-off of its failures in a row, then sends one probe at a time until one goes through, so that an outage
 * costs a few attempts, not one per row, and a row that failed once is not held for the length of the outage; rows
 * claimed but not tried yet when a failure came are given back untried; any other 4xx (Unknown Channel, Missing Access, Missing Permissions, Unknown Message,
 * ...) marks it undeliverable with the reason, audited, never retried in a loop.
 */
public final class NotificationDispatcher implements SmartLifecycle {
    /** How long a claim holds: well within the few minutes Discord remembers a nonce. */
    public static final Duration LEASE = Duration.ofSeconds(60);
    /** Deliveries under way at once (Discord: 50 requests/s overall, 5 messages per 5 s per channel). */
    public static final int CONCURRENCY = 16;
    /** The channel the outbox trigger notifies at commit (V007). */
    static final String OUTBOX_CHANNEL = "notification_outbox";
    /** Discord error 50007: the user's DMs are closed to the bot. */
    static final ErrorResponse DMS_CLOSED = ErrorResponse.CANNOT_SEND_TO_USER;
    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final Duration DISCONNECTED_CHECK = Duration.ofSeconds(1);

    private final Supplier<CompletionStage<JDA>> discord;
    private final DataSource dataSource;
    private final DSLContext dsl;
    private final Clock clock;
    private final Duration pollInterval;
    private final Map<String, NotificationText> texts;
    private final String processId;
    private final RetryBackoff backoff;
    private final NotificationOutboxRepository outbox = new NotificationOutboxRepository(new AuditLogRepository());
    private final RaceViewRepository views = new RaceViewRepository();
    private final RaceThreads threads = new RaceThreads();
    private final RaceMessageRepository raceMessages = new RaceMessageRepository();
    private final RacerNotificationSettingRepository preferences = new RacerNotificationSettingRepository();
    private final Semaphore wakeUps = new Semaphore(0);
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong delivered = new AtomicLong();
    private final Set<String> kindsWithoutRenderer = ConcurrentHashMap.newKeySet();
    private final Object failureLock = new Object();
    private int failuresInARow; // guarded by failureLock
    private Instant pausedUntil; // guarded by failureLock
    private Instant failingSince; // guarded by failureLock
    private volatile boolean running;
    private volatile JDA jda;
    private Thread loop;
    private ExecutorService workers;
    private PostgresListener listener;

    /**
     * @param discord      completes with the JDA client once logged in (never while Discord is off)
     * @param dataSource   the database, for the LISTEN connection
     * @param pollInterval the safety-net poll (seconds to an hour)
     * @param texts        one renderer per kind
     * @param processId    this process's name in claims ({@code claimed_by}); unique among the bot processes
     * @throws IllegalArgumentException when two renderers claim the same kind
     */
    public NotificationDispatcher(Supplier<CompletionStage<JDA>> discord, DataSource dataSource, DSLContext dsl,
                                  Clock clock, Duration pollInterval, List<NotificationText> texts, String processId,
                                  RetryBackoff backoff) {
        this.discord = discord;
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.texts = texts.stream().collect(Collectors.toMap(NotificationText::kind, Function.identity(), (a, b) -> {
            throw new IllegalArgumentException("two renderers for notification kind " + a.kind() + ": "
                    + a.getClass().getName() + " and " + b.getClass().getName());
        }));
        this.processId = processId;
        this.backoff = backoff;
    }

    /** A process id for claims: host, JVM pid and a random suffix (two processes on one host differ). */
    public static String defaultProcessId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The Discord message nonce of a notification: {@code ntf<id>} (Discord allows 25 characters). */
    public static String nonce(long notificationId) {
        return "ntf" + notificationId;
    }

    /** This process's id in claims. */
    public String processId() {
        return processId;
    }

    /** Notifications this dispatcher posted (marked sent) since it started. */
    public long delivered() {
        return delivered.get();
    }

    /** Looks for due notifications now (instead of at the next poll or LISTEN wake-up). */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Starts delivering once logged in to Discord. */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        CompletionStage<JDA> loggedIn = discord.get();
        if (loggedIn != null) {
            loggedIn.thenAccept(this::startLoop);
        }
    }

    private synchronized void startLoop(JDA client) {
        if (!running || loop != null) {
            return;
        }
        jda = client;
        workers = Executors.newFixedThreadPool(CONCURRENCY, runnable -> {
            Thread thread = new Thread(runnable, "notification-sender");
            thread.setDaemon(true);
            return thread;
        });
        listener = new PostgresListener(dataSource, OUTBOX_CHANNEL, this::wake, "notification-listener");
        listener.start();
        loop = new Thread(this::loop, "notification-dispatcher");
        loop.setDaemon(true);
        loop.start();
        log.info("Delivering notifications as {} (poll every {} s)", processId, pollInterval.toSeconds());
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.close();
            listener = null;
        }
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop = null;
        }
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            }
            workers = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        boolean disconnected = false;
        while (running) {
            try {
                if (jda.getStatus() != JDA.Status.CONNECTED) {
                    if (!disconnected) {
                        log.info("Discord's gateway is not connected ({}): notifications wait", jda.getStatus());
                        disconnected = true;
                    }
                    await(DISCONNECTED_CHECK);
                    continue;
                }
                if (disconnected) {
                    log.info("Discord's gateway is connected again: delivering notifications");
                    disconnected = false;
                }
                Instant now = clock.instant();
                Instant paused = pausedUntil();
                if (paused != null && now.isBefore(paused)) {
                    await(shorter(pollInterval, Duration.between(now, paused)));
                    continue;
                }
                int free = CONCURRENCY - inFlight.size();
                if (failing()) {
                    free = Math.min(free, 1); // while Discord fails: one new delivery per round, a probe
                }
                if (free > 0) {
                    List<OutboxNotification> claimed = outbox.claim(dsl, processId, now, LEASE, free,
                            List.copyOf(inFlight));
                    for (OutboxNotification notification : claimed) {
                        inFlight.add(notification.id());
                        JDA client = jda;
                        workers.execute(() -> {
                            try {
                                deliver(client, notification);
                            } finally {
                                inFlight.remove(notification.id());
                                wake();
                            }
                        });
                    }
                    if (!claimed.isEmpty()) {
                        continue; // more may be due; a finished delivery wakes the loop when the pool is full
                    }
                }
                Duration wait = pollInterval;
                if (free > 0) {
                    Optional<Instant> next = outbox.nextWake(dsl, now);
                    if (next.isPresent()) {
                        wait = shorter(wait, Duration.between(now, next.get()));
                    }
                }
                await(wait);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Looking for notifications to deliver failed; trying again in {} s: {}",
                        pollInterval.toSeconds(), DatabaseUnreachable.reason(e).orElse(e.toString()), e);
                await(pollInterval);
            }
        }
    }

    /** Waits for a wake-up, at most {@code timeout} (at least 10 ms). */
    private void await(Duration timeout) {
        try {
            if (wakeUps.tryAcquire(Math.max(10, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** One notification, claimed by this process: sent, ended or given back, and marked. */
    void deliver(JDA client, OutboxNotification n) {
        try {
            Instant paused = pausedUntil();
            if (paused != null && clock.instant().isBefore(paused)) {
                // not tried: Discord failed just before; the row is due again at once, and this process claims
                // nothing until its pause ends (then one probe at a time)
                outbox.giveBack(dsl, n.id(), processId);
                return;
            }
            NotificationText text = texts.get(n.kind());
            if (text == null) {
                if (kindsWithoutRenderer.add(n.kind())) {
                    log.warn("No renderer for notification kind {}: such notifications are marked undeliverable",
                            n.kind());
                }
                undeliverable(n, "no renderer for kind " + n.kind());
                return;
            }
            Optional<RaceView> found = views.find(dsl, n.raceId());
            if (found.isEmpty()) {
                undeliverable(n, "race " + n.raceId() + " no longer exists");
                return;
            }
            RaceView race = found.get();
            Optional<String> superseded = text.supersededReason(n, race);
            if (superseded.isPresent()) {
                outbox.markEnded(dsl, n.id(), processId, NotificationStatus.superseded, superseded.get(),
                        clock.instant());
                return;
            }
            if (race.threadId() == null || race.racerDiscordUserId() == null) {
                undeliverable(n, race.threadId() == null ? "the race has no thread" : "the racer has no Discord user");
                return;
            }
            long userId = race.racerDiscordUserId();
            NotificationPreferences choices = preferences.findByDiscordUser(dsl, userId);
            if (text.isWarning() && !choices.warnings()) {
                outbox.markEnded(dsl, n.id(), processId, NotificationStatus.skipped,
                        "the racer turned warnings off (/async notifications)", clock.instant());
                return;
            }
            MessageCreateData message = addressed(text.render(n, race), userId);
            ThreadChannel thread = threads.thread(client, race.threadId());
            Message posted = threads.post(thread, message, nonce(n.id()));
            if (text.endsRace()) {
                disableButtons(client, thread, race);
            }
            String dmStatus = choices.dm() ? dm(client, userId, message, n, choices) : null;
            if (outbox.markSent(dsl, n.id(), processId, posted.getIdLong(), dmStatus, clock.instant())) {
                delivered.incrementAndGet();
            } else {
                log.info("Notification {} was posted but its claim had expired meanwhile; the other process's resend "
                        + "returns the same message (nonce {})", n.id(), nonce(n.id()));
            }
            succeeded();
        } catch (ErrorResponseException e) {
            if (transientFailure(e)) {
                retry(n, "Discord answered " + describe(e));
            } else {
                undeliverable(n, describe(e));
            }
        } catch (PermissionException e) {
            undeliverable(n, "Missing Permissions: " + e.getMessage());
        } catch (RuntimeException e) {
            if (DatabaseUnreachable.reason(e).isPresent()) {
                log.warn("Notification {}: the database failed; it is tried again when its claim expires",
                        n.id(), e);
                return;
            }
            retry(n, "Discord could not be reached: " + e);
        }
    }

    private void disableButtons(JDA client, ThreadChannel thread, RaceView race) {
        try {
            Long messageId = raceMessages.find(dsl, race.raceId()).orElse(null);
            threads.disableButtons(client, thread, messageId,
                    EndedRaceMessage.of(race, "**Forfeited** by the bot: the race scores 0 (see below)."));
        } catch (RuntimeException e) {
            log.warn("Could not disable the buttons of race {} in thread {}: {}", race.raceId(), race.threadId(),
                    e instanceof ErrorResponseException r ? describe(r) : e.toString());
        }
    }

    /**
     * The DM copy: {@code sent} (a closed DMs record of the racer is then cleared: they opened them again),
     * {@code closed} (recorded on the racer) or {@code failed}.
     */
    private String dm(JDA client, long userId, MessageCreateData message, OutboxNotification n,
                      NotificationPreferences choices) {
        try {
            threads.dm(client, userId, message, nonce(n.id()));
            if (choices.dmClosedAt() != null) {
                raceMessages.racerId(dsl, n.raceId()).ifPresent(id -> preferences.clearDmClosed(dsl, id));
            }
            return "sent";
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == DMS_CLOSED) {
                raceMessages.racerId(dsl, n.raceId()).ifPresent(id -> preferences.markDmClosed(dsl, id,
                        clock.instant()));
                return "closed";
            }
            log.warn("Could not send notification {} to user {} by DM: {}", n.id(), userId, describe(e));
            return "failed";
        } catch (RuntimeException e) {
            log.warn("Could not send notification {} to user {} by DM: {}", n.id(), userId, e.toString());
            return "failed";
        }
    }

    /** The racer's mention first, and mentions limited to that racer. */
    static MessageCreateData addressed(MessageCreateData rendered, long userId) {
        MessageCreateBuilder builder = MessageCreateBuilder.from(rendered);
        String mention = "<@" + userId + ">";
        String content = rendered.getContent();
        builder.setContent(content.isEmpty() ? mention : mention + " " + content);
        builder.setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
        builder.mentionUsers(userId);
        return builder.build();
    }

    private void undeliverable(OutboxNotification n, String reason) {
        log.warn("Notification {} ({}, race {}) is undeliverable: {}", n.id(), n.kind(), n.raceId(), reason);
        outbox.markUndeliverable(dsl, n.id(), processId, reason, clock.instant());
    }

    private void retry(OutboxNotification n, String error) {
        Instant now = clock.instant();
        Duration wait = backoff.delay(Math.max(1, n.attempts()));
        Duration pause;
        boolean first;
        synchronized (failureLock) {
            failuresInARow++;
            first = failingSince == null;
            if (first) {
                failingSince = now;
            }
            pause = backoff.delay(failuresInARow);
            pausedUntil = now.plus(pause);
        }
        if (first) {
            log.warn("Notification {} could not be delivered ({}): it and the others are tried again with a back-off "
                    + "of up to {} minutes; further failures are not logged until one goes through", n.id(), error,
                    RetryBackoff.CAP.toMinutes());
        }
        // the row's own back-off (by its attempts); the process's pause (by the failures in a row) holds back all
        // claims meanwhile, so that a row which failed once is not held for the length of a long outage
        outbox.retryLater(dsl, n.id(), processId, error, now.plus(wait));
    }

    private void succeeded() {
        Instant since;
        int failures;
        synchronized (failureLock) {
            since = failingSince;
            failures = failuresInARow;
            failingSince = null;
            failuresInARow = 0;
            pausedUntil = null;
        }
        if (since != null) {
            log.info("Notifications are delivered again, after {} failed attempt(s) since {}", failures, since);
        }
    }

    private boolean failing() {
        synchronized (failureLock) {
            return failingSince != null;
        }
    }

    private Instant pausedUntil() {
        synchronized (failureLock) {
            return pausedUntil;
        }
    }

    /** 5xx (JDA already retried 502, 503, 504 itself): it may pass. Any other error answer will not. */
    static boolean transientFailure(ErrorResponseException e) {
        if (e.getErrorResponse() == ErrorResponse.SERVER_ERROR) {
            return true;
        }
        return e.getResponse() != null && e.getResponse().code >= 500;
    }

    /** "Unknown Channel (10003)", "HTTP 502". */
    static String describe(ErrorResponseException e) {
        if (e.getErrorCode() > 0) {
            return e.getMeaning() + " (" + e.getErrorCode() + ")";
        }
        return e.getResponse() != null ? "HTTP " + e.getResponse().code : e.getMeaning();
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
