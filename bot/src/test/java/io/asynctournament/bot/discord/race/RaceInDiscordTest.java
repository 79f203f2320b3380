package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.fake.ComponentReply;
import io.asynctournament.bot.discord.fake.FakeChannel;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.FakeMember;
import io.asynctournament.bot.discord.fake.Failure;
import io.asynctournament.bot.testing.BotAgainstFakeDiscord;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.races.RaceService;
import io.asynctournament.jobs.races.RaceStartService;
import io.asynctournament.jobs.races.RacerIdentity;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import io.asynctournament.db.tournament.TournamentRow;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.utils.TimeUtil;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
import static io.asynctournament.db.generated.Tables.RACER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The race as the racer lives it (README "Racer guide"), end to end: the real bot (JDA, router, services, PostgreSQL)
 * against the fake Discord. Presses carry Discord's instants: the fake's interaction clock makes their ids, so a test
 * moves "when Discord received the press" apart from when the bot handles it.
 */
class RaceInDiscordTest {
    static final long GUILD_ID = 8001;
    static final long CHANNEL_ID = 8101;
    static FakeDiscord discord;
    static FakeGuild guild;
    static FakeChannel channel;
    static FakeMember racer;
    static FakeMember other;
    static FakeMember admin;
    static AnnotationConfigApplicationContext bot;
    static BotAgainstFakeDiscord running;

    private final DSLContext dsl = TestDatabase.get().dsl();
    private TournamentService tournaments;
    private TournamentRow tournament;
    private long poolId;
    private long startMessageId;
    private int threadsBefore;

    @BeforeAll
    static void start() {
        running = BotAgainstFakeDiscord.builder()
                .discord(fake -> {
                    guild = fake.guild(GUILD_ID, "Race Club");
                    channel = guild.textChannel(CHANNEL_ID, "async-races");
                    racer = guild.member(41, "Link");
                    other = guild.member(42, "Zelda");
                    admin = guild.member(43, "admin", Permission.MANAGE_SERVER);
                })
                .env("DASHBOARD_PASSWORD", "race-test-password")
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
                + "score_queue, race_score restart identity cascade");
        tournaments = bot.getBean(TournamentService.class);
        tournament = createTournament("Cup", false);
        threadsBefore = guild.threads().size();
    }

    @AfterEach
    void realTime() {
        discord.interactionClock(null);
        OffsetClock.offset = Duration.ZERO;
        discord.assertNoSpecViolations();
    }

    @Test
    void a_whole_race_from_start_to_a_scored_finish_is_read_back_from_the_thread() {
        Instant opened = now().minus(Duration.ofMinutes(5));
        pressAt(opened);
        ComponentReply offer = discord.button(channel, racer, startMessageId, StartMessage.startId(tournament.id())
                .encode());
        assertThat(offer.ephemeral()).isTrue();
        assertThat(offer.content()).contains("Cup").contains("choose the pool");
        ComponentReply confirmation = discord.stringSelect(channel, racer, offer.message(),
                "race:pool:" + tournament.id(), List.of(Long.toString(poolId)));
        String quoted = String.valueOf(confirmation.embeds().get(0).get("description"));
        assertThat(quoted).contains("point of no return").contains("**20 minutes** to press Ready")
                .contains("(confirming now: by <t:" + opened.plus(Duration.ofMinutes(20)).getEpochSecond() + ":t>)")
                .contains("warned 10 minutes before").contains("**12 hours** to finish").contains("scores 0");
        ComponentReply confirmed = discord.button(channel, racer, confirmation.message(),
                "race:confirm:" + tournament.id() + ":" + poolId);
        long threadId = threadOf(confirmed.content());

        FakeChannel thread = guild.channel(threadId).orElseThrow();
        assertThat(thread.type()).isEqualTo(FakeChannel.PRIVATE_THREAD);
        assertThat(thread.name()).isEqualTo("Link - Pool A");
        assertThat(thread.parentId()).isEqualTo(CHANNEL_ID);
        assertThat(thread.invitable()).as("no one else can invite").isFalse();
        assertThat(thread.autoArchiveMinutes()).as("a 12-hour race is never auto-archived").isGreaterThanOrEqualTo(1440);
        assertThat(thread.threadMembers()).contains(racer.userId());

        Record race = dsl.selectFrom(RACE).fetchSingle();
        long raceId = race.get(RACE.ID);
        Instant deadline = opened.truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofMinutes(20));
        assertThat(race.get(RACE.THREAD_ID)).isEqualTo(threadId);
        assertThat(race.get(RACE.STATUS)).isEqualTo(RaceStatus.pending);
        assertThat(race.get(RACE.TIMEOUT_AT).toInstant()).isEqualTo(deadline);
        List<Map<String, Object>> messages = discord.messages(threadId);
        assertThat(messages).hasSize(1);
        Map<String, Object> first = messages.get(0);
        Map<String, Object> embed = embed(first);
        assertThat(embed.get("title")).isEqualTo("Cup — Pool A");
        String fields = String.valueOf(embed.get("fields"));
        assertThat(fields).containsPattern("https://example.org/seed/[12]").contains("first seed notes")
                .contains("<t:" + deadline.getEpochSecond() + ":F>").contains("<t:" + deadline.getEpochSecond() + ":R>");
        assertThat(String.valueOf(embed.get("description"))).contains("10-second countdown").contains("12 hours");
        assertThat(buttons(first)).containsExactly("race:ready:" + raceId, "race:forfeit:" + raceId);

        Instant readyAt = now().minus(Duration.ofSeconds(9)).truncatedTo(ChronoUnit.MILLIS);
        pressAt(readyAt);
        ComponentReply ready = discord.button(guild.channel(threadId).orElseThrow(), racer, first,
                "race:ready:" + raceId);
        Instant goAt = readyAt.plus(RaceService.COUNTDOWN);
        assertThat(ready.updatedMessage()).containsEntry("content", "GO <t:" + goAt.getEpochSecond() + ":R>");
        assertThat(buttons(ready.updatedMessage())).containsExactly("race:finish:" + raceId,
                "race:forfeit:" + raceId, "race:timer:" + raceId);
        assertThat(dsl.select(RACE.STARTED_AT).from(RACE).fetchSingle().value1().toInstant()).isEqualTo(goAt);
        await().atMost(Duration.ofSeconds(5)).until(() -> discord.messages(threadId).size() == 2);
        assertThat(discord.messages(threadId).get(1)).containsEntry("content", "**GO!**");

        pressAt(goAt.plus(Duration.ofMillis(65_500)));
        ComponentReply timer = discord.button(thread, racer, messageId(first), "race:timer:" + raceId);
        assertThat(timer.ephemeral()).isTrue();
        assertThat(timer.content()).contains("Elapsed: **0:01:05.500**");

        pressAt(goAt.plus(Duration.ofSeconds(3723)).plusMillis(456));
        ComponentReply finish = discord.button(thread, racer, messageId(first), "race:finish:" + raceId);
        assertThat(String.valueOf(embed(finish.updatedMessage()).get("description")))
                .contains("Finished in **1:02:03.456**");
        assertThat(disabled(finish.updatedMessage())).as("every button of the race message is disabled")
                .containsOnly(true);
        Record finished = dsl.selectFrom(RACE).fetchSingle();
        assertThat(finished.get(RACE.STATUS)).isEqualTo(RaceStatus.finished);
        assertThat(finished.get(RACE.ELAPSED_SECONDS)).isEqualByComparingTo(new BigDecimal("3723.456"));
        List<Map<String, Object>> after = discord.messages(threadId);
        assertThat(after).hasSize(3);
        Map<String, Object> result = after.get(2);
        assertThat(String.valueOf(result.get("content"))).contains("**Link** finished in **1:02:03.456**")
                .contains("score **100.00**");
        assertThat(buttons(result)).containsExactly("race:vod:" + raceId, "race:review:" + raceId);
        assertThatThrownBy(() -> discord.button(thread, racer, messageId(first), "race:finish:" + raceId))
                .hasMessageContaining("disabled");

        pressAt(null);
        ComponentReply vodForm = discord.button(thread, racer, result, "race:vod:" + raceId);
        assertThat(vodForm.modal().customId()).isEqualTo("race:vod-form:" + raceId);
        ComponentReply vod = discord.modalSubmit(thread, racer, result, vodForm.modal().customId(),
                Map.of("url", "https://www.twitch.tv/videos/42", "notes", "clean run"));
        assertThat(vod.content()).contains("<https://www.twitch.tv/videos/42>").contains("9 characters");
        ComponentReply reviewForm = discord.button(thread, racer, result, "race:review:" + raceId);
        ComponentReply review = discord.modalSubmit(thread, racer, result, reviewForm.modal().customId(),
                Map.of("reason", "the timer skipped"));
        assertThat(review.content()).contains("Flagged for review");
        Record end = dsl.selectFrom(RACE).fetchSingle();
        assertThat(end.get(RACE.VOD_URL)).isEqualTo("https://www.twitch.tv/videos/42");
        assertThat(end.get(RACE.RACER_NOTES)).isEqualTo("clean run");
        assertThat(end.get(RACE.REVIEW_REQUEST_REASON)).isEqualTo("the timer skipped");
        assertThat(dsl.select(AUDIT_LOG.ACTION).from(AUDIT_LOG).where(AUDIT_LOG.ACTOR.eq("discord:41"))
                .orderBy(AUDIT_LOG.ID).fetch(AUDIT_LOG.ACTION))
                .contains("race_open", "race_ready", "race_vod", "race_review_request");
    }

    @Test
    void every_refusal_at_start_is_answered_ephemerally_and_changes_nothing() {
        String before = snapshot();
        Requester by = adminRequester();
        tournaments.setOpen(by, tournament, false);
        before = snapshot();
        assertRefused(racer, "is closed: it takes no new runs");
        assertThat(snapshot()).isEqualTo(before);
        tournaments.setOpen(by, tournament, true);

        TournamentRow withRole = createTournament("Role Cup", false, null, 777L);
        long roleStart = startMessageId;
        before = snapshot();
        assertRefused(racer, withRole, roleStart, "needs the <@&777> role");
        assertThat(snapshot()).isEqualTo(before);

        TournamentRow aged = createTournament("Old Cup", false, 30, null);
        FakeMember young = guild.memberById(youngId()).orElseGet(() -> guild.member(youngId(), "Young"));
        before = snapshot();
        assertRefused(young, aged, startMessageId, "takes accounts at least 30 day(s) old");
        assertThat(snapshot()).isEqualTo(before);

        // No runs left: the only run of the only pool is played (forfeited) already.
        RaceStartService starts = bot.getBean(RaceStartService.class);
        RacerIdentity link = new RacerIdentity(racer.userId(), "Link", Instant.EPOCH, Set.of());
        long cupPool = dsl.select(POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(tournament.id())).fetchSingle()
                .value1();
        long played = starts.confirm(tournament.id(), cupPool, link, now()).raceId();
        starts.attachThread(played, 1);
        bot.getBean(RaceService.class).forfeit(played, racer.userId(), now());
        before = snapshot();
        assertRefused(racer, tournament, startMessageIdOf(tournament), "You have no runs left in Cup");
        assertThat(snapshot()).isEqualTo(before);

        // A race already open: the reply links its thread. Cancel on a confirmation records nothing either.
        TournamentRow second = createTournament("Second Cup", false, null, null);
        long threadId = openRace(racer, second, startMessageId);
        before = snapshot();
        assertRefused(racer, second, startMessageId, "You already have a pending race in Second Cup: <#" + threadId + ">");
        assertThat(snapshot()).isEqualTo(before);

        TournamentRow third = createTournament("Third Cup", false, null, null);
        long thirdPool = dsl.select(POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(third.id())).fetchSingle().value1();
        ComponentReply offer = discord.button(channel, other, startMessageId, StartMessage.startId(third.id()).encode());
        ComponentReply confirmation = discord.stringSelect(channel, other, offer.message(),
                "race:pool:" + third.id(), List.of(Long.toString(thirdPool)));
        before = snapshot();
        ComponentReply cancelled = discord.button(channel, other, confirmation.message(), "race:cancel:" + third.id());
        assertThat(cancelled.updatedMessage()).containsEntry("content", "Cancelled: no race was started.");
        assertThat(cancelled.components()).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void ready_after_the_deadline_before_any_sweep_is_refused_and_forfeits_at_once() {
        long threadId = openRace(racer, tournament, startMessageId);
        Record race = dsl.selectFrom(RACE).fetchSingle();
        Instant late = race.get(RACE.TIMEOUT_AT).toInstant().plus(Duration.ofMinutes(1));
        pressAt(late);
        Map<String, Object> message = discord.messages(threadId).get(0);
        ComponentReply ready = discord.button(guild.channel(threadId).orElseThrow(), racer, message,
                "race:ready:" + race.get(RACE.ID));

        assertThat(String.valueOf(embed(ready.updatedMessage()).get("description"))).contains("after the deadline")
                .contains("**forfeited** and scores 0");
        assertThat(disabled(ready.updatedMessage())).containsOnly(true);
        Record after = dsl.selectFrom(RACE).fetchSingle();
        assertThat(after.get(RACE.STATUS)).isEqualTo(RaceStatus.forfeit);
        assertThat(after.get(RACE.STARTED_AT)).isNull();
        assertThat(after.get(RACE.ENDED_AT).toInstant()).isEqualTo(late.truncatedTo(ChronoUnit.MILLIS));
        assertThat(dsl.fetchCount(NOTIFICATION)).as("the racer is told, as by the sweep").isEqualTo(1);
    }

    @Test
    void ready_pressed_before_the_deadline_but_processed_after_it_is_accepted() throws Exception {
        long threadId = openRace(racer, tournament, startMessageId);
        Record race = dsl.selectFrom(RACE).fetchSingle();
        Instant deadline = race.get(RACE.TIMEOUT_AT).toInstant();
        Instant pressed = deadline.minusSeconds(1);
        OffsetClock.offset = Duration.between(now(), deadline.plus(Duration.ofMinutes(5))); // the bot runs late
        pressAt(pressed);
        CompletableFuture<Void> held = holdRaceRow(race.get(RACE.ID), Duration.ofSeconds(2));
        ComponentReply ready = discord.button(guild.channel(threadId).orElseThrow(), racer,
                discord.messages(threadId).get(0), "race:ready:" + race.get(RACE.ID));
        held.join();

        assertThat(ready.updatedMessage().get("content")).asString().startsWith("GO <t:");
        Record after = dsl.selectFrom(RACE).fetchSingle();
        assertThat(after.get(RACE.STATUS)).isEqualTo(RaceStatus.in_progress);
        assertThat(after.get(RACE.STARTED_AT).toInstant()).isEqualTo(pressed.plus(RaceService.COUNTDOWN));
    }

    @Test
    void a_finish_processed_late_records_the_elapsed_time_of_the_press_and_hides_the_score_when_asked() throws Exception {
        TournamentRow hidden = createTournament("Hidden Cup", true, null, null);
        long threadId = openRace(racer, hidden, startMessageId);
        long raceId = dsl.select(RACE.ID).from(RACE).fetchSingle().value1();
        FakeChannel thread = guild.channel(threadId).orElseThrow();
        long messageId = messageId(discord.messages(threadId).get(0));
        Instant readyAt = now().truncatedTo(ChronoUnit.MILLIS);
        pressAt(readyAt);
        discord.button(thread, racer, messageId, "race:ready:" + raceId);

        Instant finishAt = readyAt.plus(RaceService.COUNTDOWN).plusSeconds(30);
        pressAt(finishAt);
        CompletableFuture<Void> held = holdRaceRow(raceId, Duration.ofSeconds(3));
        ComponentReply finish = discord.answerTimeout(Duration.ofSeconds(15)).button(thread, racer, messageId,
                "race:finish:" + raceId);
        held.join();
        discord.answerTimeout(FakeDiscord.ANSWER_TIMEOUT);

        assertThat(finish.ackAfter()).isLessThan(Duration.ofSeconds(3));
        Record race = dsl.selectFrom(RACE).fetchSingle();
        assertThat(race.get(RACE.ELAPSED_SECONDS)).isEqualByComparingTo(new BigDecimal("30.000"));
        assertThat(race.get(RACE.FINISHED_AT).toInstant()).isEqualTo(finishAt);
        String result = String.valueOf(discord.messages(threadId).stream()
                .filter(m -> String.valueOf(m.get("content")).contains("finished in")).findFirst().orElseThrow()
                .get("content"));
        assertThat(result).contains("finished in **0:00:30.000**").doesNotContain("score");
    }

    @Test
    void a_double_confirm_creates_one_race_and_one_thread() {
        ComponentReply offer = discord.button(channel, racer, startMessageId, StartMessage.startId(tournament.id())
                .encode());
        ComponentReply confirmation = discord.stringSelect(channel, racer, offer.message(),
                "race:pool:" + tournament.id(), List.of(Long.toString(poolId)));
        String confirm = "race:confirm:" + tournament.id() + ":" + poolId;
        CompletableFuture<ComponentReply> a = CompletableFuture.supplyAsync(
                () -> discord.button(channel, racer, confirmation.message(), confirm));
        CompletableFuture<ComponentReply> b = CompletableFuture.supplyAsync(
                () -> discord.button(channel, racer, confirmation.message(), confirm));
        List<String> answers = List.of(a.join().content(), b.join().content());
        ComponentReply third = discord.button(channel, racer, confirmation.message(), confirm);

        assertThat(dsl.fetchCount(RACE)).isEqualTo(1);
        assertThat(newThreads()).hasSize(1);
        assertThat(answers).filteredOn(c -> c.startsWith("Your race is open")).hasSize(1);
        assertThat(String.valueOf(third.embeds().get(0).get("description")))
                .contains("You already have a pending race in Cup: <#" + newThreads().get(0).id() + ">");
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("race_open"))).isEqualTo(1);
    }

    @Test
    void concurrent_ready_presses_yield_one_start_and_one_go() {
        long threadId = openRace(racer, tournament, startMessageId);
        long raceId = dsl.select(RACE.ID).from(RACE).fetchSingle().value1();
        FakeChannel thread = guild.channel(threadId).orElseThrow();
        Map<String, Object> message = discord.messages(threadId).get(0);
        pressAt(now().minusSeconds(9));
        List<CompletableFuture<ComponentReply>> presses = List.of(
                CompletableFuture.supplyAsync(() -> discord.button(thread, racer, message, "race:ready:" + raceId)),
                CompletableFuture.supplyAsync(() -> discord.button(thread, racer, message, "race:ready:" + raceId)),
                CompletableFuture.supplyAsync(() -> discord.button(thread, racer, message, "race:ready:" + raceId)));
        List<ComponentReply> replies = presses.stream().map(CompletableFuture::join).toList();

        assertThat(replies).filteredOn(r -> !r.updatedMessage().isEmpty()).hasSize(1);
        assertThat(replies).filteredOn(r -> r.updatedMessage().isEmpty())
                .allSatisfy(r -> assertThat(String.valueOf(r.embeds().get(0).get("description")))
                        .contains("The race already started"));
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("race_ready"))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> discord.messages(threadId).size() == 2);
        assertThat(discord.messages(threadId)).filteredOn(m -> "**GO!**".equals(m.get("content"))).hasSize(1);
    }

    @Test
    void a_press_by_someone_else_is_not_their_race_and_changes_nothing() {
        long threadId = openRace(racer, tournament, startMessageId);
        long raceId = dsl.select(RACE.ID).from(RACE).fetchSingle().value1();
        FakeChannel thread = guild.channel(threadId).orElseThrow();
        long messageId = messageId(discord.messages(threadId).get(0));
        String before = snapshot();
        for (String button : List.of("ready", "forfeit")) {
            ComponentReply refused = discord.button(thread, other, messageId, "race:" + button + ":" + raceId);
            assertThat(String.valueOf(refused.embeds().get(0).get("description"))).as(button)
                    .isEqualTo("This is not your race: only Link may use its buttons.");
            assertEphemeralFollowUp(refused);
        }
        ComponentReply ready = discord.button(thread, racer, messageId, "race:ready:" + raceId);
        before = snapshot();
        for (String button : List.of("finish", "timer", "forfeit")) {
            ComponentReply refused = discord.button(thread, other, ready.updatedMessage(), "race:" + button + ":" + raceId);
            assertThat(String.valueOf(refused.embeds().get(0).get("description"))).as(button)
                    .contains("This is not your race");
        }
        ComponentReply ask = discord.button(thread, racer, messageId, "race:forfeit:" + raceId);
        before = snapshot();
        // Only the racer sees that confirmation; a forged press of its button by someone else is refused too.
        ComponentReply forfeit = discord.button(thread, other, ask.message(),
                "race:forfeit-confirm:" + raceId + ":" + messageId);
        assertThat(forfeit.embeds()).isNotEmpty();
        assertThat(String.valueOf(forfeit.embeds().get(0).get("description"))).contains("This is not your race");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(discord.messages(threadId).get(0).get("content")).asString().startsWith("GO <t:");
    }

    @Test
    void a_failed_thread_creation_leaves_no_race_and_tells_the_racer_why() {
        discord.failNext("POST", "channels/" + CHANNEL_ID + "/threads", Failure.missingPermissions());
        ComponentReply offer = discord.button(channel, racer, startMessageId, StartMessage.startId(tournament.id())
                .encode());
        ComponentReply confirmation = discord.stringSelect(channel, racer, offer.message(),
                "race:pool:" + tournament.id(), List.of(Long.toString(poolId)));
        ComponentReply failed = discord.button(channel, racer, confirmation.message(),
                "race:confirm:" + tournament.id() + ":" + poolId);

        assertEphemeralFollowUp(failed);
        assertThat(String.valueOf(failed.embeds().get(0).get("description")))
                .contains("Your race could not be opened").contains("Missing Permissions");
        assertThat(dsl.fetchCount(RACE)).isZero();
        assertThat(newThreads()).isEmpty();
        assertThat(dsl.select(AUDIT_LOG.ACTION).from(AUDIT_LOG).where(AUDIT_LOG.ACTOR.eq("discord:41"))
                .orderBy(AUDIT_LOG.ID).fetch(AUDIT_LOG.ACTION)).containsExactly("race_open", "race_abandoned");
    }

    @Test
    void a_race_that_ends_while_its_thread_is_created_leaves_no_thread() {
        // the 429 and the channel's thread-creation bucket (10 per 10 s, shared with the other tests' threads) can
        // hold the confirm for several seconds: Discord's limits, not the bot's
        discord.answerTimeout(Duration.ofSeconds(30));
        discord.failNext("POST", "channels/" + CHANNEL_ID + "/threads", Failure.rateLimited(Duration.ofSeconds(2)));
        ComponentReply offer = discord.button(channel, racer, startMessageId, StartMessage.startId(tournament.id())
                .encode());
        ComponentReply confirmation = discord.stringSelect(channel, racer, offer.message(),
                "race:pool:" + tournament.id(), List.of(Long.toString(poolId)));
        CompletableFuture<ComponentReply> confirm = CompletableFuture.supplyAsync(() -> discord.button(channel, racer,
                confirmation.message(), "race:confirm:" + tournament.id() + ":" + poolId));
        await().atMost(Duration.ofSeconds(5)).until(() -> dsl.fetchCount(RACE) == 1);
        long raceId = dsl.select(RACE.ID).from(RACE).fetchSingle().value1();
        bot.getBean(RaceService.class).forfeit(raceId, racer.userId(), now()); // e.g. another process, meanwhile

        ComponentReply answer = confirm.join();
        assertThat(String.valueOf(answer.embeds().get(0).get("description")))
                .contains("the thread was deleted");
        assertThat(newThreads()).as("no thread outlives a refused race").isEmpty();
        assertThat(dsl.select(RACE.THREAD_ID).from(RACE).fetchSingle().value1()).isNull();
        discord.answerTimeout(FakeDiscord.ANSWER_TIMEOUT);
    }

    @Test
    void a_forfeit_is_confirmed_first_then_disables_the_buttons_and_a_second_confirm_changes_nothing() {
        long threadId = openRace(racer, tournament, startMessageId);
        long raceId = dsl.select(RACE.ID).from(RACE).fetchSingle().value1();
        FakeChannel thread = guild.channel(threadId).orElseThrow();
        long messageId = messageId(discord.messages(threadId).get(0));
        ComponentReply ask = discord.button(thread, racer, messageId, "race:forfeit:" + raceId);
        assertThat(ask.ephemeral()).isTrue();
        assertThat(ask.content()).contains("scores 0 and cannot be undone");
        assertThat(dsl.select(RACE.STATUS).from(RACE).fetchSingle().value1()).isEqualTo(RaceStatus.pending);

        ComponentReply keep = discord.button(thread, racer, ask.message(), "race:forfeit-cancel:" + raceId);
        assertThat(keep.updatedMessage()).containsEntry("content", "Not forfeited: your race goes on.");
        assertThat(dsl.select(RACE.STATUS).from(RACE).fetchSingle().value1()).isEqualTo(RaceStatus.pending);

        String confirm = "race:forfeit-confirm:" + raceId + ":" + messageId;
        ask = discord.button(thread, racer, messageId, "race:forfeit:" + raceId);
        Map<String, Object> confirmation = new java.util.LinkedHashMap<>(ask.message()); // as the client has it
        ComponentReply done = discord.button(thread, racer, confirmation, confirm);
        assertThat(done.updatedMessage()).containsEntry("content", "You forfeited: the race scores 0.");
        assertThat(dsl.select(RACE.STATUS).from(RACE).fetchSingle().value1()).isEqualTo(RaceStatus.forfeit);
        Map<String, Object> raceMessage = discord.messages(threadId).get(0);
        assertThat(disabled(raceMessage)).containsOnly(true);
        assertThat(String.valueOf(embed(raceMessage).get("description"))).contains("**Forfeited**");
        assertThat(discord.messages(threadId)).anySatisfy(m -> assertThat(m.get("content"))
                .isEqualTo("**Link** forfeited: the race scores 0."));

        String before = snapshot();
        ComponentReply again = discord.button(thread, racer, confirmation, confirm); // a second click, as dispatched
        assertThat(String.valueOf(again.embeds().get(0).get("description"))).contains("already ended (forfeit)");
        ComponentReply forfeitAgain = discord.button(thread, racer, ready(raceMessage), "race:forfeit:" + raceId);
        assertThat(String.valueOf(forfeitAgain.embeds().get(0).get("description"))).contains("already ended");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_race_thread_is_archived_the_configured_time_after_the_race_ended() {
        long threadId = openRace(racer, tournament, startMessageId);
        long raceId = dsl.select(RACE.ID).from(RACE).fetchSingle().value1();
        RaceThreadArchiver archiver = bot.getBean(RaceThreadArchiver.class);
        assertThat(archiver.archiveDue()).as("a running race's thread stays").isZero();
        bot.getBean(RaceService.class).forfeit(raceId, racer.userId(), now());
        OffsetClock.offset = Duration.ofMinutes(59);
        assertThat(archiver.archiveDue()).isZero();
        assertThat(guild.channel(threadId).orElseThrow().archived()).isFalse();

        OffsetClock.offset = Duration.ofMinutes(61);
        assertThat(archiver.archiveDue()).isEqualTo(1);
        assertThat(guild.channel(threadId).orElseThrow().archived()).isTrue();
        assertThat(dsl.select(RACE.THREAD_ARCHIVED_AT).from(RACE).fetchSingle().value1()).isNotNull();
        assertThat(archiver.archiveDue()).as("once").isZero();
        assertThat(discord.requests("PATCH", "channels/" + threadId)).hasSize(1);
    }

    // --- helpers ---

    private TournamentRow createTournament(String name, boolean hideResults) {
        return createTournament(name, hideResults, null, null);
    }

    /** A tournament with one pool "Pool A" of two permalinks, and its start message posted in the channel. */
    private TournamentRow createTournament(String name, boolean hideResults, Integer minAccountAgeDays, Long roleId) {
        Requester by = adminRequester();
        TournamentRow row = tournaments.create(by, "Race Club", name, CHANNEL_ID, 1, 0, hideResults, minAccountAgeDays,
                roleId);
        tournaments.addPool(by, row, "Pool A");
        tournaments.addPermalink(by, row, "Pool A", "https://example.org/seed/1", "first seed notes");
        tournaments.addPermalink(by, row, "Pool A", "https://example.org/seed/2", "first seed notes");
        poolId = dsl.select(POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(row.id())).fetchSingle().value1();
        JDA jda = running.jda();
        startMessageId = jda.getTextChannelById(CHANNEL_ID)
                .sendMessage(StartMessage.build(row, tournaments.timeouts(row))).complete().getIdLong();
        return row;
    }

    private long startMessageIdOf(TournamentRow row) {
        String id = StartMessage.startId(row.id()).encode();
        return discord.messages(CHANNEL_ID).stream().filter(m -> buttons(m).contains(id))
                .map(RaceInDiscordTest::messageId).findFirst().orElseThrow();
    }

    private Requester adminRequester() {
        return new Requester(admin.userId(), GUILD_ID, Set.of(), true, false);
    }

    /** Start, pool, Confirm: the race's thread id. */
    private long openRace(FakeMember member, TournamentRow row, long startMessage) {
        long pool = dsl.select(POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(row.id())).fetchSingle().value1();
        ComponentReply offer = discord.button(channel, member, startMessage, StartMessage.startId(row.id()).encode());
        ComponentReply confirmation = discord.stringSelect(channel, member, offer.message(), "race:pool:" + row.id(),
                List.of(Long.toString(pool)));
        ComponentReply confirmed = discord.button(channel, member, confirmation.message(),
                "race:confirm:" + row.id() + ":" + pool);
        return threadOf(confirmed.content());
    }

    private void assertRefused(FakeMember member, String expected) {
        assertRefused(member, tournament, startMessageIdOf(tournament), expected);
    }

    private void assertRefused(FakeMember member, TournamentRow row, long startMessage, String expected) {
        ComponentReply refused = discord.button(channel, member, startMessage, StartMessage.startId(row.id()).encode());
        assertThat(refused.ephemeral()).isTrue();
        assertThat(refused.embeds()).as(refused.toString()).isNotEmpty();
        assertThat(String.valueOf(refused.embeds().get(0).get("description"))).contains(expected);
    }

    private List<FakeChannel> newThreads() {
        List<FakeChannel> all = guild.threads();
        return all.subList(Math.min(threadsBefore, all.size()), all.size());
    }

    /** Only the presser sees the answer: an ephemeral reply, or after a deferred update an ephemeral follow-up. */
    private static void assertEphemeralFollowUp(ComponentReply reply) {
        if (reply.callbackType() == 5) {
            assertThat(reply.ephemeral()).as(reply.toString()).isTrue();
            return;
        }
        assertThat(reply.followUps()).as(reply.toString()).isNotEmpty();
        Object flags = reply.followUps().get(reply.followUps().size() - 1).get("flags");
        assertThat(flags instanceof Number n && (n.intValue() & 64) != 0).as("ephemeral: flags " + flags).isTrue();
    }

    /** The race message as it is now, with its buttons re-enabled: what a client that had not refreshed would send. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> ready(Map<String, Object> message) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(message);
        copy.put("components", ((List<Map<String, Object>>) message.get("components")).stream().map(row -> {
            Map<String, Object> r = new java.util.LinkedHashMap<>(row);
            r.put("components", ((List<Map<String, Object>>) row.get("components")).stream().map(b -> {
                Map<String, Object> button = new java.util.LinkedHashMap<>(b);
                button.remove("disabled");
                return (Map<String, Object>) button;
            }).toList());
            return (Map<String, Object>) r;
        }).toList());
        return copy;
    }

    /** Everything a refusal must not change. */
    private String snapshot() {
        return dsl.selectFrom(RACE).orderBy(RACE.ID).fetch().formatCSV()
                + dsl.selectFrom(RACER).orderBy(RACER.ID).fetch().formatCSV()
                + dsl.selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.ID).fetch().formatCSV()
                + dsl.selectFrom(NOTIFICATION).fetch().formatCSV() + guild.threads().size();
    }

    /** Holds a lock on the race's row for a while: the bot's handling of a press waits (a slow bot). */
    private CompletableFuture<Void> holdRaceRow(long raceId, Duration hold) throws InterruptedException {
        CompletableFuture<Void> locked = new CompletableFuture<>();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> dsl.transaction(tx -> {
            tx.dsl().selectFrom(RACE).where(RACE.ID.eq(raceId)).forUpdate().fetch();
            locked.complete(null);
            Thread.sleep(hold.toMillis());
        }));
        locked.join();
        return done;
    }

    private static void pressAt(Instant instant) {
        discord.interactionClock(instant == null ? null : Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static Instant now() {
        return Instant.now();
    }

    private static long youngId() {
        return TimeUtil.getDiscordTimestamp(System.currentTimeMillis() - Duration.ofDays(2).toMillis());
    }

    private static long threadOf(String content) {
        Matcher m = Pattern.compile("<#(\\d+)>").matcher(content);
        assertThat(m.find()).as("a thread link in: " + content).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long messageId(Map<String, Object> message) {
        return Long.parseUnsignedLong(String.valueOf(message.get("id")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> embed(Map<String, Object> message) {
        return ((List<Map<String, Object>>) message.get("embeds")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> buttonMaps(Map<String, Object> message) {
        Object rows = message.get("components");
        if (rows == null) {
            return List.of();
        }
        return ((List<Map<String, Object>>) rows).stream()
                .flatMap(row -> ((List<Map<String, Object>>) row.get("components")).stream()).toList();
    }

    private static List<String> buttons(Map<String, Object> message) {
        return buttonMaps(message).stream().map(b -> String.valueOf(b.get("custom_id"))).toList();
    }

    private static List<Boolean> disabled(Map<String, Object> message) {
        return buttonMaps(message).stream().map(b -> Boolean.TRUE.equals(b.get("disabled"))).toList();
    }
}
