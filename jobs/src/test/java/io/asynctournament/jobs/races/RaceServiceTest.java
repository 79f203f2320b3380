package io.asynctournament.jobs.races;

import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.race.RaceStartRepository;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.db.race.RaceViewRepository;
import io.asynctournament.db.scoring.ScoringRepository;
import io.asynctournament.db.task.TaskSettingRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.testing.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DatabaseExtension.class)
class RaceServiceTest {
    private static final Instant OPENED = Instant.parse("2026-05-01T18:00:00Z");
    private static final Instant DEADLINE = OPENED.plus(Duration.ofMinutes(20));
    private static final long RACER = 501;
    private static final long SOMEONE_ELSE = 502;

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final MutableClock clock = new MutableClock(OPENED);
    private final AuditLogRepository audit = new AuditLogRepository();
    private final RaceResultService results = new RaceResultService(dsl, clock, new RaceResultRepository(),
            new ScoringRepository(), audit);
    private final RaceService service = new RaceService(dsl, new RaceViewRepository(), new RaceResultRepository(),
            results, audit, new NotificationRepository());
    private final RaceStartService starts = new RaceStartService(dsl, new TournamentSetupRepository(),
            new RaceStartRepository(), new TaskCatalog(dsl, new TaskSettingRepository()), audit);
    private long tournament;
    private long raceId;

    @BeforeEach
    void aPendingRace() {
        tournament = fixtures.tournament(fixtures.guild());
        long pool = fixtures.pool(tournament);
        fixtures.permalink(pool);
        raceId = starts.confirm(tournament, pool, new RacerIdentity(RACER, "alice", OPENED.minus(Duration.ofDays(900)),
                Set.of()), OPENED).raceId();
        starts.attachThread(raceId, 9001);
    }

    @Test
    void ready_before_the_deadline_starts_the_race_with_go_after_the_countdown() {
        Instant press = DEADLINE.minusSeconds(1);
        clock.set(DEADLINE.plusSeconds(30)); // processed after the deadline: the press is what counts

        ReadyOutcome outcome = service.ready(raceId, RACER, press);

        assertThat(outcome.started()).isTrue();
        assertThat(outcome.goAt()).isEqualTo(press.plusSeconds(10));
        RaceView race = service.view(raceId);
        assertThat(race.status()).isEqualTo(RaceStatus.in_progress);
        assertThat(race.startedAt()).isEqualTo(press.plusSeconds(10));
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("race_ready"))).isEqualTo(1);
    }

    @Test
    void ready_after_the_deadline_before_any_sweep_is_refused_and_forfeits_the_race_at_once() {
        ReadyOutcome outcome = service.ready(raceId, RACER, DEADLINE);

        assertThat(outcome.started()).isFalse();
        assertThat(outcome.deadline()).isEqualTo(DEADLINE);
        assertThat(service.view(raceId).status()).isEqualTo(RaceStatus.forfeit);
        assertThat(fixtures.race(raceId).getEndedAt().toInstant()).isEqualTo(DEADLINE);
        assertThat(dsl.fetchCount(NOTIFICATION, NOTIFICATION.RACE_ID.eq(raceId)
                .and(NOTIFICATION.KIND.eq("timeout_forfeit")))).isEqualTo(1);
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("race_forfeit"))).isEqualTo(1);
        assertThatThrownBy(() -> service.ready(raceId, RACER, DEADLINE.plusSeconds(1)))
                .hasMessageContaining("already ended (forfeit)");
        assertThat(dsl.fetchCount(NOTIFICATION)).as("a second press changes nothing").isEqualTo(1);
    }

    @Test
    void a_double_ready_starts_once_and_the_second_press_says_so() {
        service.ready(raceId, RACER, OPENED.plusSeconds(60));
        String before = snapshot();
        assertThatThrownBy(() -> service.ready(raceId, RACER, OPENED.plusSeconds(61)))
                .isInstanceOf(UserError.class).hasMessageContaining("already started");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void concurrent_ready_presses_yield_one_start() {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> presses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant at = OPENED.plusSeconds(100 + i);
            presses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return service.ready(raceId, RACER, at).started();
                } catch (UserError e) {
                    return false;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, threads));
        }
        go.countDown();
        assertThat(presses.stream().map(CompletableFuture::join).filter(b -> b).count()).isEqualTo(1);
        threads.shutdown();
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("race_ready"))).isEqualTo(1);
    }

    @Test
    void someone_elses_press_is_refused_and_changes_nothing() {
        String before = snapshot();
        for (Runnable press : List.<Runnable>of(() -> service.ready(raceId, SOMEONE_ELSE, OPENED),
                () -> service.forfeit(raceId, SOMEONE_ELSE, OPENED),
                () -> service.finish(raceId, SOMEONE_ELSE, OPENED))) {
            assertThatThrownBy(press::run).isInstanceOf(UserError.class).hasMessageContaining("not your race")
                    .extracting(e -> ((UserError) e).kind()).isEqualTo(UserError.Kind.REFUSED);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_finish_processed_late_records_the_elapsed_time_of_the_press_and_is_scored() {
        Instant ready = OPENED.plusSeconds(60);
        service.ready(raceId, RACER, ready);
        Instant press = ready.plusSeconds(10).plus(Duration.ofMinutes(90)).plusMillis(250);
        clock.set(press.plus(Duration.ofMinutes(3))); // the bot was slow

        RaceView finished = service.finish(raceId, RACER, press);

        assertThat(finished.status()).isEqualTo(RaceStatus.finished);
        assertThat(finished.elapsedSeconds()).isEqualByComparingTo(new BigDecimal("5400.250"));
        assertThat(finished.finishedAt()).isEqualTo(press);
        assertThat(finished.score()).as("scored in the same transaction").isEqualTo(100.0);
        assertThatThrownBy(() -> service.finish(raceId, RACER, press.plusSeconds(1)))
                .hasMessageContaining("already ended (finished)");
    }

    @Test
    void finish_during_the_countdown_or_before_ready_is_refused() {
        assertThatThrownBy(() -> service.finish(raceId, RACER, OPENED.plusSeconds(5)))
                .hasMessageContaining("press Ready first");
        service.ready(raceId, RACER, OPENED.plusSeconds(60));
        assertThatThrownBy(() -> service.finish(raceId, RACER, OPENED.plusSeconds(65)))
                .hasMessageContaining("has not started yet");
        assertThat(service.view(raceId).status()).isEqualTo(RaceStatus.in_progress);
    }

    @Test
    void a_forfeit_scores_zero_once() {
        RaceView forfeited = service.forfeit(raceId, RACER, OPENED.plusSeconds(30));
        assertThat(forfeited.status()).isEqualTo(RaceStatus.forfeit);
        assertThat(forfeited.score()).isEqualTo(0.0);
        assertThatThrownBy(() -> service.forfeit(raceId, RACER, OPENED.plusSeconds(31)))
                .hasMessageContaining("already ended");
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("race_forfeit"))).isEqualTo(1);
    }

    @Test
    void timer_shows_the_elapsed_time_and_the_countdown() {
        service.ready(raceId, RACER, OPENED.plusSeconds(60));
        assertThat(service.elapsed(raceId, RACER, OPENED.plusSeconds(65))).isEqualTo(Duration.ofSeconds(-5));
        assertThat(service.elapsed(raceId, RACER, OPENED.plusSeconds(70 + 3600))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void vod_and_notes_are_checked_and_editable_until_the_tournament_closes() {
        service.ready(raceId, RACER, OPENED.plusSeconds(60));
        Instant end = OPENED.plus(Duration.ofHours(2));
        service.finish(raceId, RACER, end);

        String before = snapshot();
        assertThatThrownBy(() -> service.setVod(raceId, RACER, "ftp://x.org/v", "", end))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> service.setVod(raceId, RACER, "https://twitch.tv/v/1", "n".repeat(1001), end))
                .hasMessageContaining("1001 characters");
        assertThat(snapshot()).isEqualTo(before);

        RaceView vod = service.setVod(raceId, RACER, " https://www.twitch.tv/videos/1 ", "clean run", end);
        assertThat(vod.vodUrl()).isEqualTo("https://www.twitch.tv/videos/1");
        assertThat(vod.racerNotes()).isEqualTo("clean run");
        assertThat(service.setVod(raceId, RACER, "https://youtu.be/2", "", end).vodUrl()).isEqualTo("https://youtu.be/2");

        dsl.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, false).where(TOURNAMENT.ID.eq(tournament)).execute();
        assertThatThrownBy(() -> service.setVod(raceId, RACER, "https://youtu.be/3", "", end))
                .hasMessageContaining("is closed");
    }

    @Test
    void a_finished_race_is_flagged_for_review_once_with_a_reason() {
        assertThatThrownBy(() -> service.requestReview(raceId, RACER, "odd", OPENED))
                .hasMessageContaining("Only a finished race");
        service.ready(raceId, RACER, OPENED.plusSeconds(60));
        service.finish(raceId, RACER, OPENED.plus(Duration.ofHours(1)));
        assertThatThrownBy(() -> service.requestReview(raceId, RACER, "  ", OPENED)).hasMessageContaining("required");

        RaceView flagged = service.requestReview(raceId, RACER, "the timer glitched", OPENED.plus(Duration.ofHours(2)));
        assertThat(flagged.reviewRequestedAt()).isEqualTo(OPENED.plus(Duration.ofHours(2)));
        assertThatThrownBy(() -> service.requestReview(raceId, RACER, "again", OPENED))
                .hasMessageContaining("already flagged");
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("race_review_request"))).isEqualTo(1);
    }

    private String snapshot() {
        return dsl.selectFrom(RACE).orderBy(RACE.ID).fetch().formatCSV() + dsl.fetchCount(AUDIT_LOG)
                + "/" + dsl.fetchCount(NOTIFICATION);
    }
}
