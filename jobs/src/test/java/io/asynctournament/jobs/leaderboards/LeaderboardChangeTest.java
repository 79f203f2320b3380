package io.asynctournament.jobs.leaderboards;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;
import io.asynctournament.db.leaderboard.LiveLeaderboard;
import io.asynctournament.db.leaderboard.LiveLeaderboardRepository;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.db.scoring.ScoringRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.handlers.PendingTimeoutHandler;
import io.asynctournament.jobs.handlers.ScoreCalculationHandler;
import io.asynctournament.jobs.races.RaceResultService;
import io.asynctournament.jobs.testing.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static io.asynctournament.db.generated.Tables.LEADERBOARD_CHANGE;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "leaderboard changed" signal of V009 (README "Leaderboards"): which changes insert a change row for a tournament
 * with a live message (once per transaction, none for a tournament without one), that the bot's listeners are
 * notified at commit, and the claim that deletes the change rows so that of several bot processes one edits a live
 * message for a change, a change committed after a claim being left for the next one.
 */
@ExtendWith(DatabaseExtension.class)
class LeaderboardChangeTest {
    private static final Instant NOW = Instant.parse("2026-04-01T20:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(3);

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final MutableClock clock = new MutableClock(NOW);
    private final RaceResultService results = new RaceResultService(dsl, clock, new RaceResultRepository(),
            new ScoringRepository(), new AuditLogRepository());
    private final LiveLeaderboardRepository live = new LiveLeaderboardRepository();
    private long tournament;
    private long permalink;

    @BeforeEach
    void aTournamentWithALiveMessage() {
        tournament = fixtures.tournament(fixtures.guild());
        permalink = fixtures.permalink(fixtures.pool(tournament));
        liveMessage(tournament);
    }

    @Test
    void a_finish_makes_one_change_row_though_it_changes_the_race_and_its_scores() {
        long race = fixtures.inProgressRace(tournament, permalink, NOW.minus(Duration.ofMinutes(30)));
        int before = changes(tournament);
        assertThat(results.finish(race)).isTrue();
        assertThat(changes(tournament)).isEqualTo(before + 1);
        assertThat(results.review(race, ReviewStatus.rejected)).isTrue();
        assertThat(changes(tournament)).isEqualTo(before + 2);
        assertThat(results.markReattempted(race)).isTrue();
        assertThat(changes(tournament)).isEqualTo(before + 3);
        assertThat(dsl.fetchCount(TOURNAMENT, TOURNAMENT.LEADERBOARD_POSTED_AT.isNotNull()))
                .as("the tournament row is not written").isZero();
    }

    @Test
    void ready_and_the_warning_sweep_make_no_row_and_two_forfeits_in_one_sweep_make_one() {
        long first = fixtures.pendingRace(tournament, permalink, NOW.minus(Duration.ofMinutes(15)));
        long second = fixtures.pendingRace(tournament, permalink, NOW.minus(Duration.ofMinutes(15)));
        int before = changes(tournament);
        dsl.update(RACE).set(RACE.STATUS, RaceStatus.in_progress)
                .set(RACE.STARTED_AT, NOW.atOffset(ZoneOffset.UTC)).where(RACE.ID.eq(first)).execute();
        PendingTimeoutHandler sweep = new PendingTimeoutHandler(dsl, clock, new RaceTimeoutRepository());
        sweep.run(Map.of("warning_minutes", 10, "timeout_minutes", 20), TournamentScope.allActive());
        assertThat(fixtures.race(second).getWarningSentAt()).as("warned").isNotNull();
        assertThat(changes(tournament)).as("Ready and a warning move no number").isEqualTo(before);

        long third = fixtures.pendingRace(tournament, permalink, NOW.minus(Duration.ofMinutes(25)));
        int afterInsert = changes(tournament);
        assertThat(afterInsert).as("a new race puts its racer on the board").isEqualTo(before + 1);
        clock.tick(Duration.ofMinutes(10));
        sweep.run(Map.of("warning_minutes", 10, "timeout_minutes", 20), TournamentScope.allActive());
        assertThat(fixtures.race(second).getStatus()).isEqualTo(RaceStatus.forfeit);
        assertThat(fixtures.race(third).getStatus()).isEqualTo(RaceStatus.forfeit);
        assertThat(changes(tournament)).as("two forfeits in one statement: one row").isEqualTo(afterInsert + 1);
    }

    @Test
    void a_pool_a_close_and_a_recalculation_that_writes_scores_make_a_row_each() {
        int before = changes(tournament);
        fixtures.pool(tournament);
        assertThat(changes(tournament)).isEqualTo(before + 1);
        dsl.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, false).where(TOURNAMENT.ID.eq(tournament)).execute();
        assertThat(changes(tournament)).isEqualTo(before + 2);
        dsl.update(TOURNAMENT).set(TOURNAMENT.WARNING_MINUTES, 5).where(TOURNAMENT.ID.eq(tournament)).execute();
        assertThat(changes(tournament)).as("a setting that no leaderboard shows").isEqualTo(before + 2);
        dsl.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, true).where(TOURNAMENT.ID.eq(tournament)).execute();

        fixtures.finishedRace(tournament, permalink, fixtures.racer(), 3600, false); // imported: no score yet
        int imported = changes(tournament);
        ScoreCalculationHandler task = new ScoreCalculationHandler(dsl, clock, new ScoringRepository());
        task.run(Map.of(), TournamentScope.allActive());
        assertThat(changes(tournament)).as("scores written").isEqualTo(imported + 1);
        task.run(Map.of(), TournamentScope.allActive());
        assertThat(changes(tournament)).as("nothing to score: no row").isEqualTo(imported + 1);
    }

    @Test
    void a_tournament_without_a_live_message_gets_no_row_and_no_notification() throws Exception {
        long plain = fixtures.tournament(fixtures.guild());
        long plainPermalink = fixtures.permalink(fixtures.pool(plain));
        long race = fixtures.inProgressRace(plain, plainPermalink, NOW.minus(Duration.ofMinutes(30)));
        try (Connection listener = listening()) {
            assertThat(results.finish(race)).isTrue();
            dsl.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, false).where(TOURNAMENT.ID.eq(plain)).execute();
            fixtures.pool(plain);
            assertThat(changes(plain)).isZero();
            assertThat(dsl.fetchCount(LEADERBOARD_CHANGE)).as("nor for anyone else").isZero();
            assertThat(notifications(listener, 300)).isEmpty();
        }
    }

    @Test
    void listeners_are_notified_of_the_tournament_at_commit_only() throws Exception {
        long race = fixtures.inProgressRace(tournament, permalink, NOW.minus(Duration.ofMinutes(30)));
        dsl.deleteFrom(LEADERBOARD_CHANGE).execute();
        try (Connection listener = listening()) {
            CompletableFuture<Void> held = new CompletableFuture<>();
            CompletableFuture<Void> committed = CompletableFuture.runAsync(() -> dsl.transaction(tx -> {
                tx.dsl().update(RACE).set(RACE.REATTEMPTED, true).where(RACE.ID.eq(race)).execute();
                held.complete(null);
                Thread.sleep(500);
            }));
            held.join();
            List<String> early = notifications(listener, 200);
            assertThat(changes(tournament)).as("not visible before the commit").isZero();
            committed.join();
            assertThat(early).as("nothing before the commit").isEmpty();
            assertThat(notifications(listener, 2000)).containsExactly("leaderboard_changed:" + tournament);
            assertThat(changes(tournament)).isEqualTo(1);
        }
    }

    @Test
    void of_two_claims_at_once_exactly_one_gets_the_change_and_the_next_waits_for_the_interval() throws Exception {
        fixtures.pool(tournament);
        assertThat(live.withChanges(dsl)).extracting(LiveLeaderboard::tournamentId).containsExactly(tournament);

        // A claim held open: a second claim meanwhile skips the tournament instead of waiting, and claims nothing.
        CompletableFuture<List<LiveLeaderboard>> second = new CompletableFuture<>();
        List<LiveLeaderboard> first = dsl.transactionResult(tx -> {
            List<LiveLeaderboard> mine = live.claimDue(tx.dsl(), NOW, INTERVAL);
            CompletableFuture.supplyAsync(() -> live.claimDue(dsl, NOW, INTERVAL))
                    .orTimeout(5, TimeUnit.SECONDS).whenComplete((r, e) -> {
                        if (e != null) {
                            second.completeExceptionally(e);
                        } else {
                            second.complete(r);
                        }
                    });
            second.join();
            return mine;
        });
        assertThat(first).extracting(LiveLeaderboard::tournamentId).containsExactly(tournament);
        assertThat(first.get(0).changedSince()).isNotNull();
        assertThat(first.get(0).messageId()).isEqualTo(2L);
        assertThat(second.get()).as("the second claim, while the first is open").isEmpty();
        assertThat(changes(tournament)).isZero();

        // Claims started together, round after round: each change is claimed exactly once.
        for (int round = 1; round <= 10; round++) {
            fixtures.pool(tournament);
            Instant at = NOW.plus(INTERVAL.multipliedBy(round));
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<List<LiveLeaderboard>>> claims = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                claims.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return live.claimDue(dsl, at, INTERVAL);
                }));
            }
            assertThat(claims.stream().mapToInt(c -> c.join().size()).sum()).as("round %d", round).isEqualTo(1);
            assertThat(changes(tournament)).isZero();
        }

        Instant last = NOW.plus(INTERVAL.multipliedBy(10));
        fixtures.pool(tournament);
        assertThat(live.claimDue(dsl, last.plusSeconds(1), INTERVAL)).as("within the interval").isEmpty();
        assertThat(live.withChanges(dsl)).extracting(LiveLeaderboard::postedAt).containsExactly(last);
        assertThat(live.claimDue(dsl, last.plus(INTERVAL), INTERVAL)).hasSize(1);
    }

    @Test
    void a_change_committed_after_a_claim_is_claimed_by_the_next_pass_and_a_claim_given_back_too() throws Exception {
        fixtures.pool(tournament);
        long race = fixtures.inProgressRace(tournament, permalink, NOW.minus(Duration.ofMinutes(30)));
        CompletableFuture<Void> changing = new CompletableFuture<>();
        CompletableFuture<Void> mayCommit = new CompletableFuture<>();
        CompletableFuture<Boolean> finish = CompletableFuture.supplyAsync(() -> dsl.transactionResult(tx -> {
            boolean done = tx.dsl().update(RACE).set(RACE.STATUS, RaceStatus.forfeit).where(RACE.ID.eq(race))
                    .execute() == 1;
            changing.complete(null);
            mayCommit.get(10, TimeUnit.SECONDS);
            return done;
        }));
        changing.get(10, TimeUnit.SECONDS);
        List<LiveLeaderboard> claimed = dsl.transactionResult(tx -> {
            List<LiveLeaderboard> mine = live.claimDue(tx.dsl(), NOW, INTERVAL);
            mayCommit.complete(null);
            assertThat(finish.get(10, TimeUnit.SECONDS)).isTrue(); // committed while the claim is still open
            return mine;
        });
        assertThat(claimed).as("the pool's change").hasSize(1);
        assertThat(changes(tournament)).as("the forfeit's change, committed after the claim, is left").isEqualTo(1);
        assertThat(live.claimDue(dsl, NOW.plus(INTERVAL), INTERVAL)).as("the next pass").hasSize(1);
        assertThat(changes(tournament)).isZero();

        fixtures.pool(tournament);
        LiveLeaderboard failed = live.claimDue(dsl, NOW.plus(INTERVAL.multipliedBy(2)), INTERVAL).get(0);
        live.giveBack(dsl, failed);
        assertThat(live.withChanges(dsl)).as("a failed edit is given back").extracting(LiveLeaderboard::changedSince)
                .containsExactly(failed.changedSince());
        assertThat(live.claimDue(dsl, NOW.plus(INTERVAL.multipliedBy(2)).plusSeconds(1), INTERVAL)).isEmpty();
        assertThat(live.claimDue(dsl, NOW.plus(INTERVAL.multipliedBy(3)), INTERVAL)).hasSize(1);
    }

    private void liveMessage(long tournamentId) {
        dsl.update(TOURNAMENT).set(TOURNAMENT.LEADERBOARD_CHANNEL_ID, 1L).set(TOURNAMENT.LEADERBOARD_MESSAGE_ID, 2L)
                .where(TOURNAMENT.ID.eq(tournamentId)).execute();
    }

    private int changes(long tournamentId) {
        return dsl.fetchCount(LEADERBOARD_CHANGE, LEADERBOARD_CHANGE.TOURNAMENT_ID.eq(tournamentId));
    }

    /** A connection of its own (not pooled: a pooled one would keep listening for the next test). */
    private static Connection listening() throws Exception {
        Connection listener = DriverManager.getConnection(TestDatabase.jdbcUrl());
        try (Statement s = listener.createStatement()) {
            s.execute("LISTEN leaderboard_changed");
        }
        return listener;
    }

    private static List<String> notifications(Connection listener, int waitMillis) throws Exception {
        List<String> payloads = new ArrayList<>();
        PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(waitMillis);
        for (PGNotification n : Optional.ofNullable(got).orElse(new PGNotification[0])) {
            payloads.add(n.getName() + ":" + n.getParameter());
        }
        return payloads;
    }
}
