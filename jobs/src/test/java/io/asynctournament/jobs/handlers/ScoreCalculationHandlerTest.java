package io.asynctournament.jobs.handlers;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.scoring.ScoringRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.testing.Fixtures;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACE_SCORE;
import static io.asynctournament.db.generated.Tables.SCORE_QUEUE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DatabaseExtension.class)
class ScoreCalculationHandlerTest {
    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final MutableClock clock = new MutableClock(NOW);
    private final ScoreCalculationHandler handler = new ScoreCalculationHandler(dsl, clock,
            new ScoringRepository());
    private long tournament;
    private long permalink;

    @BeforeEach
    void tournamentWithOnePermalink() {
        tournament = fixtures.tournament(fixtures.guild());
        permalink = fixtures.permalink(fixtures.pool(tournament));
    }

    @AfterEach
    void dropFailureTrigger() {
        dsl.execute("drop trigger if exists fail_scoring on race_score");
        dsl.execute("drop function if exists fail_scoring()");
    }

    @Test
    void par_is_the_mean_of_all_finishers_when_fewer_than_five() {
        finished(3000);
        finished(3600);
        finished(4200);

        handler.run(Map.of(), TournamentScope.allActive());

        assertThat(par()).isEqualTo(3600.0);
    }

    @Test
    void par_is_the_mean_of_the_five_fastest_when_more_finished() {
        for (int seconds : new int[]{5000, 1000, 2000, 9000, 3000, 4000, 5000, 7000}) {
            finished(seconds);
        }

        handler.run(Map.of(), TournamentScope.allActive());

        assertThat(par()).isEqualTo((1000 + 2000 + 3000 + 4000 + 5000) / 5.0);
    }

    @Test
    void scores_follow_two_minus_elapsed_over_par_times_100_and_reach_0_at_twice_par() {
        long atPar = finished(3600);
        for (int i = 0; i < 4; i++) {
            finished(3600);
        }
        long oneAndHalf = finished(5400);
        long twicePar = finished(7200);
        long beyond = finished(9000);

        handler.run(Map.of(), TournamentScope.allActive());

        assertThat(par()).isEqualTo(3600.0);
        assertThat(score(atPar)).isEqualTo(100.0);
        assertThat(score(oneAndHalf)).isEqualTo(50.0);
        assertThat(score(twicePar)).isEqualTo(0.0);
        assertThat(score(beyond)).as("past 2x par clamps to 0").isEqualTo(0.0);
    }

    @Test
    void a_run_at_half_par_is_capped_at_105() {
        long half = finished(1800);
        long slower = finished(5400); // par = (1800 + 5400) / 2 = 3600

        handler.run(Map.of(), TournamentScope.allActive());

        assertThat(par()).isEqualTo(3600.0);
        assertThat(score(half)).as("(2 - 0.5) * 100 = 150, capped").isEqualTo(105.0);
        assertThat(score(slower)).isEqualTo(50.0);
    }

    @Test
    void a_run_exactly_at_par_scores_100() {
        long a = finished(3600);
        long b = finished(3600);

        handler.run(Map.of(), TournamentScope.allActive());

        assertThat(score(a)).isEqualTo(100.0);
        assertThat(score(b)).isEqualTo(100.0);
    }

    @Test
    void reattempted_runs_count_for_neither_par_nor_scores() {
        long racer = fixtures.racer();
        long reattempted = fixtures.finishedRace(tournament, permalink, racer, 600, true);
        long replacement = fixtures.finishedRace(tournament, permalink, racer, 3600, false);
        long other = finished(3600);

        handler.run(Map.of(), TournamentScope.allActive());

        assertThat(par()).isEqualTo(3600.0);
        assertThat(score(reattempted)).isNull();
        assertThat(score(replacement)).isEqualTo(100.0);
        assertThat(score(other)).isEqualTo(100.0);
    }

    @Test
    void forfeits_and_disqualifications_score_zero_and_pending_races_have_no_score() {
        finished(3600);
        long forfeit = fixtures.race(tournament, permalink, fixtures.racer(), RaceStatus.forfeit, null, null, null,
                false);
        long disqualified = fixtures.race(tournament, permalink, fixtures.racer(), RaceStatus.disqualified, null, null,
                null, false);
        long pending = fixtures.race(tournament, permalink, fixtures.racer(), RaceStatus.pending, null, null, null,
                false);

        TaskOutcome outcome = handler.run(Map.of(), TournamentScope.allActive());

        assertThat(score(forfeit)).isEqualTo(0.0);
        assertThat(score(disqualified)).isEqualTo(0.0);
        assertThat(score(pending)).isNull();
        assertThat(outcome.counts()).as("only the finished run's score depends on par and is stored")
                .containsEntry("scores_written", 1).containsEntry("permalinks", 1).containsEntry("tournaments", 1);
    }

    @Test
    void a_rejected_run_scores_zero_and_leaves_the_par_time() {
        long fast = finished(1800);
        long slow = finished(3600);
        dsl.update(RACE).set(RACE.REVIEW_STATUS, ReviewStatus.rejected).where(RACE.ID.eq(fast)).execute();

        handler.run(Map.of(), TournamentScope.allActive());

        assertThat(par()).isEqualTo(3600.0);
        assertThat(score(fast)).isEqualTo(0.0);
        assertThat(score(slow)).isEqualTo(100.0);
    }

    @Test
    void a_run_with_nothing_queued_recomputes_nothing_and_rewrites_no_score() {
        long race = finished(3600);
        handler.run(Map.of(), TournamentScope.allActive());

        clock.tick(Duration.ofHours(1));
        TaskOutcome outcome = handler.run(Map.of(), TournamentScope.allActive());

        assertThat(outcome.counts()).containsEntry("tournaments", 0).containsEntry("permalinks", 0)
                .containsEntry("scores_written", 0);
        assertThat(scoredAt(race)).isEqualTo(NOW);
    }

    @Test
    void only_permalinks_with_changed_runs_are_recomputed_and_unchanged_scores_are_not_rewritten() {
        long[] fastest = new long[5];
        for (int i = 0; i < 5; i++) {
            fastest[i] = finished(3000 + 100 * i);
        }
        long otherPermalink = fixtures.permalink(fixtures.pool(tournament));
        long other = fixtures.finishedRace(tournament, otherPermalink, fixtures.racer(), 4000, false);
        handler.run(Map.of(), TournamentScope.allActive());

        clock.tick(Duration.ofHours(1));
        long slow = finished(9000);
        TaskOutcome outcome = handler.run(Map.of(), TournamentScope.allActive());

        assertThat(outcome.counts()).containsEntry("permalinks", 1).containsEntry("par_times_changed", 0)
                .containsEntry("scores_written", 1);
        assertThat(scoredAt(slow)).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(scoredAt(fastest[0])).as("par unchanged: the fastest run keeps its stored score").isEqualTo(NOW);
        assertThat(scoredAt(other)).isEqualTo(NOW);
    }

    @Test
    void a_run_rejected_while_its_permalink_is_recomputed_waits_and_keeps_no_stale_score() throws Exception {
        long rejected = finished(3000);
        long kept = finished(3600);
        var computed = new java.util.concurrent.CountDownLatch(1);
        var commit = new java.util.concurrent.CountDownLatch(1);
        ScoringRepository scoring = new ScoringRepository();
        Thread recalculation = new Thread(() -> dsl.transaction(tx -> {
            scoring.recompute(tx.dsl(), scoring.claimQueued(tx.dsl(), List.of(tournament)), NOW);
            computed.countDown();
            commit.await();
        }));
        recalculation.start();
        computed.await();
        Thread reviewer = new Thread(() -> dsl.update(RACE).set(RACE.REVIEW_STATUS, ReviewStatus.rejected)
                .where(RACE.ID.eq(rejected)).execute());
        reviewer.start();
        org.awaitility.Awaitility.await().until(() -> dsl.fetchCount(DSL.table("pg_stat_activity"),
                DSL.field("wait_event_type").eq("Lock")) == 1);

        commit.countDown();
        recalculation.join();
        reviewer.join();

        assertThat(dsl.fetchExists(RACE_SCORE, RACE_SCORE.RACE_ID.eq(rejected)))
                .as("the score written from the older snapshot is removed by the review's trigger").isFalse();
        handler.run(Map.of(), TournamentScope.allActive());
        assertThat(par()).isEqualTo(3600.0);
        assertThat(score(rejected)).isEqualTo(0.0);
        assertThat(score(kept)).isEqualTo(100.0);
    }

    @Test
    void a_permalink_another_recalculation_holds_is_skipped_and_stays_queued() throws Exception {
        long held = finished(3600);
        long otherPermalink = fixtures.permalink(fixtures.pool(tournament));
        long free = fixtures.finishedRace(tournament, otherPermalink, fixtures.racer(), 3600, false);
        var locked = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> dsl.transaction(tx -> {
            new ScoringRepository().lockPermalink(tx.dsl(), permalink);
            locked.countDown();
            release.await();
        }));
        holder.start();
        try {
            locked.await();
            TaskOutcome outcome = handler.run(Map.of(), TournamentScope.allActive());

            assertThat(outcome.counts()).containsEntry("permalinks", 1);
            assertThat(score(free)).isEqualTo(100.0);
            assertThat(score(held)).isNull();
            assertThat(dsl.fetchExists(SCORE_QUEUE, SCORE_QUEUE.PERMALINK_ID.eq(permalink))).isTrue();
        } finally {
            release.countDown();
            holder.join();
        }
        handler.run(Map.of(), TournamentScope.allActive());
        assertThat(score(held)).isEqualTo(100.0);
        assertThat(new ScoringRepository().queuedPermalinks(dsl)).isZero();
    }

    @Test
    void a_permalink_nobody_finished_has_no_par() {
        fixtures.race(tournament, permalink, fixtures.racer(), RaceStatus.forfeit, null, null, null, false);

        TaskOutcome outcome = handler.run(Map.of(), TournamentScope.allActive());

        assertThat(par()).isNull();
        assertThat(outcome.counts()).as("a forfeit changes no par time: nothing was queued")
                .containsEntry("permalinks", 0);
    }

    @Test
    void one_failing_tournament_is_rolled_back_and_reported_while_the_others_are_scored() {
        long broken = fixtures.tournament(fixtures.guild());
        long brokenPermalink = fixtures.permalink(fixtures.pool(broken));
        long brokenRace = fixtures.finishedRace(broken, brokenPermalink, fixtures.racer(), 3600, false);
        long good = finished(3600);
        dsl.execute("""
                create function fail_scoring() returns trigger language plpgsql as $$
                begin
                  if (select tournament_id from race where id = new.race_id) = %d then
                    raise exception 'disk on fire';
                  end if;
                  return new;
                end $$""".formatted(broken));
        dsl.execute("create trigger fail_scoring before insert or update on race_score for each row "
                + "execute function fail_scoring()");

        TaskOutcome outcome = handler.run(Map.of(), TournamentScope.allActive());

        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.errors()).singleElement().asString()
                .contains("tournament " + broken).contains("disk on fire");
        assertThat(outcome.counts()).containsEntry("tournaments", 1).containsEntry("tournaments_failed", 1);
        assertThat(score(good)).isEqualTo(100.0);
        assertThat(score(brokenRace)).isNull();
        assertThat(dsl.select(PERMALINK.PAR_TIME).from(PERMALINK).where(PERMALINK.ID.eq(brokenPermalink))
                .fetchSingle().value1()).as("the failed tournament's par update is rolled back too").isNull();
        assertThat(dsl.fetchExists(SCORE_QUEUE, SCORE_QUEUE.PERMALINK_ID.eq(brokenPermalink)))
                .as("its permalink stays queued for the next run").isTrue();
    }

    @Test
    void a_run_where_every_tournament_fails_is_failed() {
        finished(3600);
        dsl.execute("""
                create function fail_scoring() returns trigger language plpgsql as $$
                begin raise exception 'disk on fire'; end $$""");
        dsl.execute("create trigger fail_scoring before insert or update on race_score for each row "
                + "execute function fail_scoring()");

        TaskOutcome outcome = handler.run(Map.of(), TournamentScope.allActive());

        assertThat(outcome.failed()).isTrue();
    }

    @Test
    void scores_only_active_tournaments_unless_tournament_ids_names_them() {
        long inactive = fixtures.tournament(fixtures.guild());
        dsl.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, false).where(TOURNAMENT.ID.eq(inactive)).execute();
        long inactiveRace = fixtures.finishedRace(inactive, fixtures.permalink(fixtures.pool(inactive)),
                fixtures.racer(), 3600, false);
        long activeRace = finished(3600);

        handler.run(Map.of(), TournamentScope.allActive());
        assertThat(score(inactiveRace)).isNull();
        assertThat(score(activeRace)).isEqualTo(100.0);

        TaskOutcome outcome = handler.run(Map.of("tournament_ids", List.of(inactive)), TournamentScope.allActive());
        assertThat(score(inactiveRace)).isEqualTo(100.0);
        assertThat(outcome.counts()).containsEntry("tournaments", 1);
    }

    private long finished(double seconds) {
        return fixtures.finishedRace(tournament, permalink, fixtures.racer(), seconds, false);
    }

    private Double par() {
        return dsl.select(PERMALINK.PAR_TIME).from(PERMALINK).where(PERMALINK.ID.eq(permalink)).fetchSingle().value1();
    }

    private Instant scoredAt(long raceId) {
        return dsl.select(RACE_SCORE.SCORED_AT).from(RACE_SCORE).where(RACE_SCORE.RACE_ID.eq(raceId)).fetchSingle()
                .value1().toInstant();
    }

    private Double score(long raceId) {
        return new RaceResultRepository().score(dsl, raceId);
    }
}
