package io.asynctournament.jobs.handlers;

import io.asynctournament.db.Json;
import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.audit.AuditEntry;
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
import java.util.List;
import java.util.Map;

import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DatabaseExtension.class)
class PendingTimeoutHandlerTest {
    private static final Instant OPENED = Instant.parse("2026-01-10T12:00:00Z");
    private static final Map<String, Object> DEFAULTS = Map.of("warning_minutes", 10, "timeout_minutes", 20);

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final MutableClock clock = new MutableClock(OPENED);
    private final PendingTimeoutHandler handler = new PendingTimeoutHandler(dsl, clock, new RaceTimeoutRepository());
    private long tournament;
    private long permalink;

    @BeforeEach
    void tournamentWithOnePermalink() {
        tournament = fixtures.tournament(fixtures.guild());
        permalink = fixtures.permalink(fixtures.pool(tournament));
    }

    @Test
    void sets_the_deadline_to_thread_opened_at_plus_timeout_minutes() {
        long race = fixtures.pendingRace(tournament, permalink, OPENED);

        TaskOutcome outcome = handler.run(DEFAULTS, TournamentScope.allActive());

        assertThat(outcome.counts()).containsEntry("deadlines_set", 1);
        assertThat(fixtures.race(race).getTimeoutAt().toInstant()).isEqualTo(OPENED.plus(Duration.ofMinutes(20)));
    }

    @Test
    void warns_once_when_the_deadline_is_ten_minutes_away() {
        long race = fixtures.pendingRace(tournament, permalink, OPENED);

        clock.set(OPENED.plus(Duration.ofMinutes(9)).plusSeconds(59));
        assertThat(handler.run(DEFAULTS, TournamentScope.allActive()).counts()).containsEntry("warned", 0);
        assertThat(notifications("timeout_warning")).isZero();

        clock.set(OPENED.plus(Duration.ofMinutes(10)));
        assertThat(handler.run(DEFAULTS, TournamentScope.allActive()).counts()).containsEntry("warned", 1);
        clock.tick(Duration.ofMinutes(1));
        assertThat(handler.run(DEFAULTS, TournamentScope.allActive()).counts()).containsEntry("warned", 0);
        clock.tick(Duration.ofMinutes(5));
        handler.run(DEFAULTS, TournamentScope.allActive());

        assertThat(notifications("timeout_warning")).isEqualTo(1);
        assertThat(fixtures.race(race).getWarningSentAt().toInstant()).isEqualTo(OPENED.plus(Duration.ofMinutes(10)));
        assertThat(fixtures.race(race).getStatus()).isEqualTo(RaceStatus.pending);
    }

    @Test
    void forfeits_at_the_deadline_and_not_before() {
        long race = fixtures.pendingRace(tournament, permalink, OPENED);

        clock.set(OPENED.plus(Duration.ofMinutes(20)).minusSeconds(1));
        handler.run(DEFAULTS, TournamentScope.allActive());
        assertThat(fixtures.race(race).getStatus()).isEqualTo(RaceStatus.pending);

        clock.set(OPENED.plus(Duration.ofMinutes(20)));
        TaskOutcome outcome = handler.run(DEFAULTS, TournamentScope.allActive());

        assertThat(outcome.counts()).containsEntry("forfeited", 1);
        assertThat(fixtures.race(race).getStatus()).isEqualTo(RaceStatus.forfeit);
        List<AuditEntry> audit = new AuditLogRepository().forRace(dsl, race);
        assertThat(audit).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("system");
            assertThat(entry.action()).isEqualTo("timeout_forfeit");
            assertThat(entry.subject()).isEqualTo("task:async_tournament_timeout_pending");
            assertThat(entry.details().get("reason")).isEqualTo("not started before the deadline");
            assertThat(entry.at()).isEqualTo(OPENED.plus(Duration.ofMinutes(20)));
        });
        assertThat(notifications("timeout_forfeit")).isEqualTo(1);
        assertThat(Json.map(dsl.select(NOTIFICATION.PAYLOAD).from(NOTIFICATION).where(NOTIFICATION.RACE_ID.eq(race))
                .and(NOTIFICATION.KIND.eq("timeout_forfeit")).fetchSingle().value1()))
                .containsEntry("deadline", "2026-01-10T12:20:00+00:00");

        clock.tick(Duration.ofMinutes(1));
        assertThat(handler.run(DEFAULTS, TournamentScope.allActive()).counts()).containsEntry("forfeited", 0);
        assertThat(new AuditLogRepository().forRace(dsl, race)).hasSize(1);
    }

    @Test
    void forfeits_without_a_warning_a_race_found_past_its_deadline_after_downtime() {
        long race = fixtures.pendingRace(tournament, permalink, OPENED);

        clock.set(OPENED.plus(Duration.ofHours(3)));
        TaskOutcome outcome = handler.run(DEFAULTS, TournamentScope.allActive());

        assertThat(outcome.counts()).containsEntry("forfeited", 1).containsEntry("warned", 0);
        assertThat(fixtures.race(race).getStatus()).isEqualTo(RaceStatus.forfeit);
        assertThat(fixtures.race(race).getWarningSentAt()).isNull();
        assertThat(notifications("timeout_warning")).isZero();
    }

    @Test
    void a_tournaments_own_timeout_and_warning_beat_the_task_config() {
        dsl.update(TOURNAMENT).set(TOURNAMENT.TIMEOUT_MINUTES, 30).set(TOURNAMENT.WARNING_MINUTES, 5)
                .where(TOURNAMENT.ID.eq(tournament)).execute();
        long overridden = fixtures.pendingRace(tournament, permalink, OPENED);
        long otherTournament = fixtures.tournament(fixtures.guild());
        long plain = fixtures.pendingRace(otherTournament, fixtures.permalink(fixtures.pool(otherTournament)), OPENED);

        clock.set(OPENED.plus(Duration.ofMinutes(20)));
        handler.run(DEFAULTS, TournamentScope.allActive());
        assertThat(fixtures.race(plain).getStatus()).isEqualTo(RaceStatus.forfeit);
        assertThat(fixtures.race(overridden).getStatus()).isEqualTo(RaceStatus.pending);
        assertThat(fixtures.race(overridden).getWarningSentAt()).isNull();
        assertThat(fixtures.race(overridden).getTimeoutAt().toInstant()).isEqualTo(OPENED.plus(Duration.ofMinutes(30)));

        clock.set(OPENED.plus(Duration.ofMinutes(25)));
        handler.run(DEFAULTS, TournamentScope.allActive());
        assertThat(fixtures.race(overridden).getWarningSentAt()).isNotNull();

        clock.set(OPENED.plus(Duration.ofMinutes(30)));
        handler.run(DEFAULTS, TournamentScope.allActive());
        assertThat(fixtures.race(overridden).getStatus()).isEqualTo(RaceStatus.forfeit);
    }

    @Test
    void leaves_alone_races_without_a_thread_and_races_already_started() {
        long noThread = fixtures.race(tournament, permalink, fixtures.racer(), RaceStatus.pending, null, null, null,
                false);
        long started = fixtures.inProgressRace(tournament, permalink, OPENED);

        clock.set(OPENED.plus(Duration.ofDays(1)));
        TaskOutcome outcome = handler.run(DEFAULTS, TournamentScope.allActive());

        assertThat(outcome.counts()).containsEntry("forfeited", 0).containsEntry("deadlines_set", 0);
        assertThat(fixtures.race(noThread).getStatus()).isEqualTo(RaceStatus.pending);
        assertThat(fixtures.race(started).getStatus()).isEqualTo(RaceStatus.in_progress);
    }

    @Test
    void a_closed_tournaments_open_races_keep_their_deadlines_and_are_swept() {
        long closedTournament = fixtures.tournament(fixtures.guild());
        long race = fixtures.pendingRace(closedTournament, fixtures.permalink(fixtures.pool(closedTournament)),
                OPENED);
        dsl.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, false).where(TOURNAMENT.ID.eq(closedTournament)).execute();

        clock.set(OPENED.plus(Duration.ofMinutes(15)));
        handler.run(DEFAULTS, TournamentScope.allActive());
        assertThat(fixtures.race(race).getWarningSentAt()).as("warned").isNotNull();
        clock.set(OPENED.plus(Duration.ofMinutes(20)));
        handler.run(DEFAULTS, TournamentScope.allActive());

        assertThat(fixtures.race(race).getStatus()).isEqualTo(RaceStatus.forfeit);
        assertThat(notifications("timeout_warning")).isEqualTo(1);
        assertThat(notifications("timeout_forfeit")).isEqualTo(1);
    }

    @Test
    void rejects_a_warning_that_is_not_below_the_timeout_and_changes_nothing() {
        long race = fixtures.pendingRace(tournament, permalink, OPENED);
        clock.set(OPENED.plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> handler.run(Map.of("warning_minutes", 20, "timeout_minutes", 20),
                TournamentScope.allActive()))
                .hasMessageContaining("warning_minutes (20) must be below timeout_minutes (20)");
        assertThat(fixtures.race(race).getStatus()).isEqualTo(RaceStatus.pending);
        assertThat(fixtures.race(race).getTimeoutAt()).isNull();
    }

    private int notifications(String kind) {
        return dsl.fetchCount(NOTIFICATION, NOTIFICATION.KIND.eq(kind));
    }
}
