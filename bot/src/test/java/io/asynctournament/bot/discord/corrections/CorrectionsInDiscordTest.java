package io.asynctournament.bot.discord.corrections;

import io.asynctournament.bot.discord.fake.FakeChannel;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.FakeMember;
import io.asynctournament.bot.discord.fake.SlashReply;
import io.asynctournament.bot.testing.BotAgainstFakeDiscord;
import io.asynctournament.db.Json;
import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.db.task.TaskLock;
import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.races.RaceCorrectionService;
import net.dv8tion.jda.api.Permission;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.RACE_RESULT;
import static io.asynctournament.db.generated.Tables.RACE_SCORE;
import static io.asynctournament.db.generated.Tables.SCORE_QUEUE;
import static io.asynctournament.db.generated.Tables.TASK_RUN;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static io.asynctournament.db.generated.Tables.TOURNAMENT_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * {@code /async update-run}, {@code extend}, {@code calculate-scores} and {@code audit} end to end: the real bot
 * (Spring, JDA, JobRunr, PostgreSQL) against the fake Discord, set up as in {@code AsyncAdminCommandTest}. Races are
 * written straight into the database (their threads do not matter here); every refusal is answered with the service's
 * message and leaves the race, scoring, audit, outbox and task tables as they were. The timeout sweeps are paused so
 * that no sweep changes a race during a test.
 */
class CorrectionsInDiscordTest {
    static final long HOME_ID = 8301;
    static final long OTHER_ID = 8302;
    static final String SCORE_TASK = "async_tournament_score_calculation";

    static FakeDiscord discord;
    static FakeGuild home;
    static FakeGuild other;
    static FakeChannel races;
    static FakeChannel otherChannel;
    static FakeMember admin;
    static FakeMember member;
    static FakeMember reviewer;
    static FakeMember otherAdmin;
    static AnnotationConfigApplicationContext bot;
    static BotAgainstFakeDiscord running;

    private final DSLContext dsl = TestDatabase.get().dsl();
    private long tournamentId;
    private long permalinkId;

    @BeforeAll
    static void startDiscordAndTheBot() {
        running = BotAgainstFakeDiscord.builder()
                .discord(fake -> {
                    home = fake.guild(HOME_ID, "Async Club");
                    home.botPermissions(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
                            Permission.MESSAGE_SEND_IN_THREADS, Permission.CREATE_PRIVATE_THREADS,
                            Permission.MANAGE_THREADS, Permission.MESSAGE_EMBED_LINKS, Permission.MESSAGE_HISTORY);
                    races = home.textChannel(8311, "races");
                    admin = home.member(61, "admin", Permission.MANAGE_SERVER);
                    member = home.member(62, "member");
                    reviewer = home.member(63, "reviewer");
                    other = fake.guild(OTHER_ID, "Other Club");
                    otherChannel = other.textChannel(8312, "general");
                    otherAdmin = other.member(71, "other-admin", Permission.MANAGE_SERVER);
                })
                .env("DASHBOARD_PASSWORD", "async-test-password")
                .waitForCommand(HOME_ID, "async").waitForCommand(OTHER_ID, "async").start();
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
    void aTournamentWithOnePermalink() {
        TestDatabase.clear();
        TaskControlService control = bot.getBean(TaskControlService.class);
        control.reconcile(true);
        control.pause("async_tournament_timeout_pending", "test");
        control.pause("async_tournament_timeout_in_progress", "test");
        slash(admin, "async create", Map.of("name", "Spring Cup", "channel", races, "runs_per_pool", 1,
                "max_reattempts", 1));
        slash(admin, "async pool add", Map.of("tournament", "Spring Cup", "name", "Any%"));
        slash(admin, "async permalink add", Map.of("tournament", "Spring Cup", "pool", "Any%",
                "url", "https://example.org/seed/1"));
        slash(admin, "async admins add", Map.of("tournament", "Spring Cup", "level", "reviewer", "user", reviewer));
        tournamentId = dsl.select(TOURNAMENT.ID).from(TOURNAMENT).fetchSingle().value1();
        permalinkId = dsl.select(PERMALINK.ID).from(PERMALINK).fetchSingle().value1();
    }

    @AfterEach
    void heldToTheSpec() {
        discord.assertNoSpecViolations();
    }

    // --- update-run ---

    @Test
    void a_correction_rescores_the_permalink_as_an_independent_computation_does_and_keeps_finished_at() {
        Instant finishedAt = Instant.parse("2026-04-01T20:00:00Z");
        List<Long> ids = new ArrayList<>();
        for (int seconds : new int[]{3000, 3100, 3200, 3300, 3400, 3500, 3600}) {
            ids.add(race(RaceStatus.finished, BigDecimal.valueOf(seconds), finishedAt, finishedAt, false));
        }
        long reattempted = race(RaceStatus.finished, BigDecimal.valueOf(2000), finishedAt, finishedAt, true);

        SlashReply forfeit = slash(admin, "async update-run", Map.of("race", ids.get(0), "status", "forfeit",
                "reason", "left the stream early"));
        assertThat(title(forfeit)).isEqualTo("Corrected race " + ids.get(0));
        assertThat(description(forfeit)).contains("**finished in 0:50:00** → **forfeit**").contains("→ 0.00");
        checkScoresAgainstIndependentComputation();
        assertThat(parTime()).isCloseTo(3300.0, within(1e-9)); // 3100..3500
        Record forfeited = raceRow(ids.get(0));
        assertThat(forfeited.get(RACE.ELAPSED_SECONDS)).as("a forfeit has no time").isNull();
        assertThat(forfeited.get(RACE.FINISHED_AT).toInstant()).as("the real finish stays").isEqualTo(finishedAt);

        SlashReply faster = slash(admin, "async update-run", Map.of("race", ids.get(6), "status", "finished",
                "elapsed", "0:45:00", "reason", "the timer was started late"));
        assertThat(description(faster)).contains("**finished in 1:00:00** → **finished in 0:45:00**");
        checkScoresAgainstIndependentComputation();
        assertThat(parTime()).isCloseTo((2700 + 3100 + 3200 + 3300 + 3400) / 5.0, within(1e-9));
        assertThat(raceRow(ids.get(6)).get(RACE.FINISHED_AT).toInstant()).isEqualTo(finishedAt);
        assertThat(dsl.select(RACE_RESULT.SCORE).from(RACE_RESULT).where(RACE_RESULT.RACE_ID.eq(reattempted))
                .fetchOne(RACE_RESULT.SCORE)).as("a reattempted run has no score").isNull();

        Record audit = dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("race_update"))
                .and(AUDIT_LOG.SUBJECT.eq("race:" + ids.get(6))).fetchSingle();
        assertThat(audit.get(AUDIT_LOG.ACTOR)).isEqualTo("discord:61");
        Map<String, Object> details = Json.map(audit.get(AUDIT_LOG.DETAILS));
        assertThat(details).containsEntry("reason", "the timer was started late");
        assertThat((Map<String, Object>) details.get("before")).containsEntry("status", "finished")
                .containsEntry("elapsed", "1:00:00").containsEntry("elapsed_seconds", "3600.000")
                .containsEntry("finished_at", finishedAt.toString()).containsKey("score");
        assertThat((Map<String, Object>) details.get("after")).containsEntry("status", "finished")
                .containsEntry("elapsed", "0:45:00").containsEntry("elapsed_seconds", "2700.000")
                .containsEntry("finished_at", finishedAt.toString()).containsEntry("score", 105.0);

        Record notice = dsl.selectFrom(NOTIFICATION).where(NOTIFICATION.RACE_ID.eq(ids.get(6))).fetchSingle();
        assertThat(notice.get(NOTIFICATION.KIND)).isEqualTo(RaceCorrectionService.RUN_CORRECTED);
        assertThat(notice.get(NOTIFICATION.SENT_AT)).isNull();
        Map<String, Object> payload = Json.map(notice.get(NOTIFICATION.PAYLOAD));
        assertThat(payload).containsEntry("reason", "the timer was started late");
        assertThat((Map<String, Object>) payload.get("before")).containsEntry("elapsed", "1:00:00")
                .doesNotContainKey("score");
        assertThat((Map<String, Object>) payload.get("after")).containsEntry("elapsed", "0:45:00")
                .doesNotContainKey("score");
    }

    @Test
    void a_forfeit_corrected_to_finished_gets_finished_at_from_when_it_ended_and_a_dq_keeps_its_time() {
        Instant endedAt = Instant.parse("2026-04-02T18:30:00Z");
        long forfeit = race(RaceStatus.forfeit, null, null, endedAt, false);
        long other = race(RaceStatus.finished, BigDecimal.valueOf(4000), endedAt, endedAt, false);

        slash(admin, "async update-run", Map.of("race", forfeit, "status", "finished", "elapsed", "1:10:00.250",
                "reason", "the racer finished; the Finish press was lost"));
        Record finished = raceRow(forfeit);
        assertThat(finished.get(RACE.STATUS)).isEqualTo(RaceStatus.finished);
        assertThat(finished.get(RACE.ELAPSED_SECONDS)).isEqualByComparingTo("4200.250");
        assertThat(finished.get(RACE.FINISHED_AT).toInstant()).isEqualTo(endedAt);
        assertThat(finished.get(RACE.ENDED_AT).toInstant()).isEqualTo(endedAt);
        checkScoresAgainstIndependentComputation();

        SlashReply dq = slash(admin, "async update-run", Map.of("race", other, "status", "disqualified",
                "reason", "wrong settings"));
        assertThat(description(dq)).contains("**finished in 1:06:40** → **disqualified in 1:06:40**");
        assertThat(raceRow(other).get(RACE.ELAPSED_SECONDS)).isEqualByComparingTo("4000");
        checkScoresAgainstIndependentComputation();
        assertThat(parTime()).isCloseTo(4200.25, within(1e-9));
    }

    @Test
    void corrections_that_are_not_allowed_are_refused_saying_what_is_accepted_and_change_nothing() {
        Instant at = Instant.parse("2026-04-01T20:00:00Z");
        long finished = race(RaceStatus.finished, BigDecimal.valueOf(3000), at, at, false);
        long pending = race(RaceStatus.pending, null, null, null, false);
        long running = race(RaceStatus.in_progress, null, null, null, false);
        long elsewhere = otherGuildRace();
        Map<String, Object> ok = Map.of("race", finished, "status", "finished", "elapsed", "0:49:00",
                "reason", "typo");

        SlashReply byMember = unchanged(() -> slash(member, "async update-run", ok));
        assertThat(title(byMember)).isEqualTo("Not allowed");
        assertThat(description(byMember)).startsWith("Running Spring Cup needs Manage Server or the tournament's "
                + "admin grant");
        assertThat(title(unchanged(() -> slash(reviewer, "async update-run", ok)))).isEqualTo("Not allowed");

        assertThat(refusal(admin, with(ok, "elapsed", "49 minutes"))).isEqualTo("elapsed '49 minutes' is not "
                + "H:MM:SS; accepted: hours (0 to 999), minutes and seconds, with an optional .fff fraction, e.g. "
                + "1:43:09 or 1:43:09.250");
        assertThat(refusal(admin, with(ok, "elapsed", "0:00:00"))).isEqualTo("elapsed must be above 0:00:00, got "
                + "'0:00:00'");
        assertThat(refusal(admin, with(ok, "elapsed", "1:61:00"))).startsWith("elapsed '1:61:00' is not H:MM:SS");
        assertThat(refusal(admin, without(ok, "elapsed"))).isEqualTo("a finished run needs elapsed, as H:MM:SS "
                + "(e.g. 1:43:09)");
        assertThat(refusal(admin, with(ok, "status", "forfeit"))).isEqualTo("elapsed is given only for status "
                + "finished; a forfeit run takes no new time (leave elapsed out)");
        assertThat(refusal(admin, with(ok, "status", "pending"))).isEqualTo("status must be finished, forfeit or "
                + "disqualified, got 'pending'");
        assertThat(refusal(admin, with(ok, "reason", "x".repeat(1001)))).isEqualTo("the reason is required and "
                + "may have at most 1000 characters; it has 1001");
        assertThat(refusal(admin, with(ok, "race", 999_999))).isEqualTo("This server has no race 999999; the "
                + "races of a tournament and their ids are listed by /async audit.");
        assertThat(refusal(admin, with(ok, "race", elsewhere))).startsWith("This server has no race " + elsewhere);
        assertThat(description(unchanged(() -> slash(otherAdmin, "async update-run", ok))))
                .startsWith("This server has no race " + finished);
        assertThat(refusal(admin, with(ok, "race", pending))).isEqualTo("Race " + pending + " has not ended (it is "
                + "pending): a result can be corrected once the race is finished, forfeit or disqualified; "
                + "/async extend moves its deadline.");
        assertThat(refusal(admin, with(ok, "race", running))).isEqualTo("Race " + running + " has not ended (it "
                + "is in progress): a result can be corrected once the race is finished, forfeit or disqualified.");
        assertThat(refusal(admin, with(ok, "elapsed", "0:50:00"))).isEqualTo("Race " + finished + " already is "
                + "finished in 0:50:00; nothing was changed.");
    }

    // --- extend ---

    @Test
    void extend_moves_a_pending_deadline_clears_the_warning_so_the_sweep_warns_again_and_tells_the_racer() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant deadline = now.plus(Duration.ofMinutes(5));
        long race = race(RaceStatus.pending, null, null, null, false);
        dsl.update(RACE).set(RACE.TIMEOUT_AT, deadline.atOffset(ZoneOffset.UTC))
                .set(RACE.WARNING_SENT_AT, now.minus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC))
                .where(RACE.ID.eq(race)).execute();

        SlashReply extended = slash(admin, "async extend", Map.of("race", race, "minutes", 30));
        Instant newDeadline = deadline.plus(Duration.ofMinutes(30));
        assertThat(title(extended)).isEqualTo("Extended race " + race);
        assertThat(description(extended)).contains("<t:" + deadline.getEpochSecond() + ":F> to <t:"
                + newDeadline.getEpochSecond() + ":F>");
        Record row = raceRow(race);
        assertThat(row.get(RACE.TIMEOUT_AT).toInstant()).isEqualTo(newDeadline);
        assertThat(row.get(RACE.WARNING_SENT_AT)).isNull();
        assertThat(row.get(RACE.STATUS)).isEqualTo(RaceStatus.pending);

        Record audit = dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("race_extend")).fetchSingle();
        assertThat(audit.get(AUDIT_LOG.SUBJECT)).isEqualTo("race:" + race);
        Map<String, Object> details = Json.map(audit.get(AUDIT_LOG.DETAILS));
        assertThat(details).containsEntry("minutes", 30);
        assertThat((Map<String, Object>) details.get("before")).containsEntry("timeout_at", deadline.toString())
                .containsEntry("warning_sent_at", now.minus(Duration.ofMinutes(5)).toString());
        assertThat((Map<String, Object>) details.get("after")).containsEntry("timeout_at", newDeadline.toString())
                .containsEntry("warning_sent_at", null);
        Record notice = dsl.selectFrom(NOTIFICATION).fetchSingle();
        assertThat(notice.get(NOTIFICATION.KIND)).isEqualTo(RaceCorrectionService.DEADLINE_EXTENDED);
        assertThat(Json.map(notice.get(NOTIFICATION.PAYLOAD))).containsEntry("deadline", newDeadline.toString())
                .containsEntry("previous_deadline", deadline.toString()).containsEntry("minutes", 30);

        // the pending sweep's warning condition: not yet 10 minutes before the new deadline, then warned once
        RaceTimeoutRepository sweep = bot.getBean(RaceTimeoutRepository.class);
        assertThat(sweep.warnPendingNearDeadline(dsl, now.plus(Duration.ofMinutes(10)), 10,
                TournamentScope.allActive())).isZero();
        assertThat(sweep.warnPendingNearDeadline(dsl, now.plus(Duration.ofMinutes(26)), 10,
                TournamentScope.allActive())).isEqualTo(1);
        assertThat(dsl.fetchCount(NOTIFICATION, NOTIFICATION.KIND.eq(RaceTimeoutRepository.TIMEOUT_WARNING)))
                .isEqualTo(1);
    }

    @Test
    void extensions_that_are_not_allowed_are_refused_and_change_nothing() {
        Instant now = Instant.now();
        long pending = race(RaceStatus.pending, null, null, null, false);
        long late = race(RaceStatus.pending, null, null, null, false);
        long noDeadline = race(RaceStatus.pending, null, null, null, false);
        long running = race(RaceStatus.in_progress, null, null, null, false);
        dsl.update(RACE).set(RACE.TIMEOUT_AT, now.plus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC))
                .where(RACE.ID.in(pending, running)).execute();
        Instant passed = now.minus(Duration.ofMinutes(1));
        dsl.update(RACE).set(RACE.TIMEOUT_AT, passed.atOffset(ZoneOffset.UTC)).where(RACE.ID.eq(late)).execute();

        SlashReply byMember = unchanged(() -> slash(member, "async extend", Map.of("race", pending, "minutes", 10)));
        assertThat(title(byMember)).isEqualTo("Not allowed");
        assertThat(extendRefusal(pending, 0)).isEqualTo("minutes must be from 1 to 1440 (a day), got 0");
        assertThat(extendRefusal(pending, 1441)).isEqualTo("minutes must be from 1 to 1440 (a day), got 1441");
        assertThat(extendRefusal(running, 10)).isEqualTo("Only a pending race's deadline can be extended; race "
                + running + " is in progress.");
        assertThat(extendRefusal(late, 10)).isEqualTo("The deadline of race " + late + " passed at <t:"
                + passed.getEpochSecond() + ":F>: the race is forfeit (a Ready pressed now forfeits it), so its "
                + "deadline cannot be extended.");
        assertThat(extendRefusal(noDeadline, 10)).startsWith("Race " + noDeadline + " has no deadline yet");
        assertThat(extendRefusal(999_999, 10)).startsWith("This server has no race 999999");
    }

    // --- calculate-scores ---

    @Test
    void calculate_scores_runs_the_score_task_for_the_tournament_through_the_scheduler_and_never_twice_at_once()
            throws Exception {
        Instant at = Instant.parse("2026-04-01T20:00:00Z");
        long alone = race(RaceStatus.finished, BigDecimal.valueOf(3000), at, at, false);
        otherGuildRace();
        long otherPermalink = dsl.select(PERMALINK.ID).from(PERMALINK)
                .where(PERMALINK.URL.eq("https://example.org/other/1")).fetchSingle().value1();
        assertThat(dsl.fetchCount(SCORE_QUEUE)).isEqualTo(2);

        SlashReply queued = slash(admin, "async calculate-scores", Map.of("tournament", "Spring Cup"));
        assertThat(title(queued)).isEqualTo("Score calculation queued for Spring Cup");
        assertThat(description(queued)).contains("`" + SCORE_TASK + "` runs once now over Spring Cup only");
        await().atMost(Duration.ofSeconds(30)).until(() -> dsl.fetchCount(TASK_RUN,
                TASK_RUN.TRIGGER.eq("discord:61").and(TASK_RUN.FINISHED_AT.isNotNull())) == 1);
        Record run = dsl.selectFrom(TASK_RUN).where(TASK_RUN.TRIGGER.eq("discord:61")).fetchSingle();
        assertThat(run.get(TASK_RUN.TASK_ID)).isEqualTo(SCORE_TASK);
        assertThat(run.get(TASK_RUN.STATUS).getLiteral()).isEqualTo("success");
        assertThat(Json.map(run.get(TASK_RUN.COUNTS))).containsEntry("tournaments", 1).containsEntry("permalinks", 1);
        assertThat(dsl.select(SCORE_QUEUE.PERMALINK_ID).from(SCORE_QUEUE).fetch(SCORE_QUEUE.PERMALINK_ID))
                .as("only Spring Cup was scored").containsExactly(otherPermalink);
        assertThat(dsl.select(RACE_SCORE.SCORE).from(RACE_SCORE).where(RACE_SCORE.RACE_ID.eq(alone))
                .fetchSingle().value1()).isEqualTo(100.0);
        Record audit = dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("task_run")).fetchSingle();
        assertThat(audit.get(AUDIT_LOG.SUBJECT)).isEqualTo("tournament:" + tournamentId);
        assertThat(Json.map(audit.get(AUDIT_LOG.DETAILS))).containsEntry("task", SCORE_TASK)
                .containsEntry("tournament_ids", List.of((int) tournamentId));

        SlashReply byMember = unchanged(() -> slash(member, "async calculate-scores",
                Map.of("tournament", "Spring Cup")));
        assertThat(title(byMember)).isEqualTo("Not allowed");

        DataSource dataSource = bot.getBean(io.asynctournament.db.Database.class).dataSource();
        Instant since = Instant.parse("2026-04-01T21:00:00Z");
        long held = new TaskRunRepository().start(dsl, SCORE_TASK, "scheduler", since);
        try (TaskLock lock = TaskLock.tryAcquire(dataSource, SCORE_TASK).orElseThrow()) {
            SlashReply busy = unchanged(() -> slash(admin, "async calculate-scores",
                    Map.of("tournament", "Spring Cup")));
            assertThat(title(busy)).isEqualTo("Cannot do that");
            assertThat(description(busy)).startsWith("task " + SCORE_TASK + " is already running since " + since
                    + " (run " + held + ", scheduler); no second copy was started.");
        }
    }

    // --- audit ---

    @Test
    void audit_shows_who_did_what_newest_first_for_a_race_and_for_the_tournament() {
        Instant at = Instant.parse("2026-04-01T20:00:00Z");
        long raceId = race(RaceStatus.finished, BigDecimal.valueOf(3000), at, at, false);
        long swept = race(RaceStatus.forfeit, null, null, at, false);
        dsl.execute("insert into audit_log (actor, action, subject, details, at) values ('system', "
                + "'timeout_forfeit', 'task:async_tournament_timeout_pending', jsonb_build_object('races', "
                + "jsonb_build_array(" + swept + ")), now())");
        slash(admin, "async update-run", Map.of("race", raceId, "status", "finished", "elapsed", "0:49:00",
                "reason", "typo"));
        slash(admin, "async update-run", Map.of("race", raceId, "status", "disqualified", "reason", "wrong seed"));

        SlashReply raceAudit = slash(admin, "async audit", Map.of("race", raceId));
        assertThat(title(raceAudit)).isEqualTo("Audit of race " + raceId);
        assertThat(description(raceAudit)).isEqualTo("Newest first: 2 of 2 entries.");
        List<Map<String, Object>> fields = fields(raceAudit);
        assertThat(fields).extracting(f -> f.get("name")).containsExactly("race_update · race:" + raceId,
                "race_update · race:" + raceId);
        assertThat(String.valueOf(fields.get(0).get("value"))).contains("by <@61>").contains("wrong seed")
                .contains("\"status\":\"disqualified\"");
        assertThat(String.valueOf(fields.get(1).get("value"))).contains("typo").contains("\"elapsed\":\"0:49:00\"");

        assertThat(fields(slash(admin, "async audit", Map.of("race", swept))))
                .extracting(f -> f.get("name")).containsExactly("timeout_forfeit · task:async_tournament_timeout_pending");

        SlashReply tournamentAudit = slash(admin, "async audit", Map.of("tournament", "Spring Cup", "limit", 25));
        assertThat(fields(tournamentAudit)).extracting(f -> String.valueOf(f.get("name"))).containsExactly(
                "race_update · race:" + raceId, "race_update · race:" + raceId,
                "timeout_forfeit · task:async_tournament_timeout_pending",
                "tournament_grant · tournament:" + tournamentId, "permalink_add · tournament:" + tournamentId,
                "pool_add · tournament:" + tournamentId, "tournament_create · tournament:" + tournamentId);

        SlashReply two = slash(admin, "async audit", Map.of("tournament", "Spring Cup", "limit", 2));
        assertThat(fields(two)).hasSize(2);
        assertThat(description(two)).isEqualTo("Newest first: 2 of 7 entries.\n… 5 more, use the CLI: "
                + "`audit --tournament \"Spring Cup\" --limit 1000`");

        assertThat(title(unchanged(() -> slash(member, "async audit", Map.of("race", raceId)))))
                .isEqualTo("Not allowed");
        assertThat(title(unchanged(() -> slash(reviewer, "async audit", Map.of("tournament", "Spring Cup")))))
                .isEqualTo("Not allowed");
        assertThat(description(unchanged(() -> slash(admin, "async audit", Map.of()))))
                .isEqualTo("Give a tournament or a race, not both and not neither.");
        assertThat(description(unchanged(() -> slash(admin, "async audit", Map.of("race", raceId, "tournament",
                "Spring Cup"))))).isEqualTo("Give a tournament or a race, not both and not neither.");
        assertThat(description(unchanged(() -> slash(otherAdmin, "async audit", Map.of("race", raceId)))))
                .isEqualTo("This server has no race " + raceId + ".");
    }

    @Test
    void a_long_audit_is_cut_to_discords_embed_limits_with_a_pointer_to_the_cli() {
        long raceId = race(RaceStatus.finished, BigDecimal.valueOf(3000), Instant.now(), Instant.now(), false);
        for (int i = 0; i < 40; i++) {
            slash(admin, "async update-run", Map.of("race", raceId, "status", "finished",
                    "elapsed", "0:" + (10 + i) + ":00", "reason", "correction " + i + " " + "x".repeat(900)));
        }
        SlashReply audit = slash(admin, "async audit", Map.of("race", raceId, "limit", 25));
        Map<String, Object> embed = audit.embeds().get(0);
        int total = String.valueOf(embed.get("title")).length() + String.valueOf(embed.get("description")).length()
                + fields(audit).stream().mapToInt(f -> String.valueOf(f.get("name")).length()
                + String.valueOf(f.get("value")).length()).sum();
        assertThat(total).isLessThanOrEqualTo(6000);
        assertThat(fields(audit).size()).isBetween(3, 25);
        assertThat(fields(audit)).allSatisfy(f -> assertThat(String.valueOf(f.get("value")).length())
                .isLessThanOrEqualTo(1024));
        int shown = fields(audit).size();
        assertThat(description(audit)).isEqualTo("Newest first: " + shown + " of 40 entries.\n… " + (40 - shown)
                + " more, use the CLI: `audit --race " + raceId + " --limit 1000`");
        assertThat(String.valueOf(fields(audit).get(0).get("value"))).contains("correction 39");
    }

    // --- helpers ---

    /** Par = mean of the 5 fastest eligible runs (all if fewer); score = clamp((2 - elapsed / par) * 100, 0, 105). */
    private void checkScoresAgainstIndependentComputation() {
        List<Record> runs = dsl.select(RACE.ID, RACE.STATUS, RACE.ELAPSED_SECONDS, RACE.REATTEMPTED, RACE.REVIEW_STATUS)
                .from(RACE).where(RACE.PERMALINK_ID.eq(permalinkId)).fetch().stream().map(r -> (Record) r).toList();
        List<Double> eligible = runs.stream()
                .filter(r -> r.get(RACE.STATUS) == RaceStatus.finished && !r.get(RACE.REATTEMPTED)
                        && !"rejected".equals(r.get(RACE.REVIEW_STATUS).getLiteral()))
                .map(r -> r.get(RACE.ELAPSED_SECONDS).doubleValue()).sorted(Comparator.naturalOrder()).toList();
        double par = eligible.stream().limit(5).mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(parTime()).isCloseTo(par, within(1e-9));
        for (Record run : runs) {
            Double actual = dsl.select(RACE_RESULT.SCORE).from(RACE_RESULT)
                    .where(RACE_RESULT.RACE_ID.eq(run.get(RACE.ID))).fetchOne(RACE_RESULT.SCORE);
            if (run.get(RACE.REATTEMPTED)) {
                assertThat(actual).isNull();
            } else if (run.get(RACE.STATUS) == RaceStatus.finished) {
                double expected = Math.min(105, Math.max(0, (2 - run.get(RACE.ELAPSED_SECONDS).doubleValue() / par)
                        * 100));
                assertThat(actual).as("score of race %s", run.get(RACE.ID)).isCloseTo(expected, within(1e-9));
            } else {
                assertThat(actual).as("score of race %s", run.get(RACE.ID)).isEqualTo(0.0);
            }
        }
    }

    private double parTime() {
        return dsl.select(PERMALINK.PAR_TIME).from(PERMALINK).where(PERMALINK.ID.eq(permalinkId)).fetchSingle()
                .value1();
    }

    private long race(RaceStatus status, BigDecimal elapsed, Instant finishedAt, Instant endedAt,
                      boolean reattempted) {
        return race(tournamentId, permalinkId, status, elapsed, finishedAt, endedAt, reattempted);
    }

    private long race(long tournament, long permalink, RaceStatus status, BigDecimal elapsed, Instant finishedAt,
                      Instant endedAt, boolean reattempted) {
        long n = dsl.fetchCount(RACER) + 1;
        long racer = dsl.insertInto(RACER, RACER.DISCORD_USER_ID, RACER.NAME).values(500_000L + n, "racer " + n)
                .returningResult(RACER.ID).fetchSingle().value1();
        return dsl.insertInto(RACE, RACE.TOURNAMENT_ID, RACE.PERMALINK_ID, RACE.RACER_ID, RACE.STATUS,
                        RACE.ELAPSED_SECONDS, RACE.FINISHED_AT, RACE.ENDED_AT, RACE.REATTEMPTED, RACE.STARTED_AT)
                .values(tournament, permalink, racer, status, elapsed,
                        finishedAt == null ? null : finishedAt.atOffset(ZoneOffset.UTC),
                        endedAt == null ? null : endedAt.atOffset(ZoneOffset.UTC), reattempted,
                        status == RaceStatus.pending ? null : Instant.parse("2026-04-01T18:00:00Z")
                                .atOffset(ZoneOffset.UTC))
                .returningResult(RACE.ID).fetchSingle().value1();
    }

    private long otherGuildRace() {
        slash(otherAdmin, "async create", Map.of("name", "Other Cup", "channel", otherChannel, "runs_per_pool", 1,
                "max_reattempts", 0));
        slash(otherAdmin, "async pool add", Map.of("tournament", "Other Cup", "name", "Any%"));
        slash(otherAdmin, "async permalink add", Map.of("tournament", "Other Cup", "pool", "Any%",
                "url", "https://example.org/other/1"));
        long tournament = dsl.select(TOURNAMENT.ID).from(TOURNAMENT).where(TOURNAMENT.NAME.eq("Other Cup"))
                .fetchSingle().value1();
        long permalink = dsl.select(PERMALINK.ID).from(PERMALINK).where(PERMALINK.URL.eq("https://example.org/other/1"))
                .fetchSingle().value1();
        Instant at = Instant.parse("2026-04-01T20:00:00Z");
        return race(tournament, permalink, RaceStatus.finished, BigDecimal.valueOf(3000), at, at, false);
    }

    private Record raceRow(long raceId) {
        return dsl.selectFrom(RACE).where(RACE.ID.eq(raceId)).fetchSingle();
    }

    private String refusal(FakeMember who, Map<String, Object> options) {
        SlashReply reply = unchanged(() -> slash(who, "async update-run", options));
        assertThat(title(reply)).isEqualTo("Cannot do that");
        return description(reply);
    }

    private String extendRefusal(long raceId, int minutes) {
        SlashReply reply = unchanged(() -> slash(admin, "async extend", Map.of("race", raceId, "minutes", minutes)));
        assertThat(title(reply)).isEqualTo("Cannot do that");
        return description(reply);
    }

    private static Map<String, Object> with(Map<String, Object> options, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(options);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> options, String key) {
        Map<String, Object> copy = new HashMap<>(options);
        copy.remove(key);
        return copy;
    }

    /** Runs the call and checks that the race, scoring, audit, outbox and task tables are as they were before it. */
    private <T> T unchanged(Supplier<T> call) {
        String before = snapshot();
        T result = call.get();
        assertThat(snapshot()).as("the database after a refusal").isEqualTo(before);
        return result;
    }

    private String snapshot() {
        StringBuilder all = new StringBuilder();
        for (Table<?> table : List.of(TOURNAMENT, TOURNAMENT_ADMIN, PERMALINK, RACE, RACE_SCORE, SCORE_QUEUE,
                AUDIT_LOG, NOTIFICATION, TASK_RUN)) {
            all.append(table.getName()).append('\n')
                    .append(dsl.selectFrom(table).orderBy(table.field(0)).fetch().formatCSV()).append('\n');
        }
        return all.toString();
    }

    private static SlashReply slash(FakeMember who, String command, Map<String, Object> options) {
        SlashReply reply = discord.slash(who.guild() == other ? other : home, who, command, options);
        assertThat(reply.deferred()).as("deferred: %s", reply).isTrue();
        assertThat(reply.ephemeral()).as("ephemeral: %s", reply).isTrue();
        return reply;
    }

    private static Map<String, Object> embed(SlashReply reply) {
        assertThat(reply.embeds()).as("reply %s", reply).hasSize(1);
        return reply.embeds().get(0);
    }

    private static String title(SlashReply reply) {
        return String.valueOf(embed(reply).get("title"));
    }

    private static String description(SlashReply reply) {
        return String.valueOf(embed(reply).get("description"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fields(SlashReply reply) {
        Object fields = embed(reply).get("fields");
        return fields == null ? List.of() : (List<Map<String, Object>>) fields;
    }
}
