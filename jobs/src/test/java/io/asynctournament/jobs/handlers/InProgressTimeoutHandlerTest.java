package io.asynctournament.jobs.handlers;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.testing.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DatabaseExtension.class)
class InProgressTimeoutHandlerTest {
    private static final Instant STARTED = Instant.parse("2026-01-10T08:00:00Z");
    private static final Map<String, Object> DEFAULTS = Map.of("max_hours", 12);

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final MutableClock clock = new MutableClock(STARTED);
    private final InProgressTimeoutHandler handler = new InProgressTimeoutHandler(dsl, clock,
            new RaceTimeoutRepository());
    private long tournament;
    private long permalink;

    @BeforeEach
    void tournamentWithOnePermalink() {
        tournament = fixtures.tournament(fixtures.guild());
        permalink = fixtures.permalink(fixtures.pool(tournament));
    }

    @Test
    void forfeits_a_race_running_max_hours_and_not_a_second_before() {
        long race = fixtures.inProgressRace(tournament, permalink, STARTED);

        clock.set(STARTED.plus(Duration.ofHours(12)).minusSeconds(1));
        assertThat(handler.run(DEFAULTS, TournamentScope.allActive()).counts()).containsEntry("forfeited", 0);
        assertThat(fixtures.race(race).getStatus()).isEqualTo(RaceStatus.in_progress);

        clock.set(STARTED.plus(Duration.ofHours(12)));
        assertThat(handler.run(DEFAULTS, TournamentScope.allActive()).counts()).containsEntry("forfeited", 1);

        assertThat(fixtures.race(race).getStatus()).isEqualTo(RaceStatus.forfeit);
        assertThat(new AuditLogRepository().forRace(dsl, race)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.action()).isEqualTo("timeout_forfeit");
                    assertThat(entry.actor()).isEqualTo("system");
                    assertThat(entry.details().get("task")).isEqualTo("async_tournament_timeout_in_progress");
                });
        assertThat(dsl.fetchCount(NOTIFICATION, NOTIFICATION.RACE_ID.eq(race)
                .and(NOTIFICATION.KIND.eq("in_progress_forfeit")))).isEqualTo(1);

        clock.tick(Duration.ofHours(1));
        assertThat(handler.run(DEFAULTS, TournamentScope.allActive()).counts()).containsEntry("forfeited", 0);
        assertThat(dsl.fetchCount(NOTIFICATION)).isEqualTo(1);
    }

    @Test
    void a_tournaments_own_max_hours_beats_the_task_config() {
        dsl.update(TOURNAMENT).set(TOURNAMENT.MAX_HOURS, 2).where(TOURNAMENT.ID.eq(tournament)).execute();
        long race = fixtures.inProgressRace(tournament, permalink, STARTED);

        clock.set(STARTED.plus(Duration.ofHours(2)));
        handler.run(DEFAULTS, TournamentScope.allActive());

        assertThat(fixtures.race(race).getStatus()).isEqualTo(RaceStatus.forfeit);
    }

    @Test
    void a_closed_tournaments_running_race_is_still_forfeited_at_its_limit() {
        long race = fixtures.inProgressRace(tournament, permalink, STARTED);
        dsl.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, false).where(TOURNAMENT.ID.eq(tournament)).execute();

        clock.set(STARTED.plus(Duration.ofHours(12)));
        handler.run(DEFAULTS, TournamentScope.allActive());

        assertThat(fixtures.race(race).getStatus()).isEqualTo(RaceStatus.forfeit);
    }

    @Test
    void leaves_pending_and_finished_races_alone() {
        long pending = fixtures.pendingRace(tournament, permalink, STARTED);
        long finished = fixtures.finishedRace(tournament, permalink, fixtures.racer(), 3600, false);

        clock.set(STARTED.plus(Duration.ofDays(3)));
        handler.run(DEFAULTS, TournamentScope.allActive());

        assertThat(fixtures.race(pending).getStatus()).isEqualTo(RaceStatus.pending);
        assertThat(fixtures.race(finished).getStatus()).isEqualTo(RaceStatus.finished);
    }

    @Test
    void rejects_max_hours_above_a_week() {
        assertThatThrownBy(() -> handler.run(Map.of("max_hours", 169), TournamentScope.allActive()))
                .hasMessageContaining("max_hours must be from 1 to 168, got 169");
    }
}
