package io.asynctournament.jobs.leaderboards;

import io.asynctournament.db.audit.AuditLogRepository;
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
import io.asynctournament.db.TournamentScope;
import io.asynctournament.jobs.races.RaceResultService;
import io.asynctournament.jobs.testing.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "leaderboard changed" signal of V009 (README "Leaderboards"): which changes bump a tournament's leaderboard
 * version (once per transaction), that the bot's listeners are notified at commit, and the conditional claim that
 * lets one of several bot processes edit a live message for a change.
 */
@ExtendWith(DatabaseExtension.class)
class LeaderboardVersionTest {
    private static final Instant NOW = Instant.parse("2026-04-01T20:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final MutableClock clock = new MutableClock(NOW);
    private final RaceResultService results = new RaceResultService(dsl, clock, new RaceResultRepository(),
            new ScoringRepository(), new AuditLogRepository());
    private final LiveLeaderboardRepository live = new LiveLeaderboardRepository();
    private long tournament;
    private long permalink;

    @BeforeEach
    void aTournament() {
        tournament = fixtures.tournament(fixtures.guild());
        permalink = fixtures.permalink(fixtures.pool(tournament));
    }

    @Test
    void a_finish_bumps_the_version_once_though_it_changes_the_race_and_its_scores() {
        long race = fixtures.inProgressRace(tournament, permalink, NOW.minus(Duration.ofMinutes(30)));
        long before = version();
        assertThat(results.finish(race)).isTrue();
        assertThat(version()).isEqualTo(before + 1);
        assertThat(results.review(race, ReviewStatus.rejected)).isTrue();
        assertThat(version()).isEqualTo(before + 2);
        assertThat(results.markReattempted(race)).isTrue();
        assertThat(version()).isEqualTo(before + 3);
    }

    @Test
    void ready_and_the_warning_sweep_leave_the_version_alone_and_a_forfeit_sweep_bumps_it_once() {
        long first = fixtures.pendingRace(tournament, permalink, NOW.minus(Duration.ofMinutes(15)));
        long second = fixtures.pendingRace(tournament, permalink, NOW.minus(Duration.ofMinutes(15)));
        long before = version();
        dsl.update(RACE).set(RACE.STATUS, io.asynctournament.db.generated.enums.RaceStatus.in_progress)
                .set(RACE.STARTED_AT, NOW.atOffset(ZoneOffset.UTC)).where(RACE.ID.eq(first)).execute();
        PendingTimeoutHandler sweep = new PendingTimeoutHandler(dsl, clock, new RaceTimeoutRepository());
        sweep.run(Map.of("warning_minutes", 10, "timeout_minutes", 20), TournamentScope.allActive());
        assertThat(fixtures.race(second).getWarningSentAt()).as("warned").isNotNull();
        assertThat(version()).as("Ready and a warning move no number").isEqualTo(before);

        long third = fixtures.pendingRace(tournament, permalink, NOW.minus(Duration.ofMinutes(25)));
        long afterInsert = version();
        assertThat(afterInsert).as("a new race puts its racer on the board").isEqualTo(before + 1);
        clock.tick(Duration.ofMinutes(10));
        sweep.run(Map.of("warning_minutes", 10, "timeout_minutes", 20), TournamentScope.allActive());
        assertThat(fixtures.race(second).getStatus().getLiteral()).isEqualTo("forfeit");
        assertThat(fixtures.race(third).getStatus().getLiteral()).isEqualTo("forfeit");
        assertThat(version()).as("two forfeits in one statement: one bump").isEqualTo(afterInsert + 1);
    }

    @Test
    void a_pool_a_close_and_a_recalculation_that_writes_scores_bump_it() {
        long before = version();
        fixtures.pool(tournament);
        assertThat(version()).isEqualTo(before + 1);
        dsl.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, false).where(TOURNAMENT.ID.eq(tournament)).execute();
        assertThat(version()).isEqualTo(before + 2);
        dsl.update(TOURNAMENT).set(TOURNAMENT.WARNING_MINUTES, 5).where(TOURNAMENT.ID.eq(tournament)).execute();
        assertThat(version()).as("a setting that no leaderboard shows").isEqualTo(before + 2);
        dsl.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, true).where(TOURNAMENT.ID.eq(tournament)).execute();

        fixtures.finishedRace(tournament, permalink, fixtures.racer(), 3600, false); // imported: no score yet
        long imported = version();
        ScoreCalculationHandler task = new ScoreCalculationHandler(dsl, clock, new ScoringRepository());
        task.run(Map.of(), TournamentScope.allActive());
        assertThat(version()).as("scores written").isEqualTo(imported + 1);
        task.run(Map.of(), TournamentScope.allActive());
        assertThat(version()).as("nothing to score: no bump").isEqualTo(imported + 1);
    }

    @Test
    void listeners_are_notified_of_the_tournament_at_commit_only() throws Exception {
        long race = fixtures.inProgressRace(tournament, permalink, NOW.minus(Duration.ofMinutes(30)));
        try (Connection listener = TestDatabase.get().dataSource().getConnection()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN leaderboard_changed");
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            CompletableFuture<Void> held = new CompletableFuture<>();
            CompletableFuture<Void> committed = CompletableFuture.runAsync(() -> dsl.transaction(tx -> {
                tx.dsl().update(RACE).set(RACE.REATTEMPTED, true).where(RACE.ID.eq(race)).execute();
                held.complete(null);
                Thread.sleep(500);
            }));
            held.join();
            PGNotification[] early = pg.getNotifications(200);
            committed.join();
            List<String> payloads = new ArrayList<>();
            for (PGNotification n : Optional.ofNullable(pg.getNotifications(2000)).orElse(new PGNotification[0])) {
                payloads.add(n.getName() + ":" + n.getParameter());
            }
            assertThat(early == null ? 0 : early.length).as("nothing before the commit").isZero();
            assertThat(payloads).containsExactly("leaderboard_changed:" + tournament);
        }
    }

    @Test
    void of_two_claims_for_one_change_one_wins_and_the_next_waits_for_the_interval() {
        dsl.update(TOURNAMENT).set(TOURNAMENT.LEADERBOARD_CHANNEL_ID, 1L).set(TOURNAMENT.LEADERBOARD_MESSAGE_ID, 2L)
                .where(TOURNAMENT.ID.eq(tournament)).execute();
        fixtures.pool(tournament);
        assertThat(live.behind(dsl)).extracting(LiveLeaderboard::tournamentId).containsExactly(tournament);
        Duration interval = Duration.ofSeconds(3);
        List<CompletableFuture<Optional<LiveLeaderboard>>> claims = List.of(
                CompletableFuture.supplyAsync(() -> live.claim(dsl, tournament, NOW, interval)),
                CompletableFuture.supplyAsync(() -> live.claim(dsl, tournament, NOW, interval)));
        assertThat(claims.stream().map(CompletableFuture::join).filter(Optional::isPresent)).hasSize(1);
        assertThat(live.behind(dsl)).isEmpty();

        fixtures.pool(tournament);
        assertThat(live.claim(dsl, tournament, NOW.plusSeconds(1), interval)).as("within the interval").isEmpty();
        Optional<LiveLeaderboard> later = live.claim(dsl, tournament, NOW.plusSeconds(3), interval);
        assertThat(later).isPresent();
        assertThat(later.get().postedVersion()).isEqualTo(version());

        assertThat(live.release(dsl, tournament, later.get().postedVersion(), later.get().postedVersion() - 1))
                .isTrue();
        assertThat(live.behind(dsl)).as("a failed edit is given back").hasSize(1);
    }

    private long version() {
        return dsl.select(TOURNAMENT.LEADERBOARD_VERSION).from(TOURNAMENT).where(TOURNAMENT.ID.eq(tournament))
                .fetchSingle().value1();
    }
}
