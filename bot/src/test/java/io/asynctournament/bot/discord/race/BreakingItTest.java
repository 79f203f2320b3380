package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.fake.ComponentReply;
import io.asynctournament.bot.discord.fake.FakeChannel;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.FakeMember;
import io.asynctournament.bot.discord.fake.InteractionReply;
import io.asynctournament.bot.discord.fake.SlashReply;
import io.asynctournament.bot.notification.NotificationDispatcher;
import io.asynctournament.bot.testing.BotAgainstFakeDiscord;
import io.asynctournament.db.generated.enums.NotificationStatus;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.races.RaceResultService;
import io.asynctournament.jobs.races.RaceStartService;
import io.asynctournament.jobs.races.RacerIdentity;
import io.asynctournament.jobs.runner.TaskRunResult;
import io.asynctournament.jobs.runner.TaskRunner;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TaskType;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.Permission;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.RACER_NOTIFICATION_SETTING;
import static io.asynctournament.db.generated.Tables.RACE_SCORE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attempts to break issues 12 and 13 (notification delivery, review, reattempts, corrections) as a careless or
 * hostile racer, a tournament admin and an operator would: end to end, the real bot against the fake Discord (set up
 * as in {@link RaceNotificationsInDiscordTest}), with a second server whose admin pokes at the first one's races.
 * Time moves with the bot's clock ({@link OffsetClock}).
 */
class BreakingItTest {
    static final long GUILD_ID = 8401;
    static final long CHANNEL_ID = 8411;
    static final long OTHER_GUILD_ID = 8402;
    static final long OTHER_CHANNEL_ID = 8412;
    static FakeDiscord discord;
    static FakeGuild guild;
    static FakeChannel channel;
    static FakeMember racer;
    static FakeMember admin;
    static FakeMember prankster;
    static FakeMember quitter;
    static FakeGuild otherGuild;
    static FakeChannel otherChannel;
    static FakeMember otherAdmin;
    static AnnotationConfigApplicationContext bot;
    static BotAgainstFakeDiscord running;

    private final DSLContext dsl = TestDatabase.get().dsl();
    private TournamentService tournaments;
    private TournamentRow tournament;
    private long poolId;
    private long startMessageId;

    @BeforeAll
    static void start() {
        running = BotAgainstFakeDiscord.builder()
                .discord(fake -> {
                    guild = fake.guild(GUILD_ID, "Break Club");
                    channel = guild.textChannel(CHANNEL_ID, "async-races");
                    racer = guild.member(81, "Link");
                    admin = guild.member(83, "admin", Permission.MANAGE_SERVER);
                    prankster = guild.member(84, "@everyone <@83> <@&8401>");
                    quitter = guild.member(85, "@here <@83>");
                    otherGuild = fake.guild(OTHER_GUILD_ID, "Other Club");
                    otherChannel = otherGuild.textChannel(OTHER_CHANNEL_ID, "general");
                    otherAdmin = otherGuild.member(91, "other-admin", Permission.MANAGE_SERVER);
                })
                .env("DASHBOARD_PASSWORD", "break-test-password").env("NOTIFICATION_POLL_SECONDS", "1")
                .clock(OffsetClock.class).waitForConnection()
                .waitForCommand(GUILD_ID, "async").waitForCommand(OTHER_GUILD_ID, "async").start();
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
        Requester by = adminRequester();
        tournament = tournaments.create(by, "Break Club", "Secret Cup", CHANNEL_ID, 1, 1, false, null, null);
        tournaments.addPool(by, tournament, "Pool A");
        tournaments.addPermalink(by, tournament, "Pool A", "https://example.org/seed/1", null);
        tournaments.addPermalink(by, tournament, "Pool A", "https://example.org/seed/2", null);
        poolId = dsl.select(POOL.ID).from(POOL).fetchSingle().value1();
        startMessageId = running.jda().getTextChannelById(CHANNEL_ID)
                .sendMessage(StartMessage.build(tournament, tournaments.timeouts(tournament))).complete().getIdLong();
    }

    @AfterEach
    void realTime() {
        bot.getBean(NotificationDispatcher.class).start();
        discord.closeDms(racer.userId(), false);
        OffsetClock.offset = Duration.ZERO;
        discord.assertNoSpecViolations();
    }

    // --- a warning written before /async extend, delivered after it ---

    @Test
    void a_warning_written_before_an_extension_but_delivered_after_it_is_superseded_not_sent_with_the_old_deadline() {
        long threadId = openRaceInDiscord(racer);
        long raceId = dsl.select(RACE.ID).from(RACE).fetchSingle().value1();
        Instant oldDeadline = dsl.select(RACE.TIMEOUT_AT).from(RACE).fetchSingle().value1().toInstant();
        NotificationDispatcher live = bot.getBean(NotificationDispatcher.class);
        live.stop(); // Discord is slow today: nothing goes out for a while
        OffsetClock.offset = Duration.ofMinutes(11);
        sweepPending();
        assertThat(dsl.fetchCount(NOTIFICATION)).as("the warning waits in the outbox").isEqualTo(1);

        SlashReply extended = discord.slash(channel, admin, "async extend", Map.of("race", raceId, "minutes", 30));
        assertThat(String.valueOf(extended.embeds().get(0).get("title"))).isEqualTo("Extended race " + raceId);
        Instant newDeadline = oldDeadline.plus(Duration.ofMinutes(30));

        live.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> dsl.fetchCount(NOTIFICATION,
                NOTIFICATION.STATUS.eq(NotificationStatus.pending)) == 0);
        List<String> texts = discord.messages(threadId).stream().map(BreakingItTest::content).toList();
        assertThat(texts).as("no message may tell the racer the deadline that no longer holds")
                .noneMatch(t -> t.contains("<t:" + oldDeadline.getEpochSecond() + ":"));
        assertThat(texts).as("the race message and the extension notice").hasSize(2);
        assertThat(texts.get(1)).contains("more time").contains("<t:" + newDeadline.getEpochSecond() + ":F>");
        assertThat(dsl.select(NOTIFICATION.STATUS).from(NOTIFICATION).orderBy(NOTIFICATION.ID)
                .fetch(NOTIFICATION.STATUS)).containsExactly(NotificationStatus.superseded, NotificationStatus.sent);

        // the racer is still warned before the new deadline, once, quoting it
        OffsetClock.offset = Duration.ofMinutes(41);
        sweepPending();
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.messages(threadId).size() == 3);
        assertThat(content(discord.messages(threadId).get(2))).contains("has not started yet")
                .contains("<t:" + newDeadline.getEpochSecond() + ":F>");
    }

    // --- DMs closed, then opened again ---

    @Test
    void closed_dms_once_recorded_are_forgotten_when_a_later_copy_goes_through() {
        discord.slash(channel, racer, "async notifications", Map.of("dm", "on"));
        discord.closeDms(racer.userId(), true);
        long threadId = openRaceInDiscord(racer);
        OffsetClock.offset = Duration.ofMinutes(11);
        sweepPending();
        await().atMost(Duration.ofSeconds(10)).until(() -> dsl.fetchCount(NOTIFICATION,
                NOTIFICATION.STATUS.eq(NotificationStatus.sent)) == 1);
        assertThat(discord.slash(channel, racer, "async notifications", Map.of()).content())
                .contains("direct messages were closed");

        discord.closeDms(racer.userId(), false); // the racer reads the hint and opens their DMs
        OffsetClock.offset = Duration.ofMinutes(21);
        sweepPending();
        await().atMost(Duration.ofSeconds(10)).until(() -> dsl.fetchCount(NOTIFICATION,
                NOTIFICATION.STATUS.eq(NotificationStatus.sent)) == 2);
        assertThat(discord.dms(racer.userId())).as("the forfeit's copy went by DM").hasSize(1);
        assertThat(dsl.select(NOTIFICATION.DM_STATUS).from(NOTIFICATION).orderBy(NOTIFICATION.ID)
                .fetch(NOTIFICATION.DM_STATUS)).containsExactly("closed", "sent");
        assertThat(discord.slash(channel, racer, "async notifications", Map.of()).content())
                .as("a DM went through since: the hint is out of date").doesNotContain("closed");
        assertThat(dsl.selectFrom(RACER_NOTIFICATION_SETTING).fetchSingle().getDmClosedAt()).isNull();
        assertThat(discord.messages(threadId)).hasSize(3);
    }

    // --- another server's admin and a race id of this server ---

    @Test
    void another_servers_admin_gets_no_such_race_for_reattempt_set_and_review_and_learns_nothing_of_it() {
        long raceId = finishedRun(racer.userId(), 3000);
        String before = snapshot();

        SlashReply set = discord.slash(otherChannel, otherAdmin, "async reattempt-set", Map.of("race", raceId,
                "reattempted", true, "reason", "hi from next door"));
        assertThat(text(set)).as(set.toString()).contains("This server has no race " + raceId)
                .doesNotContain("Secret Cup");
        assertThat(snapshot()).isEqualTo(before);

        ComponentReply accept = discord.modalSubmit(otherChannel, otherAdmin, "review:accept-form:" + raceId,
                Map.of("notes", "looks fine from here"));
        assertThat(text(accept)).as(accept.toString()).contains("no race " + raceId).doesNotContain("Secret Cup");
        ComponentReply reject = discord.modalSubmit(otherChannel, otherAdmin, "review:reject-form:" + raceId,
                Map.of("notes", "rejected from next door"));
        assertThat(text(reject)).as(reject.toString()).contains("no race " + raceId).doesNotContain("Secret Cup");
        assertThat(snapshot()).isEqualTo(before);

        // held: update-run, extend and audit already say so
        assertThat(text(discord.slash(otherChannel, otherAdmin, "async update-run", Map.of("race", raceId,
                "status", "forfeit", "reason", "x")))).contains("This server has no race " + raceId);
        assertThat(text(discord.slash(otherChannel, otherAdmin, "async audit", Map.of("race", raceId))))
                .contains("This server has no race " + raceId);
        assertThat(snapshot()).isEqualTo(before);
    }

    // --- a NUL in a reason or notes (a hostile client) ---

    @Test
    void a_nul_in_a_reason_or_notes_is_bad_input_saying_so_not_a_database_error() {
        long raceId = finishedRun(racer.userId(), 3000);
        String before = snapshot();

        SlashReply update = discord.slash(channel, admin, "async update-run", Map.of("race", raceId,
                "status", "forfeit", "reason", "left\u0000early"));
        assertThat(title(update)).as(update.toString()).isEqualTo("Cannot do that");
        assertThat(text(update)).contains("U+0000");
        SlashReply reattempt = discord.slash(channel, racer, "async reattempt", Map.of("race", Long.toString(raceId),
                "reason", "bad\u0000seed"));
        assertThat(title(reattempt)).as(reattempt.toString()).isEqualTo("Cannot do that");
        assertThat(text(reattempt)).contains("U+0000");
        SlashReply set = discord.slash(channel, admin, "async reattempt-set", Map.of("race", raceId,
                "reattempted", true, "reason", "x\u0000"));
        assertThat(title(set)).as(set.toString()).isEqualTo("Cannot do that");
        ComponentReply review = discord.modalSubmit(channel, admin, "review:reject-form:" + raceId,
                Map.of("notes", "too\u0000fast"));
        assertThat(text(review)).as(review.toString()).contains("U+0000");
        // the racer's own forms: VOD notes and a flag for review (the reviewers read both)
        ComponentReply vod = discord.modalSubmit(channel, racer, "race:vod-form:" + raceId,
                Map.of(VodButton.URL, "", VodButton.NOTES, "gg\u0000"));
        assertThat(text(vod)).as(vod.toString()).contains("U+0000");
        ComponentReply flag = discord.modalSubmit(channel, racer, "race:review-form:" + raceId,
                Map.of(ReviewButton.REASON, "look\u0000here"));
        assertThat(text(flag)).as(flag.toString()).contains("U+0000");
        assertThat(snapshot()).isEqualTo(before);

        // a reason over several lines is fine: a notes form is a paragraph
        SlashReply ok = discord.slash(channel, admin, "async update-run", Map.of("race", raceId,
                "status", "forfeit", "reason", "left early\nsee the VOD"));
        assertThat(title(ok)).isEqualTo("Corrected race " + raceId);
    }

    // --- a racer whose display name looks like a mention ---

    @Test
    @SuppressWarnings("unchecked")
    void a_racer_named_like_a_mention_pings_no_one_with_the_finish_or_forfeit_message_in_their_thread() {
        long finishThread = openRaceInDiscord(prankster);
        long finishRace = dsl.select(RACE.ID).from(RACE).where(RACE.THREAD_ID.eq(finishThread)).fetchSingle().value1();
        dsl.update(RACE).set(RACE.STATUS, RaceStatus.in_progress)
                .set(RACE.STARTED_AT, OffsetClock.now().minusSeconds(3000).atOffset(ZoneOffset.UTC))
                .where(RACE.ID.eq(finishRace)).execute();
        FakeChannel thread = guild.channel(finishThread).orElseThrow();
        Map<String, Object> running = new java.util.HashMap<>(discord.messages(finishThread).get(0));
        running.put("components", List.of(Map.of("type", 1, "components", List.of(Map.of("type", 2, "style", 3,
                "label", "Finish", "custom_id", "race:finish:" + finishRace)))));
        discord.button(thread, prankster, running, "race:finish:" + finishRace);
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.messages(finishThread).stream()
                .anyMatch(m -> content(m).contains("finished in")));

        long forfeitThread = openRaceInDiscord(quitter);
        long forfeitRace = dsl.select(RACE.ID).from(RACE).where(RACE.THREAD_ID.eq(forfeitThread)).fetchSingle()
                .value1();
        FakeChannel other = guild.channel(forfeitThread).orElseThrow();
        long raceMessage = Long.parseLong(String.valueOf(discord.messages(forfeitThread).get(0).get("id")));
        ComponentReply ask = discord.button(other, quitter, raceMessage, "race:forfeit:" + forfeitRace);
        discord.button(other, quitter, ask.message(), "race:forfeit-confirm:" + forfeitRace + ":" + raceMessage);
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.messages(forfeitThread).stream()
                .anyMatch(m -> content(m).contains("forfeited")));

        for (long threadId : List.of(finishThread, forfeitThread)) {
            var post = discord.requests("POST", "channels/" + threadId + "/messages").stream()
                    .filter(r -> String.valueOf(r.json().get("content")).contains("finished in")
                            || String.valueOf(r.json().get("content")).contains("forfeited"))
                    .findFirst().orElseThrow();
            Map<String, Object> allowed = (Map<String, Object>) post.json().get("allowed_mentions");
            assertThat(allowed).as("thread %s: %s", threadId, post.json()).isNotNull();
            assertThat((List<Object>) allowed.getOrDefault("parse", List.of())).as("no @everyone, roles or users "
                    + "from a name").isEmpty();
            assertThat((List<Object>) allowed.getOrDefault("users", List.of())).isEmpty();
            assertThat((List<Object>) allowed.getOrDefault("roles", List.of())).isEmpty();
        }
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

    /** A run of this Discord user, dealt and finished through the services, in {@code seconds}. */
    private long finishedRun(long discordUserId, double seconds) {
        Instant now = OffsetClock.now();
        long raceId = bot.getBean(RaceStartService.class).confirm(tournament.id(), poolId,
                new RacerIdentity(discordUserId, "racer " + discordUserId, Instant.EPOCH, Set.of()), now).raceId();
        bot.getBean(RaceStartService.class).attachThread(raceId, 900_000 + raceId);
        dsl.update(RACE).set(RACE.STATUS, RaceStatus.in_progress)
                .set(RACE.STARTED_AT, now.minusMillis((long) (seconds * 1000)).atOffset(ZoneOffset.UTC))
                .where(RACE.ID.eq(raceId)).execute();
        assertThat(bot.getBean(RaceResultService.class).finish(raceId, now, "discord:" + discordUserId)).isTrue();
        return raceId;
    }

    private TaskRunResult sweepPending() {
        TaskCatalog.ResolvedTask task = bot.getBean(TaskCatalog.class).all().stream()
                .filter(t -> t.builtIn() && t.definition().type() == TaskType.TIMEOUT_PENDING).findFirst()
                .orElseThrow();
        return bot.getBean(TaskRunner.class).run(task.definition(), task.scope(), "test");
    }

    /** Everything a refusal must not change (the outbox's delivery columns aside: the dispatcher runs). */
    private String snapshot() {
        return dsl.selectFrom(RACE).orderBy(RACE.ID).fetch().formatCSV()
                + dsl.selectFrom(RACER).orderBy(RACER.ID).fetch().formatCSV()
                + dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.ACTION.ne("notification_undeliverable"))
                .orderBy(AUDIT_LOG.ID).fetch().formatCSV()
                + dsl.select(NOTIFICATION.ID, NOTIFICATION.RACE_ID, NOTIFICATION.KIND).from(NOTIFICATION)
                .orderBy(NOTIFICATION.ID).fetch().formatCSV()
                + dsl.selectFrom(RACE_SCORE).orderBy(RACE_SCORE.RACE_ID).fetch().formatCSV()
                + dsl.selectFrom(PERMALINK).orderBy(PERMALINK.ID).fetch().formatCSV()
                + dsl.selectFrom(TOURNAMENT).orderBy(TOURNAMENT.ID).fetch().formatCSV();
    }

    private Requester adminRequester() {
        return new Requester(admin.userId(), GUILD_ID, Set.of(), true, false);
    }

    private static String title(InteractionReply reply) {
        return reply.embeds().isEmpty() ? "" : String.valueOf(reply.embeds().get(0).get("title"));
    }

    private static String text(InteractionReply reply) {
        return reply.embeds().isEmpty() ? String.valueOf(reply.content())
                : reply.embeds().get(0).get("title") + "\n" + reply.embeds().get(0).get("description");
    }

    private static String content(Map<String, Object> message) {
        return String.valueOf(message.get("content"));
    }
}
