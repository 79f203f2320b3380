package io.asynctournament.bot.discord.leaderboard;

import io.asynctournament.bot.cli.CliRunner;
import io.asynctournament.bot.discord.fake.ComponentReply;
import io.asynctournament.bot.discord.fake.FakeChannel;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.FakeMember;
import io.asynctournament.bot.discord.fake.SlashReply;
import io.asynctournament.bot.discord.fake.UploadedFile;
import io.asynctournament.bot.discord.race.StartMessage;
import io.asynctournament.bot.testing.BotAgainstFakeDiscord;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.TournamentAdminLevel;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.races.RaceResultService;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.Permission;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.LEADERBOARD_CHANGE;
import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.RACE_SCORE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static io.asynctournament.db.generated.Tables.TOURNAMENT_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leaderboards in Discord end to end (README "Leaderboards"): the real bot (Spring, JDA, router, services, its live
 * leaderboard updater, PostgreSQL) against the fake Discord, which holds every request to Discord's spec and its
 * rate limits. Guild HOME: a server admin (Manage Server), racers Link and Zelda, a reviewer; the bot has its invite
 * permissions, and in {@code #read-only} it may not send messages. Runs are finished through {@link RaceResultService}
 * (what the Finish button calls) or through the race thread's buttons.
 */
class LeaderboardInDiscordTest {
    static final long HOME_ID = 9001;
    static final long RACES = 9101;
    static final long BOARD = 9102;
    static final long READ_ONLY = 9103;
    static final String GUILD_NAME = "Leaderboard Club";

    static FakeDiscord discord;
    static FakeGuild home;
    static FakeChannel races;
    static FakeChannel board;
    static FakeChannel readOnly;
    static FakeMember admin;
    static FakeMember link;
    static FakeMember zelda;
    static FakeMember reviewer;
    static AnnotationConfigApplicationContext bot;
    static BotAgainstFakeDiscord running;
    static Map<String, String> env;

    private final DSLContext dsl = TestDatabase.get().dsl();
    private TournamentService tournaments;
    private RaceResultService results;

    @BeforeAll
    static void startDiscordAndTheBot() {
        running = BotAgainstFakeDiscord.builder()
                .discord(fake -> {
                    home = fake.guild(HOME_ID, GUILD_NAME);
                    home.botPermissions(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
                            Permission.MESSAGE_SEND_IN_THREADS, Permission.CREATE_PRIVATE_THREADS,
                            Permission.MANAGE_THREADS, Permission.MESSAGE_EMBED_LINKS, Permission.MESSAGE_HISTORY);
                    races = home.textChannel(RACES, "races");
                    board = home.textChannel(BOARD, "leaderboard");
                    readOnly = home.textChannel(READ_ONLY, "read-only").denyBot(Permission.MESSAGE_SEND);
                    admin = home.member(61, "admin", Permission.MANAGE_SERVER);
                    link = home.member(62, "Link");
                    zelda = home.member(63, "Zelda");
                    reviewer = home.member(64, "reviewer");
                })
                .env("DASHBOARD_PASSWORD", "leaderboard-test-password")
                .waitForCommand(HOME_ID, "async").start();
        discord = running.discord();
        bot = running.bot();
        env = running.env();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @BeforeEach
    void freshDatabase() {
        TestDatabase.clear();
        bot.getBean(TaskControlService.class).reconcile(true);
        tournaments = bot.getBean(TournamentService.class);
        results = bot.getBean(RaceResultService.class);
    }

    @AfterEach
    void noSpecViolations() {
        discord.interactionClock(null);
        discord.assertNoSpecViolations();
    }

    @Test
    void the_leaderboard_pages_through_30_racers_with_the_numbers_and_the_csv_of_the_cli() {
        TournamentRow cup = cup("Spring Cup", false);
        seed(cup, 30);

        SlashReply reply = slash(zelda, "async leaderboard", Map.of("tournament", "Spring Cup"));
        assertThat(reply.embeds()).hasSize(1);
        assertThat(title(reply.message())).isEqualTo("Spring Cup — leaderboard");
        assertThat(description(reply.message())).contains("30 racer(s)").contains("2 slot(s)").contains("page 1 of 2");
        List<String> shown = new ArrayList<>(fieldLines(reply.message()));
        assertThat(shown).hasSize(25);
        assertThat(buttons(reply.message())).containsExactly("leaderboard:previous:" + cup.id() + ":1",
                "leaderboard:next:" + cup.id() + ":2");
        assertThat(disabled(reply.message())).containsExactly(true, false);

        ComponentReply next = discord.button(races, zelda, reply.message(), "leaderboard:next:" + cup.id() + ":2");
        assertThat(description(next.updatedMessage())).contains("page 2 of 2");
        shown.addAll(fieldLines(next.updatedMessage()));
        assertThat(disabled(next.updatedMessage())).containsExactly(false, true);
        ComponentReply previous = discord.button(races, zelda, next.updatedMessage(),
                "leaderboard:previous:" + cup.id() + ":1");
        assertThat(fieldLines(previous.updatedMessage())).isEqualTo(shown.subList(0, 25));

        CliRunner.Result table = CliRunner.run(env, "leaderboard", "--tournament", "Spring Cup", "--guild", GUILD_NAME);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(shown).as("the Discord numbers are the CLI's").isEqualTo(cliLines(table.out()));

        CliRunner.Result csv = CliRunner.run(env, "leaderboard", "--tournament", "Spring Cup", "--guild", GUILD_NAME,
                "--format", "csv");
        List<UploadedFile> files = discord.uploads().stream()
                .filter(f -> f.filename().equals("spring-cup-leaderboard.csv")).toList();
        assertThat(files).isNotEmpty();
        UploadedFile attached = files.get(files.size() - 1);
        assertThat(attached.path()).as("attached to the answer").startsWith("webhooks/");
        assertThat(attached.text()).isEqualTo(csv.out());
    }

    @Test
    void a_stale_page_button_is_no_longer_valid_and_changes_nothing() {
        TournamentRow cup = cup("Spring Cup", false);
        List<Long> racers = seed(cup, 30);
        SlashReply reply = slash(admin, "async leaderboard", Map.of("tournament", "Spring Cup"));
        dsl.deleteFrom(RACE).where(RACE.RACER_ID.in(racers.subList(0, 10))).execute(); // 20 racers: one page

        ComponentReply stale = unchanged(() -> discord.button(races, admin, reply.message(),
                "leaderboard:next:" + cup.id() + ":2"));
        assertThat(title(stale.message())).isEqualTo("This button is no longer valid");
        assertThat(description(stale.message())).contains("has 1 page(s) now");
    }

    @Test
    void hidden_results_are_shown_only_to_the_tournaments_admins_until_it_closes_on_every_path() {
        TournamentRow cup = cup("Hidden Cup", true);
        tournaments.grant(adminRequester(), cup, null, reviewer.userId(), TournamentAdminLevel.reviewer);
        seed(cup, 26);
        SlashReply posted = slash(admin, "async live-leaderboard", Map.of("tournament", "Hidden Cup",
                "channel", board));
        assertThat(description(posted.message())).contains("hides results");
        long liveId = liveMessageId(cup);
        Map<String, Object> liveMessage = live(cup);
        assertThat(description(liveMessage)).isEqualTo("Results are hidden until the tournament closes.");
        assertThat(fieldLines(liveMessage)).isEmpty();

        // Link races in Discord: the result in the thread shows the time, not the score.
        slash(admin, "async post", Map.of("tournament", "Hidden Cup"));
        long threadId = raceThroughDiscord(link, cup);
        String result = discord.messages(threadId).stream().map(m -> String.valueOf(m.get("content")))
                .filter(c -> c.contains("finished in")).findFirst().orElseThrow();
        assertThat(result).contains("**Link** finished in **0:00:50.000**").doesNotContain("score");

        for (FakeMember refused : List.of(link, reviewer)) {
            SlashReply answer = unchanged(() -> slash(refused, "async leaderboard", Map.of("tournament",
                    "Hidden Cup")));
            assertThat(title(answer.message())).isEqualTo("Not allowed");
            assertThat(description(answer.message())).contains("hidden until the tournament closes");
        }
        SlashReply forAdmin = slash(admin, "async leaderboard", Map.of("tournament", "Hidden Cup"));
        assertThat(description(forAdmin.message())).contains("27 racer(s)").contains("**Hidden from racers**");
        assertThat(fieldLines(forAdmin.message())).hasSize(25);
        ComponentReply forged = unchanged(() -> discord.button(races, link, forAdmin.message(),
                "leaderboard:next:" + cup.id() + ":2"));
        assertThat(description(forged.message())).contains("hidden until the tournament closes");

        SlashReply mine = slash(link, "async my-runs", Map.of("tournament", "Hidden Cup"));
        String run = String.valueOf(fields(mine.message()).get(0).get("value"));
        assertThat(run).contains("**Finished** in 0:00:50.000").contains("Score: hidden until the tournament closes")
                .doesNotContainPattern("\\d+\\.\\d\\d\\*\\*");
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.messageEdits(BOARD, liveId) >= 1
                && changesWaiting(cup) == 0);
        assertThat(description(live(cup))).as("edited for Link's finish, still no scores")
                .isEqualTo("Results are hidden until the tournament closes.");
        assertThat(fieldLines(live(cup))).isEmpty();

        Instant closed = Instant.now();
        tournaments.setOpen(adminRequester(), cup, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !fieldLines(live(cup)).isEmpty());
        assertThat(Duration.between(closed, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(description(live(cup))).contains("27 racer(s)");
        SlashReply open = slash(link, "async leaderboard", Map.of("tournament", "Hidden Cup"));
        assertThat(fieldLines(open.message())).hasSize(25).anySatisfy(l -> assertThat(l).startsWith("#"));
        assertThat(description(open.message())).doesNotContain("Hidden from racers");
        String scored = String.valueOf(fields(slash(link, "async my-runs", Map.of()).message()).get(0).get("value"));
        assertThat(scored).containsPattern("Score: \\*\\*\\d+\\.\\d\\d\\*\\*");
    }

    @Test
    void the_live_message_is_edited_within_10_s_of_a_finish_and_a_burst_of_50_finishes_gives_few_edits() {
        TournamentRow cup = cup("Live Cup", false);
        long permalink = permalinks(cup).get(0);
        Instant start = Instant.now().minus(Duration.ofHours(2));
        List<Long> running = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            running.add(race(cup, permalink, racer("Runner" + (100 + i), 5000 + i), RaceStatus.in_progress, start));
        }
        int messagesBefore = discord.messages(BOARD).size();
        slash(admin, "async live-leaderboard", Map.of("tournament", "Live Cup", "channel", board));
        long liveId = liveMessageId(cup);
        assertThat(dsl.select(TOURNAMENT.LEADERBOARD_CHANNEL_ID, TOURNAMENT.LEADERBOARD_POSTED_AT).from(TOURNAMENT)
                .where(TOURNAMENT.ID.eq(cup.id())).fetchSingle().intoArray()).satisfies(r -> {
            assertThat(r[0]).isEqualTo(BOARD);
            assertThat(r[1]).as("the post counts as an edit for the interval").isNotNull();
        });
        assertThat(changesWaiting(cup)).as("one change: the edit that shows what changed while it was posted")
                .isLessThanOrEqualTo(1);
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("leaderboard_post"))).isEqualTo(1);
        assertThat(description(live(cup))).contains("51 racer(s)");
        assertThat(fieldLines(live(cup))).allSatisfy(l -> assertThat(l).contains("score **0.00**"));

        Instant finished = Instant.now();
        results.finish(running.get(0), start.plus(Duration.ofMinutes(60)), "test");
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.messageEdits(BOARD, liveId) == 1);
        Duration latency = Duration.between(finished, Instant.now());
        assertThat(latency).as("edited within 10 s of the finish").isLessThan(Duration.ofSeconds(10));
        assertThat(fieldLines(live(cup)).get(0)).startsWith("#1 Runner100 score **50.00**"); // 2 slots, one run: 100 / 2

        int before = discord.messageEdits(BOARD, liveId);
        Instant burst = Instant.now();
        for (int i = 1; i < 51; i++) {
            results.finish(running.get(i), start.plus(Duration.ofMinutes(60 + i)), "test");
        }
        Duration burstTook = Duration.between(burst, Instant.now());
        await().atMost(Duration.ofSeconds(15)).until(() -> changesWaiting(cup) == 0
                && fieldLines(live(cup)).stream().noneMatch(l -> l.contains("finished 0")));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> true); // no edit is still under way
        int edits = discord.messageEdits(BOARD, liveId) - before;
        System.out.printf("live leaderboard: first edit %d ms after a finish; 50 finishes in %d ms gave %d edit(s)%n",
                latency.toMillis(), burstTook.toMillis(), edits);
        assertThat(edits).as("50 finishes in %s ms", burstTook.toMillis()).isBetween(1, 4);
        List<Instant> at = discord.requests("PATCH", "channels/" + BOARD + "/messages/" + liveId).stream()
                .map(r -> r.receivedAt()).toList();
        for (int i = 1; i < at.size(); i++) {
            assertThat(Duration.between(at.get(i - 1), at.get(i))).as("edits of one message stay apart")
                    .isGreaterThanOrEqualTo(LiveLeaderboardUpdater.MIN_INTERVAL.minusMillis(200));
        }
        assertThat(discord.messages(BOARD)).as("edited, never reposted").hasSize(messagesBefore + 1);
        CliRunner.Result table = CliRunner.run(env, "leaderboard", "--tournament", "Live Cup", "--guild", GUILD_NAME);
        assertThat(fieldLines(live(cup))).isEqualTo(cliLines(table.out()).subList(0, 25));
    }

    @Test
    void a_live_message_deleted_by_hand_is_posted_again_and_recorded() {
        TournamentRow cup = cup("Live Cup", false);
        long permalink = permalinks(cup).get(0);
        Instant start = Instant.now().minus(Duration.ofHours(1));
        long race = race(cup, permalink, racer("Runner1", 7001), RaceStatus.in_progress, start);
        slash(admin, "async live-leaderboard", Map.of("tournament", "Live Cup", "channel", board));
        long deleted = liveMessageId(cup);
        int messagesBefore = discord.messages(BOARD).size();
        assertThat(discord.deleteMessageByHand(BOARD, deleted)).isTrue();

        results.finish(race, start.plus(Duration.ofMinutes(30)), "test");
        await().atMost(Duration.ofSeconds(10)).until(() -> liveMessageId(cup) != deleted);
        assertThat(discord.messages(BOARD)).as("one deleted, one posted").hasSize(messagesBefore);
        Map<String, Object> again = live(cup);
        assertThat(fieldLines(again)).containsExactly("#1 Runner1 score **50.00** · estimate 100.00 · finished 1 "
                + "· forfeited 0");
    }

    @Test
    void posting_a_live_leaderboard_is_refused_to_non_admins_and_in_a_channel_the_bot_cannot_write_to() {
        TournamentRow cup = cup("Live Cup", false);
        tournaments.grant(adminRequester(), cup, null, reviewer.userId(), TournamentAdminLevel.reviewer);
        int messages = discord.messages(BOARD).size();
        for (FakeMember refused : List.of(link, reviewer)) {
            SlashReply answer = unchanged(() -> slash(refused, "async live-leaderboard", Map.of("tournament",
                    "Live Cup", "channel", board)));
            assertThat(title(answer.message())).isEqualTo("Not allowed");
            assertThat(description(answer.message())).contains("needs Manage Server or the tournament's admin grant");
        }
        SlashReply locked = unchanged(() -> slash(admin, "async live-leaderboard", Map.of("tournament", "Live Cup",
                "channel", readOnly)));
        assertThat(title(locked.message())).isEqualTo("Not allowed");
        assertThat(description(locked.message())).contains("The bot lacks Send Messages in <#" + READ_ONLY + ">");
        SlashReply unknown = unchanged(() -> slash(admin, "async live-leaderboard", Map.of("tournament", "Nope",
                "channel", board)));
        assertThat(description(unknown.message())).contains("no tournament named 'Nope'").contains("Live Cup");
        assertThat(discord.messages(BOARD)).hasSize(messages);
        assertThat(discord.messages(READ_ONLY)).isEmpty();
        assertThat(dsl.select(TOURNAMENT.LEADERBOARD_MESSAGE_ID).from(TOURNAMENT).fetchSingle().value1()).isNull();
    }

    @Test
    void my_runs_shows_the_racer_their_own_runs_with_status_time_score_vod_and_flags() {
        TournamentRow cup = cup("Spring Cup", false);
        List<Long> permalinks = permalinks(cup);
        long me = racer("Link", link.userId());
        long other = racer("Zelda", zelda.userId());
        Instant start = Instant.now().minus(Duration.ofHours(3));
        long first = race(cup, permalinks.get(0), me, RaceStatus.in_progress, start);
        results.finish(first, start.plus(Duration.ofSeconds(3723)).plusMillis(456), "test");
        dsl.update(RACE).set(RACE.VOD_URL, "https://www.twitch.tv/videos/42").where(RACE.ID.eq(first)).execute();
        results.markReattempted(first);
        long second = race(cup, permalinks.get(1), me, RaceStatus.in_progress, start);
        results.forfeit(second, start.plusSeconds(60), "test");
        race(cup, permalinks.get(0), other, RaceStatus.in_progress, start);

        SlashReply none = slash(zelda, "async my-runs", Map.of("tournament", "Spring Cup"));
        assertThat(fields(none.message())).hasSize(1);
        SlashReply mine = slash(link, "async my-runs", Map.of());
        assertThat(title(mine.message())).isEqualTo("Your runs");
        assertThat(description(mine.message())).isEqualTo("2 run(s).");
        List<Map<String, Object>> runs = fields(mine.message());
        assertThat(runs).extracting(f -> f.get("name")).containsExactly("Spring Cup — Pool 1", "Spring Cup — Pool 1");
        assertThat(String.valueOf(runs.get(0).get("value"))).contains("**Finished** in 1:02:03.456")
                .contains("**reattempted** (counts for nothing)").contains("Score: none").contains("review: pending")
                .contains("VOD: <https://www.twitch.tv/videos/42>").contains("Permalink: <https://example.org/");
        assertThat(String.valueOf(runs.get(1).get("value"))).contains("**Forfeited**").contains("Score: **0.00**")
                .contains("VOD: none");
        SlashReply nothing = slash(reviewer, "async my-runs", Map.of());
        assertThat(description(nothing.message())).isEqualTo("You have no runs in this server's tournaments yet.");
        SlashReply unknown = unchanged(() -> slash(link, "async my-runs", Map.of("tournament", "Nope")));
        assertThat(description(unknown.message())).contains("no tournament named 'Nope'");
    }

    // --- helpers ---

    /** A tournament in #races with one pool of two permalinks, 2 runs per pool (2 slots). */
    private TournamentRow cup(String name, boolean hideResults) {
        Requester by = adminRequester();
        TournamentRow row = tournaments.create(by, GUILD_NAME, name, RACES, 2, 1, hideResults, null, null);
        tournaments.addPool(by, row, "Pool 1");
        tournaments.addPermalink(by, row, "Pool 1", "https://example.org/" + row.id() + "/1", null);
        tournaments.addPermalink(by, row, "Pool 1", "https://example.org/" + row.id() + "/2", null);
        return row;
    }

    /** {@code count} racers, each finishing the first permalink (one in five forfeits the second too). */
    private List<Long> seed(TournamentRow cup, int count) {
        List<Long> permalinks = permalinks(cup);
        Instant start = Instant.now().minus(Duration.ofHours(5));
        List<Long> racers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long racer = racer(String.format("Racer%02d", i), 6000 + i);
            racers.add(racer);
            long race = race(cup, permalinks.get(0), racer, RaceStatus.in_progress, start);
            results.finish(race, start.plus(Duration.ofSeconds(3000 + 37L * ((i * 7) % count))), "test");
            if (i % 5 == 0) {
                results.forfeit(race(cup, permalinks.get(1), racer, RaceStatus.in_progress, start),
                        start.plusSeconds(10), "test");
            }
        }
        return racers;
    }

    /** Start, pool, Confirm, Ready and Finish in Discord, 50 s after GO: the race's thread id. */
    private long raceThroughDiscord(FakeMember member, TournamentRow cup) {
        long pool = dsl.select(POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(cup.id())).fetchSingle().value1();
        String start = StartMessage.startId(cup.id()).encode();
        Map<String, Object> startMessage = discord.messages(RACES).stream().filter(m -> buttons(m).contains(start))
                .reduce((a, b) -> b).orElseThrow();
        Instant opened = Instant.now().minus(Duration.ofMinutes(5));
        pressAt(opened);
        ComponentReply offer = discord.button(races, member, startMessage, start);
        ComponentReply confirmation = discord.stringSelect(races, member, offer.message(), "race:pool:" + cup.id(),
                List.of(Long.toString(pool)));
        ComponentReply confirmed = discord.button(races, member, confirmation.message(),
                "race:confirm:" + cup.id() + ":" + pool);
        Matcher thread = Pattern.compile("<#(\\d+)>").matcher(confirmed.content());
        assertThat(thread.find()).as(confirmed.content()).isTrue();
        long threadId = Long.parseLong(thread.group(1));
        FakeChannel channel = home.channel(threadId).orElseThrow();
        long raceId = dsl.select(RACE.ID).from(RACE).where(RACE.THREAD_ID.eq(threadId)).fetchSingle().value1();
        Map<String, Object> raceMessage = discord.messages(threadId).get(0);
        Instant ready = opened.plus(Duration.ofMinutes(1));
        pressAt(ready);
        discord.button(channel, member, raceMessage, "race:ready:" + raceId);
        pressAt(ready.plusSeconds(60));
        discord.button(channel, member, Long.parseLong(String.valueOf(raceMessage.get("id"))), "race:finish:" + raceId);
        pressAt(null);
        return threadId;
    }

    private long racer(String name, long discordUserId) {
        return dsl.insertInto(RACER, RACER.DISCORD_USER_ID, RACER.NAME).values(discordUserId, name)
                .returningResult(RACER.ID).fetchSingle().value1();
    }

    private long race(TournamentRow cup, long permalink, long racer, RaceStatus status, Instant startedAt) {
        return dsl.insertInto(RACE, RACE.TOURNAMENT_ID, RACE.PERMALINK_ID, RACE.RACER_ID, RACE.STATUS,
                        RACE.THREAD_OPENED_AT, RACE.STARTED_AT)
                .values(cup.id(), permalink, racer, status, startedAt.minusSeconds(60).atOffset(ZoneOffset.UTC),
                        startedAt.atOffset(ZoneOffset.UTC))
                .returningResult(RACE.ID).fetchSingle().value1();
    }

    private List<Long> permalinks(TournamentRow cup) {
        return dsl.select(PERMALINK.ID).from(PERMALINK).join(POOL).on(POOL.ID.eq(PERMALINK.POOL_ID))
                .where(POOL.TOURNAMENT_ID.eq(cup.id())).orderBy(PERMALINK.ID).fetch(PERMALINK.ID);
    }

    /** The tournament's change rows not yet claimed by the live leaderboard's updater. */
    private int changesWaiting(TournamentRow cup) {
        return dsl.fetchCount(LEADERBOARD_CHANGE, LEADERBOARD_CHANGE.TOURNAMENT_ID.eq(cup.id()));
    }

    private long liveMessageId(TournamentRow cup) {
        Long id = dsl.select(TOURNAMENT.LEADERBOARD_MESSAGE_ID).from(TOURNAMENT).where(TOURNAMENT.ID.eq(cup.id()))
                .fetchSingle().value1();
        return id == null ? 0 : id;
    }

    /** The tournament's live message as the fake holds it now. */
    private Map<String, Object> live(TournamentRow cup) {
        String id = Long.toString(liveMessageId(cup));
        return discord.messages(BOARD).stream().filter(m -> id.equals(String.valueOf(m.get("id")))).findFirst()
                .orElseThrow(() -> new AssertionError("no live message " + id + " in #leaderboard"));
    }

    private Requester adminRequester() {
        return new Requester(admin.userId(), HOME_ID, Set.of(), true, false);
    }

    /** Runs the call and checks that what a refusal must not change is as it was. */
    private <T> T unchanged(Supplier<T> call) {
        String before = snapshot();
        T result = call.get();
        assertThat(snapshot()).as("the database after a refusal").isEqualTo(before);
        return result;
    }

    private String snapshot() {
        StringBuilder all = new StringBuilder();
        for (Table<?> table : List.of(TOURNAMENT, TOURNAMENT_ADMIN, RACER, RACE, RACE_SCORE, AUDIT_LOG)) {
            all.append(table.getName()).append('\n')
                    .append(dsl.selectFrom(table).orderBy(table.field(0)).fetch().formatCSV()).append('\n');
        }
        return all.toString();
    }

    /** The CLI table's lines as the embed fields read: "#rank name" + numbers. */
    private static List<String> cliLines(String table) {
        List<String> lines = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            String[] c = line.strip().split("\\s+");
            if (c[0].equals("rank")) {
                continue;
            }
            boolean noEstimate = c.length == 5;
            lines.add("#" + c[0] + " " + c[1] + " score **" + c[2] + "** · estimate " + (noEstimate ? "none" : c[3])
                    + " · finished " + c[noEstimate ? 3 : 4] + " · forfeited " + c[noEstimate ? 4 : 5]);
        }
        return lines;
    }

    private static SlashReply slash(FakeMember who, String command, Map<String, Object> options) {
        SlashReply reply = discord.slash(races, who, command, options);
        assertThat(reply.deferred()).as("deferred: %s", reply).isTrue();
        assertThat(reply.ephemeral()).as("ephemeral: %s", reply).isTrue();
        return reply;
    }

    private static void pressAt(Instant instant) {
        discord.interactionClock(instant == null ? null : Clock.fixed(instant, ZoneOffset.UTC));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> embed(Map<String, Object> message) {
        List<Map<String, Object>> embeds = (List<Map<String, Object>>) message.get("embeds");
        assertThat(embeds).as("embeds of %s", message).hasSize(1);
        return embeds.get(0);
    }

    private static String title(Map<String, Object> message) {
        return String.valueOf(embed(message).get("title"));
    }

    private static String description(Map<String, Object> message) {
        return String.valueOf(embed(message).get("description"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fields(Map<String, Object> message) {
        Object fields = embed(message).get("fields");
        return fields == null ? List.of() : (List<Map<String, Object>>) fields;
    }

    /** Each field as one line, "name value". */
    private static List<String> fieldLines(Map<String, Object> message) {
        return fields(message).stream().map(f -> f.get("name") + " " + f.get("value")).toList();
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
