package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.fake.ComponentReply;
import io.asynctournament.bot.discord.fake.FakeChannel;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.FakeMember;
import io.asynctournament.bot.discord.fake.SlashReply;
import io.asynctournament.bot.testing.BotAgainstFakeDiscord;
import io.asynctournament.db.Json;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;
import io.asynctournament.db.generated.enums.TournamentAdminLevel;
import io.asynctournament.db.generated.tables.records.RaceRecord;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.races.RaceResultService;
import io.asynctournament.jobs.races.RaceStartService;
import io.asynctournament.jobs.races.RacerIdentity;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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
import static io.asynctournament.db.generated.Tables.RACE_RESULT;
import static io.asynctournament.db.generated.Tables.RACE_SCORE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Review and reattempts (README "Review", "Reattempts") end to end: the real bot (JDA, router, services,
 * PostgreSQL) against the fake Discord; every command, button and modal, and every refusal with the database
 * unchanged after it. Scores after a rejection are checked against a computation written here from README
 * "Scoring".
 */
class ReviewAndReattemptInDiscordTest {
    static final long GUILD_ID = 8301;
    static final long CHANNEL_ID = 8311;
    static FakeDiscord discord;
    static FakeGuild guild;
    static FakeChannel channel;
    static FakeMember link;
    static FakeMember zelda;
    static FakeMember admin;
    static FakeMember reviewer;
    static FakeMember racingReviewer;
    static AnnotationConfigApplicationContext bot;
    static BotAgainstFakeDiscord running;

    private final DSLContext dsl = TestDatabase.get().dsl();
    private TournamentService tournaments;

    @BeforeAll
    static void start() {
        running = BotAgainstFakeDiscord.builder()
                .discord(fake -> {
                    guild = fake.guild(GUILD_ID, "Review Club");
                    channel = guild.textChannel(CHANNEL_ID, "async-races");
                    link = guild.member(41, "Link");
                    zelda = guild.member(42, "Zelda");
                    admin = guild.member(43, "admin", Permission.MANAGE_SERVER);
                    reviewer = guild.member(44, "Reviewer");
                    racingReviewer = guild.member(45, "Racing Reviewer");
                })
                .env("DASHBOARD_PASSWORD", "review-test-password")
                .clock(OffsetClock.class).waitForConnection().waitForCommand(GUILD_ID, "async").start();
        discord = running.discord();
        bot = running.bot();

        // these tests read the outbox rows the commands write; their races have no real thread, so the dispatcher
        // (RaceNotificationsInDiscordTest) would only mark them undeliverable and audit that
        bot.getBean(io.asynctournament.bot.notification.NotificationDispatcher.class).stop();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @BeforeEach
    void clean() {
        dsl.execute("truncate race, permalink, pool, tournament_admin, tournament, racer, audit_log, notification, "
                + "score_queue, race_score restart identity cascade");
        tournaments = bot.getBean(TournamentService.class);
    }

    @AfterEach
    void noSpecViolations() {
        discord.assertNoSpecViolations();
    }

    // --- review ---

    @Test
    void a_reviewer_rejects_the_flagged_run_first_which_rescores_the_permalink_then_accepts_the_next() {
        TournamentRow cup = tournament("Cup", 1, 1, 1);
        grant(cup, reviewer, TournamentAdminLevel.reviewer);
        double[] times = {3000, 3100, 3200, 3300, 3400, 3500, 3600};
        List<Long> runs = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            runs.add(finishedRun(cup, 61 + i, times[i]));
        }
        long flagged = runs.get(4); // 3400 s
        dsl.update(RACE).set(RACE.REVIEW_REQUESTED_AT, Instant.now().atOffset(ZoneOffset.UTC))
                .set(RACE.REVIEW_REQUEST_REASON, "my timer skipped").set(RACE.VOD_URL, "https://www.twitch.tv/videos/7")
                .set(RACE.RACER_NOTES, "clean run").where(RACE.ID.eq(flagged)).execute();
        assertScoresMatchTheRule(cup);

        SlashReply queue = discord.slash(channel, reviewer, "async review", Map.of("tournament", "Cup"));
        assertThat(queue.ephemeral()).isTrue();
        Map<String, Object> embed = queue.embeds().get(0);
        assertThat(embed.get("title")).isEqualTo("Review: Cup — race " + flagged);
        String fields = String.valueOf(embed.get("fields"));
        assertThat(fields).contains("<@65> (racer 65)").contains("Pool A").contains("0:56:40")
                .contains("https://example.org/seed/1").contains("https://www.twitch.tv/videos/7")
                .contains("clean run").contains("my timer skipped");
        assertThat(String.valueOf(embed.get("footer"))).contains("7 run(s) waiting");
        assertThat(buttons(queue.message())).containsExactly("review:accept:" + flagged, "review:reject:" + flagged);

        ComponentReply form = discord.button(channel, reviewer, queue.message(), "review:reject:" + flagged);
        assertThat(form.modal().customId()).isEqualTo("review:reject-form:" + flagged);
        Instant before = Instant.now().minusSeconds(1);
        ComponentReply rejected = discord.modalSubmit(channel, reviewer, queue.message(), form.modal().customId(),
                Map.of("notes", "the VOD shows a skipped item"));
        assertThat(rejected.ephemeral()).isTrue();
        assertThat(rejected.content()).contains("Rejected race " + flagged + " of racer 65");
        assertThat(String.valueOf(rejected.embeds().get(0).get("title")))
                .as("then the oldest finish").isEqualTo("Review: Cup — race " + runs.get(0));

        RaceRecord row = race(flagged);
        assertThat(row.getReviewStatus()).isEqualTo(ReviewStatus.rejected);
        assertThat(row.getReviewedBy()).isEqualTo("discord:44");
        assertThat(row.getReviewedAt().toInstant()).isAfter(before);
        assertThat(row.getReviewerNotes()).isEqualTo("the VOD shows a skipped item");
        assertThat(notifications(flagged)).singleElement().satisfies(n -> {
            assertThat(n.get("kind")).isEqualTo("review_rejected");
            assertThat(String.valueOf(n.get("payload"))).contains("the VOD shows a skipped item");
        });
        Map<String, Object> details = auditDetails(flagged, "race_review_reject");
        assertThat(String.valueOf(details.get("before"))).contains("review_status=pending");
        assertThat(String.valueOf(details.get("after"))).contains("review_status=rejected")
                .contains("reviewed_by=discord:44").contains("the VOD shows a skipped item");
        // rescored in the same transaction: nothing left queued, par and scores follow the rule without the run
        assertThat(dsl.fetchCount(io.asynctournament.db.generated.Tables.SCORE_QUEUE)).isZero();
        assertThat(par(cup)).isCloseTo((3000 + 3100 + 3200 + 3300 + 3500) / 5.0, within(1e-9));
        assertThat(score(flagged)).isEqualTo(0.0);
        assertScoresMatchTheRule(cup);

        long next = runs.get(0);
        ComponentReply acceptForm = discord.button(channel, reviewer, rejected.message(), "review:accept:" + next);
        ComponentReply accepted = discord.modalSubmit(channel, reviewer, rejected.message(),
                acceptForm.modal().customId(), Map.of());
        assertThat(accepted.content()).contains("Accepted race " + next);
        assertThat(race(next).getReviewStatus()).isEqualTo(ReviewStatus.accepted);
        assertThat(race(next).getReviewerNotes()).isNull();
        assertThat(notifications(next)).extracting(n -> n.get("kind")).containsExactly("review_accepted");
        assertThat(auditDetails(next, "race_review_accept")).isNotEmpty();
        assertScoresMatchTheRule(cup);
    }

    @Test
    void self_review_a_double_review_a_stale_or_foreign_button_and_a_non_reviewer_are_refused_changing_nothing() {
        TournamentRow cup = tournament("Cup", 1, 1, 1);
        grant(cup, reviewer, TournamentAdminLevel.reviewer);
        grant(cup, racingReviewer, TournamentAdminLevel.reviewer);
        long own = finishedRun(cup, racingReviewer.userId(), 3000);
        long other = finishedRun(cup, 62, 3100);

        // the racing reviewer's queue leaves their own run out
        SlashReply theirs = discord.slash(channel, racingReviewer, "async review", Map.of("tournament", "Cup"));
        assertThat(String.valueOf(theirs.embeds().get(0).get("title"))).endsWith("race " + other);

        // self-review: their own run, from another reviewer's message (a forged press), is refused on submit
        SlashReply shown = discord.slash(channel, reviewer, "async review", Map.of("tournament", "Cup"));
        assertThat(buttons(shown.message())).contains("review:accept:" + own);
        String before = snapshot();
        ComponentReply form = discord.button(channel, racingReviewer, shown.message(), "review:accept:" + own);
        assertRefused(discord.modalSubmit(channel, racingReviewer, shown.message(), form.modal().customId(),
                Map.of("notes", "looks fine to me")), "You cannot review your own run");
        assertThat(snapshot()).isEqualTo(before);

        // a non-reviewer: refused at the command and on a forged submit
        assertRefused(discord.slash(channel, zelda, "async review", Map.of("tournament", "Cup")),
                "needs Manage Server or the tournament's admin or reviewer grant");
        assertRefused(discord.modalSubmit(channel, zelda, shown.message(), "review:accept-form:" + own, Map.of()),
                "needs Manage Server or the tournament's admin or reviewer grant");
        assertThat(snapshot()).isEqualTo(before);

        // a double review: the admin and the reviewer both have the run; the first wins, the second is told who
        SlashReply adminQueue = discord.slash(channel, admin, "async review", Map.of("tournament", "Cup"));
        assertThat(buttons(adminQueue.message())).contains("review:reject:" + own);
        ComponentReply first = discord.modalSubmit(channel, reviewer, shown.message(), "review:accept-form:" + own,
                Map.of("notes", "ok"));
        assertThat(first.content()).contains("Accepted race " + own);
        before = snapshot();
        ComponentReply rejectForm = discord.button(channel, admin, adminQueue.message(), "review:reject:" + own);
        assertRefused(discord.modalSubmit(channel, admin, adminQueue.message(), rejectForm.modal().customId(),
                Map.of("notes", "too fast")), "This run was already accepted by <@44>");
        assertThat(snapshot()).isEqualTo(before);

        // a stale button: the run was reattempted since the reviewer got it
        SlashReply stale = discord.slash(channel, reviewer, "async review", Map.of("tournament", "Cup"));
        assertThat(buttons(stale.message())).contains("review:accept:" + other);
        dsl.update(RACE).set(RACE.REATTEMPTED, true).where(RACE.ID.eq(other)).execute();
        before = snapshot();
        assertRefused(discord.modalSubmit(channel, reviewer, stale.message(), "review:accept-form:" + other,
                Map.of()), "marked reattempted: it no longer waits for review");
        // ... a race that no longer exists, and an id that names none
        assertRefused(discord.modalSubmit(channel, reviewer, stale.message(), "review:reject-form:999999",
                Map.of("notes", "x")), "There is no race 999999");
        assertRefused(discord.modalSubmit(channel, reviewer, stale.message(), "review:reject-form:x",
                Map.of("notes", "x")), "no longer valid");
        // ... and a rejection without notes
        dsl.update(RACE).set(RACE.REATTEMPTED, false).where(RACE.ID.eq(other)).execute();
        before = snapshot();
        assertRefused(discord.modalSubmit(channel, reviewer, stale.message(), "review:reject-form:" + other,
                Map.of("notes", "  ")), "Notes are required to reject");
        assertThat(snapshot()).isEqualTo(before);
    }

    // --- reattempts ---

    @Test
    void a_racer_reattempts_from_the_result_message_runs_the_pool_again_on_a_new_permalink_and_is_held_to_the_limit() {
        TournamentRow cup = tournament("Cup", 1, 1, 3);
        long startMessage = postStart(cup);
        long firstThread = openRace(link, cup, startMessage);
        long first = dsl.select(RACE.ID).from(RACE).fetchSingle().value1();
        long firstPermalink = race(first).getPermalinkId();
        dsl.update(RACE).set(RACE.STATUS, RaceStatus.in_progress)
                .set(RACE.STARTED_AT, Instant.now().minusSeconds(3600).atOffset(ZoneOffset.UTC))
                .where(RACE.ID.eq(first)).execute();
        FakeChannel thread = guild.channel(firstThread).orElseThrow();
        long raceMessage = messageId(discord.messages(firstThread).get(0));
        // the race message was posted before the race started: press Finish as a client showing it running would
        Map<String, Object> running = withButtons(discord.messages(firstThread).get(0), "race:finish:" + first);
        discord.button(thread, link, running, "race:finish:" + first);
        Map<String, Object> result = discord.messages(firstThread).stream()
                .filter(m -> buttons(m).contains("race:reattempt:" + first)).findFirst().orElseThrow();
        assertThat(buttons(result)).containsExactly("race:vod:" + first, "race:review:" + first,
                "race:reattempt:" + first);
        assertThat(score(first)).isEqualTo(100.0);

        ComponentReply form = discord.button(thread, link, result, "race:reattempt:" + first);
        assertThat(form.modal().customId()).isEqualTo("race:reattempt-form:" + first);
        ComponentReply done = discord.modalSubmit(thread, link, result, form.modal().customId(),
                Map.of("reason", "my game crashed"));
        assertThat(done.ephemeral()).isTrue();
        assertThat(done.content()).contains("Race " + first + " is marked reattempted")
                .contains("used 1 of 1 reattempt(s)").contains("run Pool A again");
        RaceRecord marked = race(first);
        assertThat(marked.getReattempted()).isTrue();
        assertThat(marked.getReattemptReason()).isEqualTo("my game crashed");
        assertThat(marked.getReattemptedBy()).isEqualTo("discord:41");
        assertThat(marked.getReattemptedAt()).isNotNull();
        assertThat(auditDetails(first, "race_reattempt")).containsEntry("reason", "my game crashed");
        assertThat(score(first)).as("it left the leaderboard").isNull();
        assertThat(dsl.select(PERMALINK.PAR_TIME).from(PERMALINK).where(PERMALINK.ID.eq(firstPermalink))
                .fetchSingle().value1()).as("and the par time, rescored at once").isNull();

        // the pool again, on a permalink never dealt; then a forfeit, whose message offers Reattempt too
        long secondThread = openRace(link, cup, startMessage);
        long second = dsl.select(RACE.ID).from(RACE).where(RACE.ID.ne(first)).fetchSingle().value1();
        assertThat(race(second).getPermalinkId()).isNotEqualTo(firstPermalink);
        FakeChannel thread2 = guild.channel(secondThread).orElseThrow();
        long secondMessage = messageId(discord.messages(secondThread).get(0));
        ComponentReply ask = discord.button(thread2, link, secondMessage, "race:forfeit:" + second);
        discord.button(thread2, link, ask.message(), "race:forfeit-confirm:" + second + ":" + secondMessage);
        Map<String, Object> forfeited = discord.messages(secondThread).stream()
                .filter(m -> buttons(m).contains("race:reattempt:" + second)).findFirst().orElseThrow();
        assertThat(forfeited.get("content")).isEqualTo("**Link** forfeited: the race scores 0.");

        // over the limit: refused, from the button and from /async reattempt, changing nothing
        String before = snapshot();
        ComponentReply again = discord.button(thread2, link, forfeited, "race:reattempt:" + second);
        assertRefused(discord.modalSubmit(thread2, link, forfeited, again.modal().customId(),
                Map.of("reason", "bad luck")), "You have used 1 of the 1 reattempt(s) Cup allows");
        assertThat(discord.autocomplete(guild, link, "async reattempt", "race", "", Map.of()))
                .containsExactly("#" + second + " Cup / Pool A: forfeit");
        assertRefused(discord.slash(channel, link, "async reattempt", Map.of("race", "#" + second + " Cup / Pool A: "
                + "forfeit", "reason", "bad luck")), "You have used 1 of the 1 reattempt(s) Cup allows");
        assertRefused(discord.slash(channel, zelda, "async reattempt", Map.of("race", Long.toString(second),
                "reason", "mine")), "This is not your run");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(raceMessage).isPositive();
    }

    @Test
    void admins_mark_and_unmark_a_reattempt_for_the_racer_and_the_racer_is_told() {
        TournamentRow cup = tournament("Cup", 1, 1, 3);
        long first = finishedRun(cup, link.userId(), 3000);
        SlashReply marked = discord.slash(channel, link, "async reattempt", Map.of("race", Long.toString(first),
                "reason", "desync"));
        assertThat(marked.content()).contains("used 1 of 1");
        long second = finishedRun(cup, link.userId(), 3300);

        // unmarking the first now would give Link two counted runs in Pool A (runs_per_pool 1): refused
        String before = snapshot();
        assertRefused(discord.slash(channel, admin, "async reattempt-set", Map.of("race", first, "reattempted", false,
                "reason", "it counted")), "has played 1 run(s) in Pool A since");
        // a non-admin (a reviewer included) may not
        grant(cup, reviewer, TournamentAdminLevel.reviewer);
        before = snapshot();
        assertRefused(discord.slash(channel, reviewer, "async reattempt-set", Map.of("race", second,
                "reattempted", true, "reason", "x")), "Running Cup needs Manage Server");
        assertThat(snapshot()).isEqualTo(before);

        SlashReply set = discord.slash(channel, admin, "async reattempt-set", Map.of("race", second,
                "reattempted", true, "reason", "stream crashed"));
        assertThat(String.valueOf(set.embeds().get(0).get("title"))).isEqualTo("Marked race " + second + " of racer "
                + link.userId());
        assertThat(String.valueOf(set.embeds().get(0).get("description"))).contains("2 reattempted run(s)");
        assertThat(race(second).getReattempted()).isTrue();
        assertThat(race(second).getReattemptedBy()).isEqualTo("discord:43");
        assertThat(notifications(second)).singleElement().satisfies(n -> {
            assertThat(n.get("kind")).isEqualTo("reattempt_marked");
            assertThat(String.valueOf(n.get("payload"))).contains("stream crashed");
        });
        Map<String, Object> details = auditDetails(second, "race_reattempt_set");
        assertThat(String.valueOf(details.get("before"))).contains("reattempted=false");
        assertThat(String.valueOf(details.get("after"))).contains("reattempted=true").contains("stream crashed");

        SlashReply unset = discord.slash(channel, admin, "async reattempt-set", Map.of("race", first,
                "reattempted", false, "reason", "the desync was on our side"));
        assertThat(String.valueOf(unset.embeds().get(0).get("title"))).startsWith("Unmarked race " + first);
        assertThat(race(first).getReattempted()).isFalse();
        assertThat(race(first).getReattemptReason()).isNull();
        assertThat(notifications(first)).extracting(n -> n.get("kind")).containsExactly("reattempt_unmarked");
        assertThat(score(first)).as("it counts again, rescored").isEqualTo(100.0);
        before = snapshot();
        assertRefused(discord.slash(channel, admin, "async reattempt-set", Map.of("race", first,
                "reattempted", false, "reason", "again")), "is not marked reattempted");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_tournament_without_reattempts_offers_no_reattempt_button_and_refuses_saying_why() {
        TournamentRow none = tournament("No Redo Cup", 1, 0, 2);
        long run = finishedRun(none, link.userId(), 3000);
        String before = snapshot();
        assertRefused(discord.slash(channel, link, "async reattempt", Map.of("race", Long.toString(run),
                "reason", "please")), "No Redo Cup does not allow reattempts (max_reattempts is 0)");
        assertRefused(discord.modalSubmit(channel, link, "race:reattempt-form:" + run, Map.of("reason", "please")),
                "does not allow reattempts");
        assertRefused(discord.slash(channel, link, "async reattempt", Map.of("race", "my best run",
                "reason", "please")), "race must be one of your runs as offered");
        assertThat(snapshot()).isEqualTo(before);
    }

    // --- helpers ---

    /** A tournament with one pool "Pool A" of {@code permalinks} permalinks. */
    private TournamentRow tournament(String name, int runsPerPool, int maxReattempts, int permalinks) {
        TournamentRow row = tournaments.create(adminRequester(), "Review Club", name, CHANNEL_ID, runsPerPool,
                maxReattempts, false, null, null);
        tournaments.addPool(adminRequester(), row, "Pool A");
        for (int i = 1; i <= permalinks; i++) {
            tournaments.addPermalink(adminRequester(), row, "Pool A", "https://example.org/seed/" + i, null);
        }
        return row;
    }

    private void grant(TournamentRow row, FakeMember member, TournamentAdminLevel level) {
        tournaments.grant(adminRequester(), row, null, member.userId(), level);
    }

    /** A run of this Discord user, dealt and finished through the services, in {@code seconds}. */
    private long finishedRun(TournamentRow row, long discordUserId, double seconds) {
        long pool = dsl.select(POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(row.id())).fetchSingle().value1();
        Instant now = Instant.now();
        long raceId = bot.getBean(RaceStartService.class).confirm(row.id(), pool, new RacerIdentity(discordUserId,
                "racer " + discordUserId, Instant.EPOCH, Set.of()), now).raceId();
        bot.getBean(RaceStartService.class).attachThread(raceId, 900_000 + raceId);
        dsl.update(RACE).set(RACE.STATUS, RaceStatus.in_progress)
                .set(RACE.STARTED_AT, now.minusMillis((long) (seconds * 1000)).atOffset(ZoneOffset.UTC))
                .where(RACE.ID.eq(raceId)).execute();
        assertThat(bot.getBean(RaceResultService.class).finish(raceId, now, "discord:" + discordUserId)).isTrue();
        return raceId;
    }

    /**
     * The permalink's par time and every run's score, computed here from README "Scoring": par = mean of the 5
     * fastest finished runs that are neither reattempted nor rejected (all if fewer); score = clamp((2 - elapsed /
     * par) * 100, 0, 105); rejected and forfeited runs 0; reattempted runs none.
     */
    private void assertScoresMatchTheRule(TournamentRow row) {
        var runs = dsl.selectFrom(RACE).where(RACE.TOURNAMENT_ID.eq(row.id())).fetch();
        Map<Long, List<Double>> eligible = new HashMap<>();
        for (RaceRecord r : runs) {
            if (r.getStatus() == RaceStatus.finished && !r.getReattempted()
                    && r.getReviewStatus() != ReviewStatus.rejected) {
                eligible.computeIfAbsent(r.getPermalinkId(), k -> new ArrayList<>())
                        .add(r.getElapsedSeconds().doubleValue());
            }
        }
        Map<Long, Double> pars = new HashMap<>();
        eligible.forEach((permalink, times) -> pars.put(permalink,
                times.stream().sorted().limit(5).mapToDouble(Double::doubleValue).average().orElseThrow()));
        pars.forEach((permalink, par) -> assertThat(dsl.select(PERMALINK.PAR_TIME).from(PERMALINK)
                .where(PERMALINK.ID.eq(permalink)).fetchSingle().value1()).as("par of " + permalink)
                .isCloseTo(par, within(1e-9)));
        for (RaceRecord r : runs) {
            Double expected;
            if (r.getReattempted()) {
                expected = null;
            } else if (r.getStatus() == RaceStatus.finished && r.getReviewStatus() != ReviewStatus.rejected) {
                double raw = (2 - r.getElapsedSeconds().doubleValue() / pars.get(r.getPermalinkId())) * 100;
                expected = Math.min(105, Math.max(0, raw));
            } else {
                expected = 0.0;
            }
            Double actual = score(r.getId());
            if (expected == null) {
                assertThat(actual).as("score of " + r.getId()).isNull();
            } else {
                assertThat(actual).as("score of " + r.getId()).isCloseTo(expected, within(1e-9));
            }
        }
    }

    private double par(TournamentRow row) {
        return dsl.select(PERMALINK.PAR_TIME).from(PERMALINK).join(POOL).on(POOL.ID.eq(PERMALINK.POOL_ID))
                .where(POOL.TOURNAMENT_ID.eq(row.id())).fetchSingle().value1();
    }

    private Double score(long raceId) {
        return dsl.select(RACE_RESULT.SCORE).from(RACE_RESULT).where(RACE_RESULT.RACE_ID.eq(raceId)).fetchOne()
                .value1();
    }

    private RaceRecord race(long raceId) {
        return dsl.selectFrom(RACE).where(RACE.ID.eq(raceId)).fetchSingle();
    }

    private List<Map<String, Object>> notifications(long raceId) {
        return dsl.selectFrom(NOTIFICATION).where(NOTIFICATION.RACE_ID.eq(raceId)).orderBy(NOTIFICATION.ID).fetch()
                .map(n -> Map.<String, Object>of("kind", n.getKind(), "payload", Json.map(n.getPayload())));
    }

    private Map<String, Object> auditDetails(long raceId, String action) {
        return Json.map(dsl.select(AUDIT_LOG.DETAILS).from(AUDIT_LOG).where(AUDIT_LOG.SUBJECT.eq("race:" + raceId))
                .and(AUDIT_LOG.ACTION.eq(action)).fetchSingle().value1());
    }

    /** Everything a refusal must not change. */
    private String snapshot() {
        return dsl.selectFrom(RACE).orderBy(RACE.ID).fetch().formatCSV()
                + dsl.selectFrom(RACER).orderBy(RACER.ID).fetch().formatCSV()
                + dsl.selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.ID).fetch().formatCSV()
                + dsl.selectFrom(NOTIFICATION).orderBy(NOTIFICATION.ID).fetch().formatCSV()
                + dsl.selectFrom(RACE_SCORE).orderBy(RACE_SCORE.RACE_ID).fetch().formatCSV()
                + dsl.selectFrom(PERMALINK).orderBy(PERMALINK.ID).fetch().formatCSV()
                + dsl.selectFrom(TOURNAMENT).orderBy(TOURNAMENT.ID).fetch().formatCSV();
    }

    private static void assertRefused(io.asynctournament.bot.discord.fake.InteractionReply reply, String expected) {
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.embeds()).as(reply.toString()).isNotEmpty();
        assertThat(String.valueOf(reply.embeds().get(0).get("description")) + reply.embeds().get(0).get("title"))
                .contains(expected);
    }

    private long postStart(TournamentRow row) {
        JDA jda = running.jda();
        return jda.getTextChannelById(CHANNEL_ID).sendMessage(StartMessage.build(row, tournaments.timeouts(row)))
                .complete().getIdLong();
    }

    /** Start, pool, Confirm: the race's thread id. */
    private long openRace(FakeMember member, TournamentRow row, long startMessage) {
        long pool = dsl.select(POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(row.id())).fetchSingle().value1();
        ComponentReply offer = discord.button(channel, member, startMessage, StartMessage.startId(row.id()).encode());
        ComponentReply confirmation = discord.stringSelect(channel, member, offer.message(), "race:pool:" + row.id(),
                List.of(Long.toString(pool)));
        ComponentReply confirmed = discord.button(channel, member, confirmation.message(),
                "race:confirm:" + row.id() + ":" + pool);
        Matcher m = Pattern.compile("<#(\\d+)>").matcher(confirmed.content());
        assertThat(m.find()).as("a thread link in: " + confirmed.content()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private Requester adminRequester() {
        return new Requester(admin.userId(), GUILD_ID, Set.of(), true, false);
    }

    /** The message with one more enabled button: what a client showing the race as running would send. */
    private static Map<String, Object> withButtons(Map<String, Object> message, String customId) {
        Map<String, Object> copy = new HashMap<>(message);
        copy.put("components", List.of(Map.of("type", 1, "components", List.of(Map.of("type", 2, "style", 3,
                "label", "Finish", "custom_id", customId)))));
        return copy;
    }

    private static long messageId(Map<String, Object> message) {
        return Long.parseUnsignedLong(String.valueOf(message.get("id")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> buttons(Map<String, Object> message) {
        Object rows = message.get("components");
        if (rows == null) {
            return List.of();
        }
        return ((List<Map<String, Object>>) rows).stream()
                .flatMap(row -> ((List<Map<String, Object>>) row.get("components")).stream())
                .map(b -> String.valueOf(b.get("custom_id"))).toList();
    }
}
