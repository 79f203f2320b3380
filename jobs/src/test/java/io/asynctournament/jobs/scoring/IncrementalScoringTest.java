package io.asynctournament.jobs.scoring;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.scoring.ScoringRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.handlers.ScoreCalculationHandler;
import io.asynctournament.jobs.races.RaceResultService;
import io.asynctournament.jobs.testing.Fixtures;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACE_RESULT;
import static io.asynctournament.db.generated.Tables.RACE_SCORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Incremental recalculation gives exactly the par times and scores of a full one: random sequences of starts,
 * finishes, forfeits, disqualifications, reattempts, review changes, direct SQL corrections (elapsed times, moves to
 * another permalink), bulk inserts (as an import does) and deletions, interleaved with scheduled runs; after each run the stored values match an independent
 * Java computation, and at the end they equal, bit for bit, a recalculation from scratch.
 */
@ExtendWith(DatabaseExtension.class)
class IncrementalScoringTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final MutableClock clock = new MutableClock(START);
    private final ScoringRepository scoring = new ScoringRepository();
    private final RaceResultRepository raceResults = new RaceResultRepository();
    private final RaceResultService service = new RaceResultService(dsl, clock, raceResults, scoring,
            new io.asynctournament.db.audit.AuditLogRepository());
    private final ScoreCalculationHandler handler = new ScoreCalculationHandler(dsl, clock, scoring);

    private final List<long[]> permalinks = new ArrayList<>(); // {tournament, permalink}
    private final List<Long> racers = new ArrayList<>();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void incremental_recalculation_equals_a_full_one_after_random_changes(long seed) {
        Random random = new Random(seed);
        for (int t = 0; t < 2; t++) {
            long tournament = fixtures.tournament(fixtures.guild(), 1 + t);
            for (int p = 0; p < 2; p++) {
                long pool = fixtures.pool(tournament);
                for (int k = 0; k < 3; k++) {
                    permalinks.add(new long[]{tournament, fixtures.permalink(pool)});
                }
            }
        }
        for (int i = 0; i < 12; i++) {
            racers.add(fixtures.racer());
        }

        for (int step = 0; step < 400; step++) {
            clock.tick(Duration.ofSeconds(1 + random.nextInt(600)));
            randomChange(random);
            if (random.nextInt(25) == 0) {
                handler.run(Map.of(), TournamentScope.allActive());
                assertMatchesIndependentComputation();
            }
        }
        handler.run(Map.of(), TournamentScope.allActive());
        assertThat(scoring.queuedPermalinks(dsl)).isZero();
        assertMatchesIndependentComputation();
        Snapshot incremental = snapshot();

        dsl.deleteFrom(RACE_SCORE).execute();
        dsl.update(PERMALINK).setNull(PERMALINK.PAR_TIME).execute();
        dsl.transaction(tx -> scoring.queueAll(tx.dsl(), TournamentScope.allActive()));
        handler.run(Map.of(), TournamentScope.allActive());

        assertThat(snapshot()).isEqualTo(incremental);
    }

    private void randomChange(Random random) {
        long race = randomRace(random);
        if (race < 0) {
            start(random);
            return;
        }
        switch (random.nextInt(11)) {
            case 0, 1, 2 -> start(random);
            case 3, 4, 5 -> service.finish(race);
            case 6 -> service.forfeit(race);
            case 7 -> {
                switch (random.nextInt(3)) {
                    case 0 -> service.disqualify(race);
                    case 1 -> service.markReattempted(race);
                    default -> service.review(race, ReviewStatus.values()[random.nextInt(ReviewStatus.values().length)]);
                }
            }
            case 8 -> // an admin's correction straight in SQL: only the triggers see it
                    dsl.update(RACE).set(RACE.ELAPSED_SECONDS, BigDecimal.valueOf(1000 + random.nextInt(8000), 0))
                            .where(RACE.ID.eq(race)).and(RACE.STATUS.eq(RaceStatus.finished)).execute();
            case 9 -> bulkInsert(random);
            default -> {
                if (random.nextBoolean()) {
                    dsl.update(RACE).set(RACE.REVIEW_STATUS, random.nextBoolean() ? ReviewStatus.rejected
                            : ReviewStatus.accepted).where(RACE.ID.eq(race)).execute();
                } else if (random.nextInt(4) == 0) {
                    dsl.deleteFrom(RACE).where(RACE.ID.eq(race)).execute();
                } else if (random.nextInt(3) == 0) {
                    move(race, random);
                } else {
                    dsl.update(RACE).set(RACE.REATTEMPTED, random.nextBoolean()).where(RACE.ID.eq(race)).execute();
                }
            }
        }
    }

    /** Moves a race to another permalink of its tournament (an admin's correction in SQL), as a new attempt there. */
    private void move(long race, Random random) {
        var row = dsl.select(RACE.TOURNAMENT_ID, RACE.RACER_ID).from(RACE).where(RACE.ID.eq(race)).fetchSingle();
        List<long[]> candidates = permalinks.stream().filter(p -> p[0] == row.value1()).toList();
        long target = candidates.get(random.nextInt(candidates.size()))[1];
        int attempt = 1 + dsl.select(DSL.coalesce(DSL.max(RACE.ATTEMPT), 0)).from(RACE)
                .where(RACE.PERMALINK_ID.eq(target)).and(RACE.RACER_ID.eq(row.value2())).fetchSingle().value1();
        dsl.update(RACE).set(RACE.PERMALINK_ID, target).set(RACE.ATTEMPT, attempt).where(RACE.ID.eq(race)).execute();
    }

    /** A new race started a while ago (so that finishing it has a positive elapsed time). */
    private void start(Random random) {
        long[] permalink = permalinks.get(random.nextInt(permalinks.size()));
        long racer = racers.get(random.nextInt(racers.size()));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{permalink, racer, RaceStatus.in_progress, null,
                clock.instant().minusSeconds(1000 + random.nextInt(8000))});
        insertRaces(rows);
    }

    /** Several finished runs in one statement, as an import writes them. */
    private void bulkInsert(Random random) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(6); i++) {
            long[] permalink = permalinks.get(random.nextInt(permalinks.size()));
            rows.add(new Object[]{permalink, racers.get(random.nextInt(racers.size())), RaceStatus.finished,
                    BigDecimal.valueOf(1_000_000L + random.nextInt(8_000_000), 3), null});
        }
        insertRaces(rows);
    }

    private void insertRaces(List<Object[]> rows) {
        Map<String, Integer> attempts = new HashMap<>();
        var insert = dsl.insertInto(RACE, RACE.TOURNAMENT_ID, RACE.PERMALINK_ID, RACE.RACER_ID, RACE.ATTEMPT,
                RACE.STATUS, RACE.ELAPSED_SECONDS, RACE.STARTED_AT);
        for (Object[] row : rows) {
            long[] permalink = (long[]) row[0];
            long racer = (long) row[1];
            int attempt = attempts.merge(permalink[1] + "/" + racer, 1, Integer::sum)
                    + dsl.select(DSL.coalesce(DSL.max(RACE.ATTEMPT), 0)).from(RACE)
                    .where(RACE.PERMALINK_ID.eq(permalink[1])).and(RACE.RACER_ID.eq(racer)).fetchSingle().value1();
            Instant started = (Instant) row[4];
            insert = insert.values(permalink[0], permalink[1], racer, attempt, (RaceStatus) row[2],
                    (BigDecimal) row[3], started == null ? null : started.atOffset(ZoneOffset.UTC));
        }
        insert.execute();
    }

    private long randomRace(Random random) {
        List<Long> ids = dsl.select(RACE.ID).from(RACE).fetch(RACE.ID);
        return ids.isEmpty() ? -1 : ids.get(random.nextInt(ids.size()));
    }

    /** Par times and scores as a plain-Java computation of README "Scoring" gives them, from the race rows. */
    private void assertMatchesIndependentComputation() {
        record Run(long id, long permalink, RaceStatus status, boolean reattempted, ReviewStatus review,
                   BigDecimal elapsed) {
            boolean eligible() {
                return status == RaceStatus.finished && !reattempted && review != ReviewStatus.rejected;
            }
        }
        List<Run> runs = dsl.select(RACE.ID, RACE.PERMALINK_ID, RACE.STATUS, RACE.REATTEMPTED, RACE.REVIEW_STATUS,
                RACE.ELAPSED_SECONDS).from(RACE).fetch(r -> new Run(r.value1(), r.value2(), r.value3(), r.value4(),
                r.value5(), r.value6()));
        Map<Long, Double> expectedPar = new HashMap<>();
        for (long[] permalink : permalinks) {
            List<BigDecimal> fastest = runs.stream().filter(run -> run.permalink() == permalink[1] && run.eligible())
                    .map(Run::elapsed).sorted().limit(ScoringRepository.PAR_SAMPLE_SIZE).toList();
            expectedPar.put(permalink[1], fastest.isEmpty() ? null : fastest.stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(fastest.size()), MathContext.DECIMAL128).doubleValue());
        }
        Snapshot stored = snapshot();
        expectedPar.forEach((permalink, par) -> {
            if (par == null) {
                assertThat(stored.parTimes().get(permalink)).as("par of %d", permalink).isNull();
            } else {
                assertThat(stored.parTimes().get(permalink)).as("par of %d", permalink).isCloseTo(par, within(1e-9));
            }
        });
        for (Run run : runs) {
            Double expected;
            if (run.reattempted()) {
                expected = null;
            } else if (run.eligible()) {
                double ratio = run.elapsed().doubleValue() / expectedPar.get(run.permalink());
                expected = Math.min(Math.max((2 - ratio) * 100, 0), 105);
            } else if (run.status() == RaceStatus.forfeit || run.status() == RaceStatus.disqualified
                    || run.status() == RaceStatus.finished) {
                expected = 0.0;
            } else {
                expected = null;
            }
            Double actual = stored.scores().get(run.id());
            if (expected == null) {
                assertThat(actual).as("score of race %d (%s)", run.id(), run).isNull();
            } else {
                assertThat(actual).as("score of race %d (%s)", run.id(), run).isCloseTo(expected, within(1e-9));
            }
        }
        assertThat(dsl.fetchCount(RACE_SCORE)).as("stored scores are those of eligible runs only")
                .isEqualTo((int) runs.stream().filter(Run::eligible).count());
    }

    private Snapshot snapshot() {
        Map<Long, Double> parTimes = new TreeMap<>();
        dsl.select(PERMALINK.ID, PERMALINK.PAR_TIME).from(PERMALINK)
                .forEach(r -> parTimes.put(r.value1(), r.value2()));
        Map<Long, Double> scores = new TreeMap<>();
        dsl.select(RACE_RESULT.RACE_ID, RACE_RESULT.SCORE).from(RACE_RESULT)
                .orderBy(RACE_RESULT.RACE_ID).forEach(r -> scores.put(r.value1(), r.value2()));
        return new Snapshot(parTimes, scores);
    }

    private record Snapshot(Map<Long, Double> parTimes, Map<Long, Double> scores) {
    }
}
