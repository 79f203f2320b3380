package io.asynctournament.jobs.races;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.scoring.ScoringRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.testing.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DatabaseExtension.class)
class RaceResultServiceTest {
    private static final Instant NOW = Instant.parse("2026-04-01T20:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final MutableClock clock = new MutableClock(NOW);
    private final RaceResultRepository races = new RaceResultRepository();
    private final ScoringRepository scoring = new ScoringRepository();
    private final RaceResultService service = new RaceResultService(dsl, clock, races, scoring,
            new io.asynctournament.db.audit.AuditLogRepository());
    private long tournament;
    private long permalink;

    @BeforeEach
    void permalinkWithAParTime() {
        tournament = fixtures.tournament(fixtures.guild());
        permalink = fixtures.permalink(fixtures.pool(tournament));
    }

    @Test
    void a_finished_race_has_its_score_when_finish_returns_without_waiting_for_the_scheduled_run() {
        long first = fixtures.inProgressRace(tournament, permalink, NOW.minus(Duration.ofMinutes(60)));
        long second = fixtures.inProgressRace(tournament, permalink, NOW.minus(Duration.ofMinutes(30)));

        assertThat(service.finish(first)).isTrue();
        assertThat(races.elapsedSeconds(dsl, first)).isEqualByComparingTo(new BigDecimal("3600.000"));
        assertThat(races.score(dsl, first)).isEqualTo(100.0);
        assertThat(par()).isEqualTo(3600.0);

        clock.tick(Duration.ofMillis(1500));
        assertThat(service.finish(second)).isTrue();
        assertThat(races.elapsedSeconds(dsl, second)).isEqualByComparingTo(new BigDecimal("1801.500"));
        double par = (3600 + 1801.5) / 2;
        assertThat(par()).isEqualTo(par);
        assertThat(races.score(dsl, first)).as("the earlier finisher is rescored with the new par")
                .isEqualTo((2 - 3600 / par) * 100);
        assertThat(races.score(dsl, second)).as("capped").isEqualTo(105.0);
        assertThat(scoring.queuedPermalinks(dsl)).as("nothing is left for the scheduled run").isZero();
    }

    @Test
    void finishing_a_race_that_is_not_in_progress_changes_nothing() {
        long pending = fixtures.pendingRace(tournament, permalink, NOW.minusSeconds(60));

        assertThat(service.finish(pending)).isFalse();
        assertThat(fixtures.race(pending).getStatus()).isEqualTo(RaceStatus.pending);
        assertThat(races.score(dsl, pending)).isNull();
    }

    @Test
    void an_unknown_race_is_refused() {
        assertThatThrownBy(() -> service.finish(424242)).isInstanceOf(io.asynctournament.jobs.errors.UserError.class)
                .hasMessage("There is no race 424242.");
    }

    @Test
    void reattempting_or_rejecting_the_only_finisher_clears_the_par_time_at_once() {
        long race = fixtures.inProgressRace(tournament, permalink, NOW.minus(Duration.ofMinutes(60)));
        service.finish(race);

        assertThat(service.review(race, ReviewStatus.rejected)).isTrue();
        assertThat(par()).isNull();
        assertThat(races.score(dsl, race)).as("a rejected run scores 0").isEqualTo(0.0);

        assertThat(service.review(race, ReviewStatus.accepted)).isTrue();
        assertThat(races.score(dsl, race)).isEqualTo(100.0);

        assertThat(service.markReattempted(race)).isTrue();
        assertThat(par()).isNull();
        assertThat(races.score(dsl, race)).isNull();
        assertThat(service.markReattempted(race)).isFalse();
    }

    @Test
    void a_racer_forfeit_and_an_admin_disqualification_score_zero() {
        long running = fixtures.inProgressRace(tournament, permalink, NOW.minus(Duration.ofMinutes(10)));
        long finished = fixtures.inProgressRace(tournament, permalink, NOW.minus(Duration.ofMinutes(60)));
        service.finish(finished);

        assertThat(service.forfeit(running)).isTrue();
        assertThat(service.forfeit(finished)).as("a finished race cannot be forfeited").isFalse();
        assertThat(service.disqualify(finished)).isTrue();

        assertThat(races.score(dsl, running)).isEqualTo(0.0);
        assertThat(races.score(dsl, finished)).isEqualTo(0.0);
        assertThat(par()).isNull();
    }

    private Double par() {
        return dsl.select(PERMALINK.PAR_TIME).from(PERMALINK).where(PERMALINK.ID.eq(permalink)).fetchSingle().value1();
    }
}
