package io.asynctournament.bench;

import io.asynctournament.db.Database;
import io.asynctournament.db.DatabaseSettings;
import io.asynctournament.db.DatabaseTimeouts;
import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.db.scoring.ScoringRepository;
import io.asynctournament.jobs.handlers.InProgressTimeoutHandler;
import io.asynctournament.jobs.handlers.PendingTimeoutHandler;
import io.asynctournament.jobs.handlers.ScoreCalculationHandler;
import io.asynctournament.jobs.handlers.TaskOutcome;
import io.asynctournament.jobs.races.RaceResultService;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The benchmark (BENCHMARKS.md): seeds synthetic history on an embedded PostgreSQL configured as the bot's own
 * (fsync and synchronous_commit on), then times the timeout sweeps, the score calculation (nothing changed, one
 * finish, from scratch against hand-written SQL, against a per-race baseline) and the bot process's memory, and
 * prints a table of medians, minimums, maximums and the ratios the performance issue asks for; then the start wave
 * ({@link StartWave}: racers starting at once through the fake Discord with Discord's rate limits).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Seeds synthetic races on embedded PostgreSQL and times the sweeps and the score calculation; "
                + "then runs a start wave of racers through the fake Discord.")
public final class BenchMain implements Callable<Integer> {
    private static final Instant BASE = Instant.parse("2026-06-01T12:00:00Z");
    /** The largest start wave: its last thread (one a second) must come within an interaction token's 15 min. */
    private static final int MAX_START_WAVE = 800;
    private static final Map<String, Object> TIMEOUT_DEFAULTS = Map.of("warning_minutes", 10, "timeout_minutes", 20);

    @Option(names = "--races", description = "Races of history (default ${DEFAULT-VALUE}).")
    int races = 1_000_000;
    @Option(names = "--permalinks", description = "Permalinks they spread over, a multiple of 200 "
            + "(default ${DEFAULT-VALUE}).")
    int permalinks = 10_000;
    @Option(names = "--baseline-races", description = "Races the per-race baseline is measured on, rounded to whole "
            + "tournaments (default ${DEFAULT-VALUE}).")
    int baselineRaces = 100_000;
    @Option(names = "--due", description = "Races due at once in the sweep cases (default ${DEFAULT-VALUE}).")
    int due = 10_000;
    @Option(names = "--repetitions", description = "Measured repetitions of the fast cases (default ${DEFAULT-VALUE}).")
    int repetitions = 30;
    @Option(names = "--slow-repetitions", description = "Measured repetitions of the from-scratch cases "
            + "(default ${DEFAULT-VALUE}).")
    int slowRepetitions = 5;
    @Option(names = "--baseline-repetitions", description = "Measured repetitions of the per-race baseline, which "
            + "takes minutes (default ${DEFAULT-VALUE}).")
    int baselineRepetitions = 2;
    @Option(names = "--warmup", description = "Warm-up repetitions of the fast cases, so that they run JIT-compiled "
            + "as in a long-running bot (default ${DEFAULT-VALUE}).")
    int warmup = 20;
    @Option(names = "--slow-warmup", description = "Warm-up repetitions of the from-scratch cases "
            + "(default ${DEFAULT-VALUE}).")
    int slowWarmup = 1;
    @Option(names = "--data-dir", description = "Where the embedded PostgreSQL keeps the benchmark's data; "
            + "deleted first (default ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("bench", "target", "bench-data");
    @Option(names = "--no-memory", negatable = true, description = "Skip (or, with --memory, run) the bot-process "
            + "memory case; it runs by default.")
    boolean memory = true;
    @Option(names = "--start-wave", description = "Racers of the start wave, which press Start, choose the pool and "
            + "Confirm through the fake Discord with Discord's rate limits on; 0 skips it (default ${DEFAULT-VALUE}).")
    int startWave = 200;
    @Option(names = "--start-wave-spread", description = "Seconds over which the start wave's Start presses are "
            + "spread (default ${DEFAULT-VALUE}).")
    int startWaveSpread = 10;
    @Option(names = "--start-wave-unlimited", description = "Also run the start wave once with the fake's rate "
            + "limits off, to compare the bot's own speed with Discord's limits.")
    boolean startWaveUnlimited;
    @Option(names = "--notification-latency", description = "Warnings whose delivery latency is measured, in "
            + "sweeps of 10 every 0.5 s, through the fake Discord with Discord's rate limits on; 0 skips the "
            + "notification case (default ${DEFAULT-VALUE}).")
    int notificationLatency = 1000;
    @Option(names = "--notification-drain", description = "Warnings of the backlog drained after a gateway outage, "
            + "one thread each (default ${DEFAULT-VALUE}).")
    int notificationDrain = 5000;
    @Option(names = "--only", description = "Run only this case: ${COMPLETION-CANDIDATES} (default: every case).")
    Only only;

    /** A case that runs alone with {@code --only}. */
    enum Only {
        start_wave, notifications;

        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    private final List<StartWave.Result> waves = new ArrayList<>();
    private final List<NotificationDelivery.Result> deliveries = new ArrayList<>();

    private final List<Measurement> measurements = new ArrayList<>();
    private final List<String> ratios = new ArrayList<>();

    public static void main(String[] args) {
        CommandLine command = new CommandLine(new BenchMain());
        command.registerConverter(Only.class, BenchMain::only);
        System.exit(command.execute(args));
    }

    private static Only only(String value) {
        for (Only o : Only.values()) {
            if (o.toString().equals(value)) {
                return o;
            }
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a case that runs alone; accepted: "
                + java.util.Arrays.stream(Only.values()).map(Only::toString).toList());
    }

    @Override
    public Integer call() throws Exception {
        Optional<String> invalid = invalidOptions();
        if (invalid.isPresent()) {
            System.err.println("bench: " + invalid.get());
            return 2;
        }
        machine();
        if (only == Only.start_wave) {
            startWaves();
            print();
            return waves.stream().allMatch(w -> w.failures().isEmpty()) ? 0 : 1;
        }
        if (only == Only.notifications) {
            notifications();
            print();
            return passed() ? 0 : 1;
        }
        deleteRecursively(dataDir);
        Clock clock = Clock.fixed(BASE, ZoneOffset.UTC);
        // seeding a million races takes single statements far longer than the bot's own: the bot's connect
        // timeout, an hour for a statement
        DatabaseTimeouts timeouts = new DatabaseTimeouts(DatabaseTimeouts.DEFAULTS.connect(),
                java.time.Duration.ofSeconds(3660), java.time.Duration.ofSeconds(3600));
        try (Database database = Database.open(new DatabaseSettings(Optional.empty(), null, null, dataDir, timeouts),
                true, "bench")) {
            DSLContext dsl = database.dsl();
            System.out.println("PostgreSQL: " + dsl.fetchValue("select version()"));
            Seeder seeder = new Seeder(dsl, BASE);
            long seedStart = System.nanoTime();
            List<Long> tournaments = seeder.seedHistory(races, permalinks);
            System.out.printf("Seeded %,d races over %,d permalinks in %d tournament(s) in %.1f s%n", races,
                    permalinks, tournaments.size(), (System.nanoTime() - seedStart) / 1e9);

            ScoringRepository scoring = new ScoringRepository();
            ScoreCalculationHandler scores = new ScoreCalculationHandler(dsl, clock, scoring);
            long scoreStart = System.nanoTime();
            TaskOutcome first = scores.run(Map.of(), TournamentScope.allActive());
            System.out.printf("First score calculation (everything queued by the inserts): %.1f s, %s%n",
                    (System.nanoTime() - scoreStart) / 1e9, first.counts());
            vacuum(dsl);

            sweeps(dsl, clock, seeder);
            scoring(dsl, clock, seeder, scoring, scores, tournaments, database);
            if (memory) {
                memory(dsl, database, scoring);
            }
        }
        startWaves();
        notifications();
        print();
        return passed() ? 0 : 1;
    }

    private boolean passed() {
        return waves.stream().allMatch(w -> w.failures().isEmpty())
                && deliveries.stream().allMatch(d -> d.failures().isEmpty());
    }

    /** Notification delivery (latency, then the drain after an outage), on a new embedded database. */
    private void notifications() throws Exception {
        if (notificationLatency == 0) {
            return;
        }
        Path data = dataDir.resolveSibling(dataDir.getFileName() + "-notifications");
        deleteRecursively(data);
        NotificationDelivery.Result result = new NotificationDelivery(notificationLatency, notificationDrain, data)
                .run();
        result.lines().forEach(System.out::println);
        deliveries.add(result);
    }

    /** The start wave (with Discord's rate limits, then without if asked), each on a new embedded database. */
    private void startWaves() throws Exception {
        if (startWave == 0) {
            return;
        }
        Path waveData = dataDir.resolveSibling(dataDir.getFileName() + "-start-wave");
        for (boolean limited : startWaveUnlimited ? List.of(true, false) : List.of(true)) {
            deleteRecursively(waveData);
            StartWave.Result result = new StartWave(startWave, Duration.ofSeconds(startWaveSpread), waveData, limited)
                    .run();
            result.lines().forEach(System.out::println);
            waves.add(result);
        }
    }

    /** What is wrong with the options, naming the option and what is accepted; empty when they are fine. */
    private Optional<String> invalidOptions() {
        int perTournament = Seeder.POOLS_PER_TOURNAMENT * Seeder.PERMALINKS_PER_POOL;
        if (permalinks <= 0 || permalinks % perTournament != 0) {
            return Optional.of("--permalinks must be a positive multiple of " + perTournament + " (whole tournaments "
                    + "of 4 pools x 50 permalinks), not " + permalinks);
        }
        if (races <= 0 || races % permalinks != 0 || races / permalinks > Seeder.RACERS) {
            return Optional.of("--races must be a positive multiple of --permalinks (" + permalinks + ") with at most "
                    + Seeder.RACERS + " races a permalink, not " + races);
        }
        if (baselineRaces <= 0) {
            return Optional.of("--baseline-races must be positive, not " + baselineRaces);
        }
        if (due < 2) {
            return Optional.of("--due must be at least 2 (half are forfeited, half warned), not " + due);
        }
        if (repetitions <= 0 || slowRepetitions <= 0 || baselineRepetitions <= 0) {
            return Optional.of("--repetitions, --slow-repetitions and --baseline-repetitions must be at least 1");
        }
        if (warmup < 0 || slowWarmup < 0) {
            return Optional.of("--warmup and --slow-warmup must be 0 or more");
        }
        if (startWave < 0 || startWave > MAX_START_WAVE) {
            return Optional.of("--start-wave must be from 0 (skip it) to " + MAX_START_WAVE + " racers (threads come "
                    + "at one a second, and Discord keeps an interaction's token 15 minutes), not " + startWave);
        }
        if (startWaveSpread < 0 || startWaveSpread > 600) {
            return Optional.of("--start-wave-spread must be from 0 to 600 seconds, not " + startWaveSpread);
        }
        if (notificationLatency < 0 || notificationLatency % NotificationDelivery.LATENCY_BATCH != 0
                || notificationLatency > 10_000) {
            return Optional.of("--notification-latency must be a multiple of " + NotificationDelivery.LATENCY_BATCH
                    + " from 0 (skip it) to 10000, not " + notificationLatency);
        }
        if (notificationDrain < 1 || notificationDrain > 50_000) {
            return Optional.of("--notification-drain must be from 1 to 50000, not " + notificationDrain);
        }
        if (only == Only.notifications && notificationLatency == 0) {
            return Optional.of("--only notifications needs --notification-latency of at least 10");
        }
        if (only == Only.start_wave && startWave == 0) {
            return Optional.of("--only start-wave needs --start-wave of at least 1");
        }
        return Optional.empty();
    }

    private void sweeps(DSLContext dsl, Clock clock, Seeder seeder) {
        System.out.println("Sweeps");
        PendingTimeoutHandler pending = new PendingTimeoutHandler(dsl, clock, new RaceTimeoutRepository());
        InProgressTimeoutHandler inProgress = new InProgressTimeoutHandler(dsl, clock, new RaceTimeoutRepository());
        // a live tournament with races waiting, none of them due
        List<Long> live = seeder.liveTournament("live", 100);
        seeder.races(live, 0, 1000, "pending", BASE.minusSeconds(60), BASE.plus(Duration.ofMinutes(19)), null);
        seeder.races(live, 1000, 1000, "in_progress", BASE.minus(Duration.ofHours(2)), null,
                BASE.minus(Duration.ofHours(1)));
        vacuum(dsl);
        String history = String.format(Locale.ROOT, "%,d races", races);
        measurements.add(Measurement.run("pending sweep, nothing due", history, warmup, repetitions, () -> {
        }, () -> expect(pending.run(TIMEOUT_DEFAULTS, TournamentScope.allActive()), "forfeited", 0)));
        measurements.add(Measurement.run("in-progress sweep, nothing due", history, warmup, repetitions, () -> {
        }, () -> expect(inProgress.run(Map.of("max_hours", 12), TournamentScope.allActive()), "forfeited", 0)));

        // each repetition adds its due races to the history, so these cases run fewer times
        int dueWarmup = Math.min(warmup, 3);
        int dueRepetitions = Math.min(repetitions, 9);
        int[] round = {0};
        int half = due / 2;
        measurements.add(Measurement.run(String.format(Locale.ROOT, "pending sweep, %,d due", due),
                history + String.format(Locale.ROOT, "; %,d forfeited + %,d warned", half, due - half),
                dueWarmup, dueRepetitions, () -> {
                    List<Long> permalinkIds = seeder.liveTournament("due pending " + round[0]++, 100);
                    seeder.races(permalinkIds, 0, half, "pending", BASE.minus(Duration.ofMinutes(21)),
                            BASE.minusSeconds(60), null);
                    seeder.races(permalinkIds, half, due - half, "pending", BASE.minus(Duration.ofMinutes(15)),
                            BASE.plus(Duration.ofMinutes(5)), null);
                }, () -> {
                    TaskOutcome outcome = pending.run(TIMEOUT_DEFAULTS, TournamentScope.allActive());
                    expect(outcome, "forfeited", half);
                    expect(outcome, "warned", due - half);
                }));
        measurements.add(Measurement.run(String.format(Locale.ROOT, "in-progress sweep, %,d due", due),
                history + String.format(Locale.ROOT, "; %,d forfeited", due), dueWarmup, dueRepetitions, () -> {
                    List<Long> permalinkIds = seeder.liveTournament("due in progress " + round[0]++, 100);
                    seeder.races(permalinkIds, 0, due, "in_progress", BASE.minus(Duration.ofHours(14)), null,
                            BASE.minus(Duration.ofHours(13)));
                }, () -> expect(inProgress.run(Map.of("max_hours", 12), TournamentScope.allActive()), "forfeited",
                due)));
    }

    private void scoring(DSLContext dsl, Clock clock, Seeder seeder, ScoringRepository scoring,
                         ScoreCalculationHandler scores, List<Long> tournaments, Database database) {
        System.out.println("Score calculation");
        String size = String.format(Locale.ROOT, "%,d races, %,d permalinks", races, permalinks);
        measurements.add(Measurement.run("score calculation, nothing changed", size, warmup, repetitions, () -> {
        }, () -> expect(scores.run(Map.of(), TournamentScope.allActive()), "permalinks", 0)));

        // one finish, scored with it: RaceResultService recomputes the permalink in the finish's transaction
        RaceResultService results = new RaceResultService(dsl, clock, new RaceResultRepository(), scoring,
                new io.asynctournament.db.audit.AuditLogRepository());
        List<Long> historyPermalinks = dsl.fetch("select p.id from permalink p join pool o on o.id = p.pool_id "
                + "where o.tournament_id = any({0}) order by p.id", DSL.val(tournaments.toArray(Long[]::new)))
                .getValues(0, Long.class);
        long[] finishing = {0};
        int[] next = {0};
        measurements.add(Measurement.run("one finish, scored with it", String.format(Locale.ROOT,
                "%,d runs on its permalink", races / permalinks), warmup, repetitions, () -> {
            long permalink = historyPermalinks.get(next[0]++ * 37 % historyPermalinks.size());
            seeder.races(List.of(permalink), 20_000 + next[0], 1, "in_progress", BASE.minus(Duration.ofHours(2)),
                    null, BASE.minus(Duration.ofMinutes(75)));
            finishing[0] = dsl.fetchSingle("select max(id) from race").get(0, Long.class);
        }, () -> {
            if (!results.finish(finishing[0])) {
                throw new IllegalStateException("race " + finishing[0] + " did not finish");
            }
        }));
        if (new RaceResultRepository().score(dsl, finishing[0]) == null) {
            throw new IllegalStateException("the finished race has no score");
        }

        // from scratch: no par time, no score, every permalink queued (what an import or V004 leaves)
        Runnable resetAll = () -> reset(dsl, scoring, TournamentScope.allActive());
        var bodies = new java.util.LinkedHashMap<String, Runnable>();
        bodies.put("score calculation, from scratch", () -> scores.run(Map.of(), TournamentScope.allActive()));
        bodies.put("hand-written SQL (lateral), from scratch",
                () -> ReferenceScoring.run(dsl, ReferenceScoring.LATERAL, BASE));
        bodies.put("hand-written SQL (window), from scratch",
                () -> ReferenceScoring.run(dsl, ReferenceScoring.WINDOW, BASE));
        Map<String, String> agreed = new java.util.TreeMap<>();
        List<Measurement> fromScratch = Measurement.interleaved(size, slowWarmup, slowRepetitions, resetAll, bodies,
                name -> agreed.put(name, checksum(dsl)));
        if (new java.util.HashSet<>(agreed.values()).size() != 1) {
            throw new IllegalStateException("the computations disagree: " + agreed);
        }
        measurements.addAll(fromScratch);
        Measurement ours = fromScratch.get(0);
        Measurement best = fromScratch.get(1).median() <= fromScratch.get(2).median() ? fromScratch.get(1)
                : fromScratch.get(2);
        ratios.add(String.format(Locale.ROOT, "from scratch / best hand-written SQL (%s): %.2fx (target: at most "
                + "1.5x); all three give %s", best.name(), ours.median() / best.median(),
                agreed.values().iterator().next()));
        resetAll.run();
        scores.run(Map.of(), TournamentScope.allActive());

        // against the per-race baseline, on the first tournaments that hold baselineRaces races
        int racesPerTournament = races / tournaments.size();
        int count = Math.max(1, Math.min(tournaments.size(), baselineRaces / racesPerTournament));
        List<Long> subset = tournaments.subList(0, count);
        TournamentScope scope = TournamentScope.tournaments(java.util.Set.copyOf(subset));
        String subsetSize = String.format(Locale.ROOT, "%,d races", count * racesPerTournament);
        Runnable resetSubset = () -> reset(dsl, scoring, scope);
        Map<String, Object> config = Map.of("tournament_ids", subset);
        Measurement oursSubset = Measurement.run("score calculation, from scratch", subsetSize, slowWarmup,
                slowRepetitions, resetSubset, () -> scores.run(config, TournamentScope.allActive()));
        String subsetResult = checksum(dsl);
        PerRaceBaseline baseline = new PerRaceBaseline(database.dataSource());
        Measurement autoCommit = Measurement.run("per-race baseline, a commit per race", subsetSize, 0,
                baselineRepetitions, resetSubset, () -> baseline.run(subset, BASE, true));
        requireSame(dsl, subsetResult, "per-race baseline");
        Measurement perPermalink = Measurement.run("per-race baseline, a commit per permalink", subsetSize, 0,
                baselineRepetitions, resetSubset, () -> baseline.run(subset, BASE, false));
        requireSame(dsl, subsetResult, "per-race baseline");
        measurements.addAll(List.of(oursSubset, autoCommit, perPermalink));
        ratios.add(String.format(Locale.ROOT, "per-race baseline / ours on %s: %.0fx with a commit per race (as an "
                        + "ORM saves each race), %.0fx with a commit per permalink (target: at least 50x)", subsetSize,
                autoCommit.median() / oursSubset.median(), perPermalink.median() / oursSubset.median()));
        resetSubset.run();
        scores.run(Map.of(), TournamentScope.allActive());
    }

    private void memory(DSLContext dsl, Database database, ScoringRepository scoring) throws Exception {
        System.out.println("Bot process memory");
        String url = dsl.fetchSingle("select 'jdbc:postgresql://localhost:' || current_setting('port') || '/postgres'")
                .get(0, String.class);
        // the embedded server wants its superuser's password (README, "How the embedded PostgreSQL is protected")
        String password = Files.readString(dataDir.resolve("postgres-password")).strip();
        MemoryCase.Result result = new MemoryCase(dsl, url, password,
                Path.of("bot", "target", "async-tournament-bot.jar"), Path.of("bot", "jvm.options"),
                Path.of("bench", "target", "bench-bot.log"))
                .run(() -> reset(dsl, scoring, TournamentScope.allActive()));
        ratios.add(String.format(Locale.ROOT, "bot process resident memory (JVM options: %s): %.0f MiB idle, "
                        + "%.0f MiB peak over %d samples during a %,d ms full score recalculation of %,d races "
                        + "(target: under 400 MB)", result.jvmOptions(), result.idleMib(), result.peakMib(),
                result.samples(), result.recalculationMillis(), races));
    }

    /** No par time, no score, and the scope's permalinks queued; then VACUUM ANALYZE (all untimed). */
    private static void reset(DSLContext dsl, ScoringRepository scoring, TournamentScope scope) {
        dsl.transaction(tx -> {
            DSLContext c = tx.dsl();
            c.execute("""
                    delete from race_score s using race r join tournament on tournament.id = r.tournament_id
                     where s.race_id = r.id and {0}
                    """, scope.condition());
            c.execute("""
                    update permalink p set par_time = null, par_updated_at = null
                      from pool o join tournament on tournament.id = o.tournament_id
                     where o.id = p.pool_id and p.par_time is not null and {0}
                    """, scope.condition());
            scoring.queueAll(c, scope);
        });
        vacuum(dsl);
    }

    private static void vacuum(DSLContext dsl) {
        dsl.execute("vacuum analyze race_score, permalink, score_queue, race, notification, audit_log");
    }

    /** Count and sums of par times and scores, to tell that two computations agree. */
    private static String checksum(DSLContext dsl) {
        return dsl.fetchSingle("""
                select (select count(*) from permalink where par_time is not null) || ' par times (sum '
                       || (select round(sum(par_time)::numeric, 3) from permalink) || '), '
                       || (select count(*) from race_score) || ' scores (sum '
                       || (select round(sum(score)::numeric, 3) from race_score) || ')'
                """).get(0, String.class);
    }

    private static void requireSame(DSLContext dsl, String expected, String what) {
        if (!checksum(dsl).equals(expected)) {
            throw new IllegalStateException("the " + what + " gives another result: " + checksum(dsl) + " vs "
                    + expected);
        }
    }

    private static void expect(TaskOutcome outcome, String count, int expected) {
        Integer actual = outcome.counts().get(count);
        if (actual == null || actual != expected || !outcome.errors().isEmpty()) {
            throw new IllegalStateException("expected " + count + "=" + expected + ", got " + outcome.counts()
                    + " " + outcome.errors());
        }
    }

    private void machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        System.out.printf("Machine: %d cores (%s), %,d MiB memory; Java %s%n",
                Runtime.getRuntime().availableProcessors(), cpu,
                Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                        .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).orElse(0L),
                System.getProperty("java.version"));
    }

    private void print() {
        System.out.println();
        if (!measurements.isEmpty()) { // a full run: the table, then the start wave's figures again below it
            table();
            for (StartWave.Result wave : waves) {
                System.out.println();
                wave.lines().forEach(System.out::println);
            }
            for (NotificationDelivery.Result delivery : deliveries) {
                System.out.println();
                delivery.lines().forEach(System.out::println);
            }
        }
    }

    private void table() {
        System.out.printf("| %-46s | %-44s | %10s | %10s | %10s |%n", "case", "size", "median ms", "min ms",
                "max ms");
        System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(48), "-".repeat(46), "-".repeat(11) + ":",
                "-".repeat(11) + ":", "-".repeat(11) + ":");
        for (Measurement m : measurements) {
            System.out.printf(Locale.ROOT, "| %-46s | %-44s | %10.2f | %10.2f | %10.2f |%n", m.name(), m.size(),
                    m.median(), m.min(), m.max());
        }
        System.out.println();
        ratios.forEach(r -> System.out.println("- " + r));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
