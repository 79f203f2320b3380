package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.fake.ApiRequest;
import io.asynctournament.bot.discord.fake.ComponentReply;
import io.asynctournament.bot.discord.fake.FakeChannel;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.FakeMember;
import io.asynctournament.bot.discord.fake.Failure;
import io.asynctournament.bot.discord.fake.SlashReply;
import io.asynctournament.bot.notification.NotificationDispatcher;
import io.asynctournament.bot.notification.NotificationText;
import io.asynctournament.bot.notification.RetryBackoff;
import io.asynctournament.bot.testing.BotAgainstFakeDiscord;
import io.asynctournament.db.Database;
import io.asynctournament.db.generated.enums.NotificationStatus;
import io.asynctournament.db.notification.NotificationOutboxRepository;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.race.RaceViewRepository;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.races.OpenedRace;
import io.asynctournament.jobs.races.RaceStartService;
import io.asynctournament.jobs.races.RacerIdentity;
import io.asynctournament.jobs.runner.TaskRunner;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TaskType;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER_NOTIFICATION_SETTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notification delivery end to end (README "What racers receive"): the real bot (JDA, dispatcher, sweeps through the
 * TaskRunner, PostgreSQL with LISTEN/NOTIFY) against the fake Discord. Time moves with the bot's clock
 * ({@link OffsetClock}), not by sleeping; the fake keeps real time (its nonce memory, JDA's rate limits).
 */
class RaceNotificationsInDiscordTest {
    static final long GUILD_ID = 8201;
    static final long CHANNEL_ID = 8301;
    static FakeDiscord discord;
    static FakeGuild guild;
    static FakeChannel channel;
    static FakeMember racer;
    static FakeMember admin;
    static AnnotationConfigApplicationContext bot;
    static BotAgainstFakeDiscord running;

    private final DSLContext dsl = TestDatabase.get().dsl();
    private TournamentService tournaments;
    private TournamentRow tournament;
    private long poolId;
    private long startMessageId;
    private final List<NotificationDispatcher> extraDispatchers = new ArrayList<>();

    @BeforeAll
    static void start() {
        running = BotAgainstFakeDiscord.builder()
                .discord(fake -> {
                    guild = fake.guild(GUILD_ID, "Notice Club");
                    channel = guild.textChannel(CHANNEL_ID, "async-races");
                    racer = guild.member(51, "Link");
                    admin = guild.member(53, "admin", Permission.MANAGE_SERVER);
                })
                .env("DASHBOARD_PASSWORD", "race-test-password").env("NOTIFICATION_POLL_SECONDS", "1")
                .clock(OffsetClock.class).waitForConnection().start();
        discord = running.discord();
        bot = running.bot();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @BeforeEach
    void aTournament() {
        dsl.execute("truncate race, permalink, pool, tournament_admin, tournament, racer, audit_log, notification, "
                + "score_queue, race_score, racer_notification_setting restart identity cascade");
        tournaments = bot.getBean(TournamentService.class);
        Requester by = new Requester(admin.userId(), GUILD_ID, Set.of(), true, false);
        tournament = tournaments.create(by, "Notice Club", "Cup", CHANNEL_ID, 1, 0, false, null, null);
        tournaments.addPool(by, tournament, "Pool A");
        tournaments.addPermalink(by, tournament, "Pool A", "https://example.org/seed/1", null);
        poolId = dsl.select(POOL.ID).from(POOL).fetchSingle().value1();
        startMessageId = running.jda().getTextChannelById(CHANNEL_ID)
                .sendMessage(StartMessage.build(tournament, tournaments.timeouts(tournament))).complete().getIdLong();
    }

    @AfterEach
    void realTime() {
        extraDispatchers.forEach(NotificationDispatcher::stop);
        discord.stopFailing();
        discord.releaseGateway();
        OffsetClock.offset = Duration.ZERO;
        discord.assertNoSpecViolations();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_pending_sweep_warns_once_then_forfeits_both_in_the_thread_in_order_and_the_buttons_are_disabled() {
        long threadId = openRaceInDiscord(racer);
        long raceId = dsl.select(RACE.ID).from(RACE).fetchSingle().value1();
        Instant deadline = dsl.select(RACE.TIMEOUT_AT).from(RACE).fetchSingle().value1().toInstant();
        assertThat(dsl.select(RACE.RACE_MESSAGE_ID).from(RACE).fetchSingle().value1())
                .as("the race's first message is recorded").isEqualTo(messageId(discord.messages(threadId).get(0)));

        OffsetClock.offset = Duration.ofMinutes(11);
        sweepPending();
        sweepPending(); // a second tick warns no one twice
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.messages(threadId).size() == 2);
        String warning = content(discord.messages(threadId).get(1));
        assertThat(warning).startsWith("<@" + racer.userId() + "> ").contains("Press **Ready** by <t:"
                + deadline.getEpochSecond() + ":F>").contains("<t:" + deadline.getEpochSecond() + ":R>")
                .contains("Ready within 20 minutes").contains("10 minutes before the deadline");

        OffsetClock.offset = Duration.ofMinutes(21);
        sweepPending();
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.messages(threadId).size() == 3
                && statuses().equals(List.of(NotificationStatus.sent, NotificationStatus.sent)));
        List<Map<String, Object>> messages = discord.messages(threadId);
        assertThat(content(messages.get(2))).startsWith("<@" + racer.userId() + "> **Your race was forfeited**")
                .contains("<t:" + deadline.getEpochSecond() + ":F>").contains("gives 20 minutes");
        assertThat(disabled(discord.messages(threadId).get(0))).as("Ready and Forfeit disabled").containsOnly(true)
                .hasSize(2);
        assertThat(discord.messages(threadId)).hasSize(3);

        List<ApiRequest> posts = discord.requests("POST", "channels/" + threadId + "/messages");
        ApiRequest warningPost = posts.get(1);
        assertThat(warningPost.json()).containsEntry("enforce_nonce", true);
        assertThat(warningPost.json().get("nonce")).isEqualTo(NotificationDispatcher.nonce(firstNotificationId()));
        assertThat((Map<String, Object>) warningPost.json().get("allowed_mentions"))
                .as("mentions limited to the racer").containsEntry("parse", List.of())
                .containsEntry("users", List.of(Long.toString(racer.userId()))).doesNotContainKey("roles");
        Record row = dsl.selectFrom(NOTIFICATION).orderBy(NOTIFICATION.ID).limit(1).fetchSingle();
        assertThat(row.get(NOTIFICATION.MESSAGE_ID)).isEqualTo(messageId(messages.get(1)));
        assertThat(row.get(NOTIFICATION.ATTEMPTS)).isEqualTo(1);
        assertThat(raceId).isPositive();
    }

    @Test
    void the_in_progress_sweep_forfeit_is_posted_with_the_real_max_hours_and_disables_finish() {
        long threadId = openRaceInDiscord(racer);
        long raceId = dsl.select(RACE.ID).from(RACE).fetchSingle().value1();
        discord.button(guild.channel(threadId).orElseThrow(), racer, discord.messages(threadId).get(0),
                "race:ready:" + raceId);
        Instant go = dsl.select(RACE.STARTED_AT).from(RACE).fetchSingle().value1().toInstant();
        await().atMost(Duration.ofSeconds(15)).until(() -> discord.messages(threadId).size() == 2); // GO!

        OffsetClock.offset = Duration.ofHours(12).plusMinutes(1);
        sweep(TaskType.TIMEOUT_IN_PROGRESS);
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.messages(threadId).size() == 3
                && statuses().equals(List.of(NotificationStatus.sent)));
        String forfeit = content(discord.messages(threadId).get(2));
        assertThat(forfeit).startsWith("<@" + racer.userId() + "> **Your race was forfeited**")
                .contains("within Cup's 12 hours from GO").contains("GO was <t:" + go.getEpochSecond() + ":F>")
                .contains("the limit <t:" + go.plus(Duration.ofHours(12)).getEpochSecond() + ":F>");
        assertThat(disabled(discord.messages(threadId).get(0))).as("Finish, Forfeit, Timer disabled")
                .containsOnly(true).hasSize(3);
    }

    @Test
    void an_outage_of_the_gateway_and_rest_delays_100_forfeits_which_then_arrive_once_each_and_in_order() {
        List<Long> threads = racesWithThreads(100);
        int replays = discord.nonceReplays();
        OffsetClock.offset = Duration.ofMinutes(11);
        sweepPending();
        await().atMost(Duration.ofSeconds(40)).until(() -> threads.stream()
                .allMatch(t -> discord.messages(t).size() == 1));

        discord.failAll("*", "channels/.*", Failure.serverError(502));
        discord.holdGateway();
        discord.dropGateway();
        await().atMost(Duration.ofSeconds(10)).until(() -> running.jda().getStatus() != JDA.Status.CONNECTED);
        OffsetClock.offset = Duration.ofMinutes(21);
        assertThat(sweepPending().counts()).containsEntry("forfeited", 100);
        assertThat(countStatus(NotificationStatus.pending)).isEqualTo(100);

        discord.releaseGateway(); // the gateway is back, REST still answers 502: a probe fails, then backs off
        await().atMost(Duration.ofSeconds(40)).until(() -> dsl.fetchCount(NOTIFICATION,
                NOTIFICATION.LAST_ERROR.like("%502%")) > 0);
        assertThat(threads.stream().allMatch(t -> discord.messages(t).size() == 1)).isTrue();

        discord.stopFailing();
        // time passes: each look moves the bot's clock past the longest back-off (a delivery that was still failing
        // when REST came back may have paused this process's claims for up to RetryBackoff.CAP)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            OffsetClock.offset = OffsetClock.offset.plus(RetryBackoff.CAP).plusMinutes(1);
            bot.getBean(NotificationDispatcher.class).wake();
            return countStatus(NotificationStatus.sent) == 200;
        });
        for (long thread : threads) {
            List<String> texts = discord.messages(thread).stream().map(RaceNotificationsInDiscordTest::content)
                    .toList();
            assertThat(texts).as("thread " + thread).hasSize(2);
            assertThat(texts.get(0)).contains("has not started yet");
            assertThat(texts.get(1)).contains("was forfeited");
        }
        // exactly once in each thread (above), though a post whose answer was lost may have been sent again: the
        // nonce then returned the first message (replays since the outage began: counted, not limited)
        assertThat(discord.nonceReplays()).isGreaterThanOrEqualTo(replays);
        assertThat(dsl.fetchCount(NOTIFICATION, NOTIFICATION.ATTEMPTS.gt(1))).isPositive();
    }

    @Test
    void a_process_killed_between_the_post_and_the_mark_leaves_one_message_after_another_resends_it() {
        long threadId = openRaceInDiscord(racer);
        NotificationDispatcher live = bot.getBean(NotificationDispatcher.class);
        live.stop();
        try {
            OffsetClock.offset = Duration.ofMinutes(11);
            sweepPending();
            // the process that dies: claims the warning, posts it with its nonce, and is killed before the mark
            NotificationOutboxRepository outbox = new NotificationOutboxRepository(new AuditLogRepository());
            List<OutboxNotification> claimed = outbox.claim(dsl, "killed-process", OffsetClock.now(),
                    NotificationDispatcher.LEASE, 10);
            assertThat(claimed).hasSize(1);
            OutboxNotification warning = claimed.get(0);
            NotificationText text = bot.getBeansOfType(NotificationText.class).values().stream()
                    .filter(t -> t.kind().equals(warning.kind())).findFirst().orElseThrow();
            long first = running.jda().getThreadChannelById(threadId).sendMessage(text.render(warning,
                            new RaceViewRepository().find(dsl, warning.raceId()).orElseThrow()))
                    .setNonce(NotificationDispatcher.nonce(warning.id())).complete().getIdLong();

            int replays = discord.nonceReplays();
            OffsetClock.offset = Duration.ofMinutes(11).plus(NotificationDispatcher.LEASE).plusSeconds(1);
            NotificationDispatcher other = dispatcher("second-process");
            await().atMost(Duration.ofSeconds(10)).until(() -> statuses().equals(List.of(NotificationStatus.sent)));
            assertThat(discord.messages(threadId)).as("the race message and one warning").hasSize(2);
            assertThat(discord.nonceReplays()).isEqualTo(replays + 1);
            assertThat(dsl.select(NOTIFICATION.MESSAGE_ID, NOTIFICATION.ATTEMPTS).from(NOTIFICATION).fetchSingle())
                    .satisfies(r -> {
                        assertThat(r.value1()).as("the first post's message").isEqualTo(first);
                        assertThat(r.value2()).isEqualTo(2);
                    });
            assertThat(other.delivered()).isEqualTo(1);
        } finally {
            live.start();
        }
    }

    @Test
    void unknown_channel_is_undeliverable_and_audited_without_a_retry_loop_and_an_unknown_kind_too() {
        List<Long> threads = racesWithThreads(1);
        long threadId = threads.get(0);
        long raceId = dsl.select(RACE.ID).from(RACE).fetchSingle().value1();
        discord.deleteThreadByHand(threadId);
        OffsetClock.offset = Duration.ofMinutes(11);
        sweepPending();
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().equals(List.of(NotificationStatus.undeliverable)));
        assertThat(dsl.select(NOTIFICATION.OUTCOME).from(NOTIFICATION).fetchSingle().value1())
                .contains("Unknown Channel (10003)");
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("notification_undeliverable")
                .and(AUDIT_LOG.SUBJECT.eq("race:" + raceId)))).isEqualTo(1);
        int requests = discord.requests(".*", "channels/" + threadId + ".*").size();
        OffsetClock.offset = Duration.ofMinutes(18);
        bot.getBean(NotificationDispatcher.class).wake();
        pause(Duration.ofSeconds(2)); // two polls of the dispatcher (NOTIFICATION_POLL_SECONDS=1)
        assertThat(discord.requests(".*", "channels/" + threadId + ".*")).as("never retried").hasSize(requests);

        dsl.execute("truncate notification");
        new NotificationRepository().insert(dsl, raceId, "mystery_kind", Map.of(), OffsetClock.now());
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().equals(List.of(NotificationStatus.undeliverable)));
        assertThat(dsl.select(NOTIFICATION.OUTCOME).from(NOTIFICATION).fetchSingle().value1())
                .isEqualTo("no renderer for kind mystery_kind");
    }

    @Test
    void an_archived_thread_out_of_jdas_cache_is_looked_up_by_id_and_gets_its_message() {
        long threadId = openRaceInDiscord(racer);
        discord.archiveThreadByHand(threadId, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> running.jda().getThreadChannelById(threadId) == null
                || running.jda().getThreadChannelById(threadId).isArchived());
        OffsetClock.offset = Duration.ofMinutes(11);
        sweepPending();
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().equals(List.of(NotificationStatus.sent)));
        assertThat(discord.messages(threadId)).hasSize(2);
        assertThat(discord.requests("GET", "channels/" + threadId)).as("looked up by id").isNotEmpty();
        assertThat(guild.channel(threadId).orElseThrow().archived()).as("the post unarchived it").isFalse();
    }

    @Test
    void two_dispatchers_on_one_database_send_each_notification_once() {
        List<Long> threads = racesWithThreads(40);
        int replays = discord.nonceReplays();
        NotificationDispatcher live = bot.getBean(NotificationDispatcher.class);
        long before = live.delivered();
        NotificationDispatcher other = dispatcher("other-process");
        OffsetClock.offset = Duration.ofMinutes(11);
        sweepPending();
        await().atMost(Duration.ofSeconds(30)).until(() -> countStatus(NotificationStatus.sent) == 40);
        for (long thread : threads) {
            assertThat(discord.messages(thread)).as("thread " + thread).hasSize(1);
        }
        assertThat(live.delivered() - before + other.delivered()).isEqualTo(40);
        // each row claimed once, by one of the two: a second claim would count a second attempt
        assertThat(dsl.selectDistinct(NOTIFICATION.ATTEMPTS).from(NOTIFICATION).fetch(NOTIFICATION.ATTEMPTS))
                .containsExactly(1);
        // posts Discord took (a 429 is answered before anything is created, and JDA sends it again); on a loaded
        // machine JDA may also resend a post whose answer was slow, which the nonce makes the same message
        List<String> nonces = threads.stream().flatMap(t -> discord.requests("POST", "channels/" + t + "/messages")
                .stream()).filter(r -> r.status() == 200).map(r -> String.valueOf(r.json().get("nonce"))).toList();
        assertThat(nonces.stream().distinct()).hasSize(40);
        assertThat(nonces).hasSize(40 + discord.nonceReplays() - replays);
    }

    @Test
    void warnings_off_skips_the_warning_but_not_the_forfeit_and_closed_dms_are_recorded() {
        SlashReply shown = discord.slash(channel, racer, "async notifications", Map.of());
        assertThat(shown.content()).contains("Warnings before the deadline to press Ready: **on**")
                .contains("A copy by direct message: **off**");
        SlashReply saved = discord.slash(channel, racer, "async notifications", Map.of("warnings", "off", "dm", "on"));
        assertThat(saved.content()).contains("Saved").contains("Ready: **off**").contains("direct message: **on**");
        assertThat(dsl.selectFrom(RACER_NOTIFICATION_SETTING).fetchSingle().getWarnings()).isFalse();
        discord.closeDms(racer.userId(), true);

        long threadId = openRaceInDiscord(racer);
        OffsetClock.offset = Duration.ofMinutes(11);
        sweepPending();
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().equals(List.of(NotificationStatus.skipped)));
        OffsetClock.offset = Duration.ofMinutes(21);
        sweepPending();
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().equals(List.of(NotificationStatus.skipped,
                NotificationStatus.sent)));
        assertThat(discord.messages(threadId)).as("race message and the forfeit, no warning").hasSize(2);
        assertThat(content(discord.messages(threadId).get(1))).contains("was forfeited");
        assertThat(dsl.select(NOTIFICATION.DM_STATUS).from(NOTIFICATION).orderBy(NOTIFICATION.ID).fetch(NOTIFICATION.DM_STATUS))
                .containsExactly(null, "closed");
        assertThat(dsl.selectFrom(RACER_NOTIFICATION_SETTING).fetchSingle().getDmClosedAt()).isNotNull();
        assertThat(discord.dms(racer.userId())).isEmpty();
        assertThat(discord.slash(channel, racer, "async notifications", Map.of()).content())
                .contains("direct messages were closed");
    }

    @Test
    void with_dms_on_and_open_a_copy_goes_by_dm_as_well() {
        discord.closeDms(racer.userId(), false);
        discord.slash(channel, racer, "async notifications", Map.of("dm", "on"));
        long threadId = openRaceInDiscord(racer);
        OffsetClock.offset = Duration.ofMinutes(11);
        sweepPending();
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses().equals(List.of(NotificationStatus.sent)));
        assertThat(discord.messages(threadId)).hasSize(2);
        assertThat(discord.dms(racer.userId())).hasSize(1);
        assertThat(content(discord.dms(racer.userId()).get(0))).contains("has not started yet");
        assertThat(dsl.select(NOTIFICATION.DM_STATUS).from(NOTIFICATION).fetchSingle().value1()).isEqualTo("sent");
    }

    // --- helpers ---

    private long openRaceInDiscord(FakeMember member) {
        ComponentReply offer = discord.button(channel, member, startMessageId,
                StartMessage.startId(tournament.id()).encode());
        ComponentReply confirmation = discord.stringSelect(channel, member, offer.message(),
                "race:pool:" + tournament.id(), List.of(Long.toString(poolId)));
        ComponentReply confirmed = discord.button(channel, member, confirmation.message(),
                "race:confirm:" + tournament.id() + ":" + poolId);
        Matcher m = Pattern.compile("<#(\\d+)>").matcher(confirmed.content());
        assertThat(m.find()).as(confirmed.content()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Races of distinct racers opened now, each with a thread the fake holds (no Discord traffic to set up). */
    private List<Long> racesWithThreads(int count) {
        RaceStartService starts = bot.getBean(RaceStartService.class);
        Requester by = new Requester(admin.userId(), GUILD_ID, Set.of(), true, false);
        for (int i = 2; i <= count; i++) {
            tournaments.addPermalink(by, tournament, "Pool A", "https://example.org/seed/" + i, null);
        }
        List<Long> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long userId = 700_000 + i;
            OpenedRace race = starts.confirm(tournament.id(), poolId, new RacerIdentity(userId, "racer " + i,
                    Instant.parse("2020-01-01T00:00:00Z"), Set.of()), OffsetClock.now());
            FakeChannel thread = discord.threadByHand(channel, "racer " + i + " - Pool A", userId);
            assertThat(starts.attachThread(race.raceId(), thread.id())).isTrue();
            threads.add(thread.id());
        }
        return threads;
    }

    private NotificationDispatcher dispatcher(String processId) {
        Database database = bot.getBean(Database.class);
        NotificationDispatcher d = new NotificationDispatcher(() -> CompletableFuture.completedFuture(running.jda()),
                database.dataSource(), database.dsl(), bot.getBean(java.time.Clock.class), Duration.ofSeconds(1),
                List.copyOf(bot.getBeansOfType(NotificationText.class).values()), processId, new RetryBackoff());
        extraDispatchers.add(d);
        d.start();
        return d;
    }

    private io.asynctournament.jobs.runner.TaskRunResult sweepPending() {
        return sweep(TaskType.TIMEOUT_PENDING);
    }

    private io.asynctournament.jobs.runner.TaskRunResult sweep(TaskType type) {
        TaskCatalog.ResolvedTask task = bot.getBean(TaskCatalog.class).all().stream()
                .filter(t -> t.builtIn() && t.definition().type() == type).findFirst().orElseThrow();
        return bot.getBean(TaskRunner.class).run(task.definition(), task.scope(), "test");
    }

    private List<NotificationStatus> statuses() {
        return dsl.select(NOTIFICATION.STATUS).from(NOTIFICATION).orderBy(NOTIFICATION.ID).fetch().getValues(0,
                NotificationStatus.class);
    }

    private int countStatus(NotificationStatus status) {
        return dsl.fetchCount(NOTIFICATION, NOTIFICATION.STATUS.eq(status));
    }

    private long firstNotificationId() {
        return dsl.select(NOTIFICATION.ID).from(NOTIFICATION).orderBy(NOTIFICATION.ID).limit(1).fetchSingle().value1();
    }

    private static String content(Map<String, Object> message) {
        return String.valueOf(message.get("content"));
    }

    private static long messageId(Map<String, Object> message) {
        return Long.parseLong(String.valueOf(message.get("id")));
    }

    @SuppressWarnings("unchecked")
    private static List<Boolean> disabled(Map<String, Object> message) {
        List<Boolean> result = new ArrayList<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) message.get("components")) {
            for (Map<String, Object> button : (List<Map<String, Object>>) row.get("components")) {
                result.add(Boolean.TRUE.equals(button.get("disabled")));
            }
        }
        return result;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
