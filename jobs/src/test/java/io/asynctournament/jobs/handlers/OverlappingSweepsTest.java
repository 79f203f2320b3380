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
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static io.asynctournament.db.generated.Tables.RACE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two sweeps running at the same moment (two processes, or a scheduler tick beside a manual run) must never warn or
 * forfeit the same race twice: the handlers are run concurrently here, not through JobRunr.
 */
@ExtendWith(DatabaseExtension.class)
class OverlappingSweepsTest {
    private static final Instant OPENED = Instant.parse("2026-01-10T12:00:00Z");
    private static final Map<String, Object> DEFAULTS = Map.of("warning_minutes", 10, "timeout_minutes", 20);
    private static final int RACES = 150;

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);

    @Test
    void two_concurrent_pending_sweeps_warn_and_forfeit_each_race_exactly_once() throws Exception {
        long tournament = fixtures.tournament(fixtures.guild());
        long permalink = fixtures.permalink(fixtures.pool(tournament));
        for (int i = 0; i < RACES; i++) {
            // half are past their deadline at "now", half are inside the warning window
            fixtures.pendingRace(tournament, permalink, i % 2 == 0 ? OPENED : OPENED.plus(Duration.ofMinutes(5)));
        }
        MutableClock clock = new MutableClock(OPENED.plus(Duration.ofMinutes(20)));

        List<TaskOutcome> outcomes = runConcurrently(4, () -> new PendingTimeoutHandler(dsl, clock,
                new RaceTimeoutRepository())
                .run(DEFAULTS, TournamentScope.allActive()));

        assertThat(outcomes.stream().mapToInt(o -> o.counts().get("forfeited")).sum()).isEqualTo(RACES / 2);
        assertThat(outcomes.stream().mapToInt(o -> o.counts().get("warned")).sum()).isEqualTo(RACES / 2);
        assertThat(dsl.fetchCount(RACE, RACE.STATUS.eq(RaceStatus.forfeit))).isEqualTo(RACES / 2);
        assertThat(maxPerRace("timeout_forfeit")).isEqualTo(1);
        assertThat(maxPerRace("timeout_warning")).isEqualTo(1);
        assertThat(dsl.fetchCount(NOTIFICATION)).isEqualTo(RACES);
        assertThat(auditedForfeits()).as("each forfeited race in exactly one audit entry").isEqualTo(RACES / 2);
    }

    @Test
    void two_concurrent_in_progress_sweeps_forfeit_each_race_exactly_once() throws Exception {
        long tournament = fixtures.tournament(fixtures.guild());
        long permalink = fixtures.permalink(fixtures.pool(tournament));
        for (int i = 0; i < RACES; i++) {
            fixtures.inProgressRace(tournament, permalink, OPENED);
        }
        MutableClock clock = new MutableClock(OPENED.plus(Duration.ofHours(13)));

        List<TaskOutcome> outcomes = runConcurrently(4, () -> new InProgressTimeoutHandler(dsl, clock,
                new RaceTimeoutRepository())
                .run(Map.of("max_hours", 12), TournamentScope.allActive()));

        assertThat(outcomes.stream().mapToInt(o -> o.counts().get("forfeited")).sum()).isEqualTo(RACES);
        assertThat(maxPerRace("in_progress_forfeit")).isEqualTo(1);
        assertThat(dsl.fetchCount(NOTIFICATION)).isEqualTo(RACES);
        assertThat(auditedForfeits()).as("each forfeited race in exactly one audit entry").isEqualTo(RACES);
    }

    private int maxPerRace(String kind) {
        return dsl.select(DSL.max(DSL.field("n", Integer.class))).from(
                        dsl.select(DSL.count().as("n")).from(NOTIFICATION).where(NOTIFICATION.KIND.eq(kind))
                                .groupBy(NOTIFICATION.RACE_ID))
                .fetchSingle().value1();
    }

    private static List<TaskOutcome> runConcurrently(int copies, java.util.concurrent.Callable<TaskOutcome> sweep)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(copies);
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Future<TaskOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return sweep.call();
                }));
            }
            List<TaskOutcome> outcomes = new ArrayList<>();
            for (Future<TaskOutcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Forfeited races listed by the audit entries, after checking that none is listed twice. */
    private int auditedForfeits() {
        var counts = dsl.fetchSingle("select count(*), count(distinct race) from audit_log, "
                + "jsonb_array_elements(details -> 'races') race where action = 'timeout_forfeit'");
        assertThat(counts.get(0, Integer.class)).isEqualTo(counts.get(1, Integer.class));
        return counts.get(0, Integer.class);
    }
}
