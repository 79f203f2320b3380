package io.asynctournament.jobs.races;

import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.race.RaceStartRepository;
import io.asynctournament.db.task.TaskSettingRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.testing.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DatabaseExtension.class)
class RaceStartServiceTest {
    private static final Instant NOW = Instant.parse("2026-05-01T18:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final RaceStartRepository starts = new RaceStartRepository();
    private final RaceStartService service = new RaceStartService(dsl, new TournamentSetupRepository(), starts,
            new TaskCatalog(dsl, new TaskSettingRepository()), new AuditLogRepository());
    private long tournament;
    private long pool;
    private final Random random = new Random(42);

    @BeforeEach
    void aTournamentWithOnePoolOfThree() {
        tournament = fixtures.tournament(fixtures.guild());
        pool = fixtures.pool(tournament);
        for (int i = 0; i < 3; i++) {
            fixtures.permalink(pool);
        }
    }

    @Test
    void a_confirmed_start_creates_one_pending_race_with_its_deadline_from_the_settings_and_an_audit_entry() {
        RacerIdentity alice = racer(1);
        StartOffer offer = service.offer(tournament, alice, NOW);
        assertThat(offer.pools()).extracting(p -> p.poolId()).containsExactly(pool);
        assertThat(offer.timeouts().timeout().value()).isEqualTo(20);
        assertThat(offer.timeouts().timeout().source()).isEqualTo("default");

        OpenedRace race = service.confirm(tournament, pool, alice, NOW);

        assertThat(race.timeoutAt()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
        var row = fixtures.race(race.raceId());
        assertThat(row.getStatus()).isEqualTo(RaceStatus.pending);
        assertThat(row.getThreadOpenedAt().toInstant()).isEqualTo(NOW);
        assertThat(row.getTimeoutAt().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("race_open")
                .and(AUDIT_LOG.SUBJECT.eq("race:" + race.raceId())))).isEqualTo(1);
    }

    @Test
    void the_tournaments_own_timeout_sets_the_deadline() {
        dsl.update(TOURNAMENT).set(TOURNAMENT.TIMEOUT_MINUTES, 45).where(TOURNAMENT.ID.eq(tournament)).execute();
        assertThat(service.offer(tournament, racer(1), NOW).timeouts().timeout())
                .isEqualTo(new io.asynctournament.jobs.tasks.TournamentTimeouts.Value(45, "tournament"));
        assertThat(service.confirm(tournament, pool, racer(1), NOW).timeoutAt()).isEqualTo(NOW.plusSeconds(45 * 60));
    }

    @Test
    void a_double_confirm_creates_one_race_and_the_second_links_the_first_races_thread() {
        OpenedRace first = service.confirm(tournament, pool, racer(1), NOW);
        service.attachThread(first.raceId(), 555);
        assertThatThrownBy(() -> service.confirm(tournament, pool, racer(1), NOW.plusMillis(300)))
                .isInstanceOf(UserError.class).hasMessageContaining("<#555>")
                .extracting(e -> ((UserError) e).kind()).isEqualTo(UserError.Kind.CONFLICT);
        assertThat(dsl.fetchCount(RACE)).isEqualTo(1);
    }

    @Test
    void concurrent_confirms_of_one_racer_create_one_race() throws Exception {
        ExecutorService pool8 = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> confirms = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            confirms.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    service.confirm(tournament, pool, racer(7), NOW);
                    return true;
                } catch (UserError e) {
                    return false;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, pool8));
        }
        go.countDown();
        long created = confirms.stream().map(CompletableFuture::join).filter(b -> b).count();
        pool8.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(dsl.fetchCount(RACE)).isEqualTo(1);
    }

    @Test
    void refusals_say_why_and_change_nothing() {
        RacerIdentity alice = racer(1);
        OpenedRace open = service.confirm(tournament, pool, alice, NOW);
        String before = snapshot();
        assertRefused(() -> service.offer(tournament, alice, NOW), UserError.Kind.CONFLICT, "already have a pending race");

        service.abandon(open.raceId(), "system", "test", NOW); // back to no race
        before = snapshot();
        dsl.update(TOURNAMENT).set(TOURNAMENT.RACER_ROLE_ID, 77L).where(TOURNAMENT.ID.eq(tournament)).execute();
        assertRefused(() -> service.confirm(tournament, pool, alice, NOW), UserError.Kind.REFUSED, "<@&77> role");
        RacerIdentity withRole = new RacerIdentity(1, "alice", NOW.minus(Duration.ofDays(400)), Set.of(77L));
        assertThat(service.offer(tournament, withRole, NOW).pools()).hasSize(1);

        dsl.update(TOURNAMENT).set(TOURNAMENT.RACER_ROLE_ID, (Long) null).set(TOURNAMENT.MIN_ACCOUNT_AGE_DAYS, 30)
                .where(TOURNAMENT.ID.eq(tournament)).execute();
        RacerIdentity young = new RacerIdentity(2, "bob", NOW.minus(Duration.ofDays(3)), Set.of());
        assertRefused(() -> service.confirm(tournament, pool, young, NOW), UserError.Kind.REFUSED,
                "is 3 day(s) old");

        dsl.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, false).where(TOURNAMENT.ID.eq(tournament)).execute();
        assertRefused(() -> service.confirm(tournament, pool, alice, NOW), UserError.Kind.CONFLICT, "is closed");
        dsl.update(TOURNAMENT).set(TOURNAMENT.ACTIVE, true).set(TOURNAMENT.MIN_ACCOUNT_AGE_DAYS, (Integer) null)
                .where(TOURNAMENT.ID.eq(tournament)).execute();
        assertThat(snapshot()).isEqualTo(before);

        // runs_per_pool 1: after one run, no pool is left
        OpenedRace run = service.confirm(tournament, pool, alice, NOW);
        dsl.update(RACE).set(RACE.STATUS, RaceStatus.forfeit).where(RACE.ID.eq(run.raceId())).execute();
        String done = snapshot();
        assertRefused(() -> service.offer(tournament, alice, NOW), UserError.Kind.CONFLICT, "no runs left");
        assertRefused(() -> service.confirm(tournament, pool, alice, NOW), UserError.Kind.CONFLICT, "no run left");
        assertThat(snapshot()).isEqualTo(done);
    }

    @Test
    void a_race_without_a_thread_can_be_abandoned_and_a_thread_cannot_attach_to_a_race_that_ended() {
        OpenedRace race = service.confirm(tournament, pool, racer(1), NOW);
        service.abandon(race.raceId(), "system", "thread creation failed: Missing Permissions", NOW);
        assertThat(dsl.fetchCount(RACE)).isZero();
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("race_abandoned"))).isEqualTo(1);
        assertThat(service.attachThread(race.raceId(), 42)).as("race gone: the caller deletes the thread").isFalse();

        OpenedRace second = service.confirm(tournament, pool, racer(1), NOW);
        dsl.update(RACE).set(RACE.STATUS, RaceStatus.forfeit).where(RACE.ID.eq(second.raceId())).execute();
        assertThat(service.attachThread(second.raceId(), 43)).isFalse();
    }

    @Test
    void permalinks_are_dealt_evenly_and_never_twice_to_a_racer_over_a_thousand_random_starts() {
        long bigPool = fixtures.pool(tournament);
        List<Long> permalinks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            permalinks.add(fixtures.permalink(bigPool));
        }
        List<Integer> racers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            racers.add(10_000 + i);
        }
        Collections.shuffle(racers, random);
        Set<String> dealt = new HashSet<>();
        List<Long> open = new ArrayList<>();
        for (int racer : racers) {
            OpenedRace race = service.confirm(tournament, bigPool, racer(racer), NOW);
            long permalink = fixtures.race(race.raceId()).getPermalinkId();
            assertThat(dealt.add(racer + ":" + permalink)).as("racer %d dealt %d twice", racer, permalink).isTrue();
            open.add(race.raceId());
            // races end in random order and ways; counts of any status are what is levelled
            if (random.nextBoolean() && !open.isEmpty()) {
                long ended = open.remove(random.nextInt(open.size()));
                dsl.update(RACE).set(RACE.STATUS, random.nextBoolean() ? RaceStatus.forfeit : RaceStatus.disqualified)
                        .where(RACE.ID.eq(ended)).execute();
            }
            IntSummaryStatistics counts = starts.playCounts(dsl, bigPool).values().stream()
                    .mapToInt(Integer::intValue).summaryStatistics();
            assertThat(counts.getMax() - counts.getMin()).as("play counts %s", starts.playCounts(dsl, bigPool))
                    .isLessThanOrEqualTo(1);
        }
        assertThat(starts.playCounts(dsl, bigPool).values()).containsOnly(125);
    }

    @Test
    void a_racer_with_runs_per_pool_two_gets_two_different_permalinks() {
        dsl.update(TOURNAMENT).set(TOURNAMENT.RUNS_PER_POOL, 2).where(TOURNAMENT.ID.eq(tournament)).execute();
        OpenedRace first = service.confirm(tournament, pool, racer(1), NOW);
        dsl.update(RACE).set(RACE.STATUS, RaceStatus.forfeit).where(RACE.ID.eq(first.raceId())).execute();
        OpenedRace second = service.confirm(tournament, pool, racer(1), NOW);
        assertThat(second.permalinkUrl()).isNotEqualTo(first.permalinkUrl());
    }

    private void assertRefused(Runnable action, UserError.Kind kind, String message) {
        assertThatThrownBy(action::run).isInstanceOf(UserError.class).hasMessageContaining(message)
                .extracting(e -> ((UserError) e).kind()).isEqualTo(kind);
    }

    private String snapshot() {
        return dsl.selectFrom(RACE).orderBy(RACE.ID).fetch().formatCSV()
                + dsl.selectFrom(io.asynctournament.db.generated.Tables.RACER).orderBy(1).fetch().formatCSV()
                + dsl.fetchCount(AUDIT_LOG);
    }

    private static RacerIdentity racer(long userId) {
        return new RacerIdentity(userId, "racer " + userId, NOW.minus(Duration.ofDays(400)), Set.of());
    }
}
