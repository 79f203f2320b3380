package io.asynctournament.bench;

import io.asynctournament.bot.config.BotContext;
import io.asynctournament.bot.config.BotSettings;
import io.asynctournament.bot.discord.DiscordConnection;
import io.asynctournament.bot.discord.fake.ApiRequest;
import io.asynctournament.bot.discord.fake.ComponentReply;
import io.asynctournament.bot.discord.fake.FakeChannel;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.FakeMember;
import io.asynctournament.bot.discord.fake.RateLimits;
import io.asynctournament.bot.discord.fake.SlashReply;
import io.asynctournament.bot.discord.race.StartMessage;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.tournaments.PermalinkLine;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;

/**
 * The start wave (BENCHMARKS.md, "Start wave"): the real bot (Spring context, JDA, router, services, its own
 * embedded PostgreSQL with fsync on) against the fake Discord of the bot's test sources with Discord's rate limits
 * on. {@code racers} distinct members press Start, choose the pool and Confirm, their Start presses spread evenly
 * over {@code spread}, each racer on its own thread of a pool and each step as soon as the bot answered the one
 * before. Then it waits until every race has its thread and first message and checks: exactly one race and one
 * thread per racer, no duplicate, no race without a thread, no orphan thread, every interaction acknowledged (and
 * under Discord's 3 s), and reports the acknowledgement times, the answer times and the time from the first press to
 * the last thread posted, against the bound of Discord's thread-creation bucket.
 */
final class StartWave {
    static final long GUILD_ID = 7001;
    static final long CHANNEL_ID = 7101;
    private static final long FIRST_RACER_ID = 900_000;
    private static final Duration ACK_LIMIT = Duration.ofSeconds(3);
    private static final String TOURNAMENT = "Start Wave Cup";
    private static final String POOL_NAME = "Pool A";
    private static final Pattern THREAD_LINK = Pattern.compile("<#(\\d+)>");

    private final int racers;
    private final Duration spread;
    private final Path dataDir;
    private final boolean rateLimited;

    /**
     * @param racers      members pressing Start (at least 1)
     * @param spread      over how long their Start presses are spread
     * @param dataDir     the bot's embedded PostgreSQL data directory (must not exist or be empty)
     * @param rateLimited whether the fake enforces Discord's rate limits ({@link RateLimits#discord()}) or none
     */
    StartWave(int racers, Duration spread, Path dataDir, boolean rateLimited) {
        this.racers = racers;
        this.spread = spread;
        this.dataDir = dataDir;
        this.rateLimited = rateLimited;
    }

    /** One racer's three interactions: when each was sent, its acknowledgement, when its answer was shown. */
    private record Step(String name, Instant sent, Duration ack, Instant answered, int callbackType) {
        Duration answerAfter() {
            return Duration.between(sent, answered);
        }
    }

    private record RacerRun(FakeMember member, List<Step> steps, long threadId, String failure) {}

    /** What the wave measured; {@link #failures()} empty when every check passed. */
    record Result(int racers, Duration spread, boolean rateLimited, List<String> failures, Map<String, Stats> acks,
                  Map<String, Stats> answers, Duration firstPressToLastConfirm, Duration firstPressToLastThread,
                  Duration firstPressToLastFirstMessage, Duration firstToLastThread, Duration threadBound,
                  int threadRateLimited, String permalinkSpread, String specSummary) {

        /** Whether the last thread came within one bucket window of what Discord's thread bucket allows. */
        boolean boundByDiscord() {
            return firstToLastThread.compareTo(threadBound.plusSeconds(10)) <= 0;
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            String limits = rateLimited ? "Discord's rate limits on" : "rate limits off";
            lines.add(String.format(Locale.ROOT, "start wave (%s): %d racers, Start presses spread over %d s",
                    limits, racers, spread.toSeconds()));
            for (String step : acks.keySet()) {
                lines.add(String.format(Locale.ROOT, "  %-8s ack      %s", step, acks.get(step)));
                lines.add(String.format(Locale.ROOT, "  %-8s answered %s", step, answers.get(step)));
            }
            lines.add(String.format(Locale.ROOT, "  first press -> last confirm pressed: %.1f s",
                    seconds(firstPressToLastConfirm)));
            lines.add(String.format(Locale.ROOT, "  first press -> last thread created: %.1f s; -> last thread's "
                            + "first message: %.1f s", seconds(firstPressToLastThread),
                    seconds(firstPressToLastFirstMessage)));
            lines.add(String.format(Locale.ROOT, "  first -> last thread created: %.1f s; Discord's thread bucket "
                            + "(10 per 10 s per parent channel) allows no less than %.0f s for %d threads: %s",
                    seconds(firstToLastThread), seconds(threadBound), racers,
                    !rateLimited ? "(not enforced in this run)"
                            : boundByDiscord() ? "bound by Discord's limit" : "NOT bound by Discord's limit"));
            lines.add("  thread creations answered 429: " + threadRateLimited + "; permalinks dealt: "
                    + permalinkSpread);
            lines.add("  " + specSummary);
            lines.add(failures.isEmpty() ? "  checks: passed (one race and one thread per racer, no duplicate, no "
                    + "race without a thread, no orphan thread, every ack under 3 s)"
                    : "  checks FAILED: " + String.join("; ", failures));
            return lines;
        }
    }

    /** Count, median, p99 and max of some durations, in milliseconds. */
    record Stats(int count, double medianMillis, double p99Millis, double maxMillis) {
        static Stats of(Collection<Duration> durations) {
            List<Double> sorted = durations.stream().map(d -> d.toNanos() / 1e6).sorted().toList();
            if (sorted.isEmpty()) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Stats(sorted.size(), percentile(sorted, 0.5), percentile(sorted, 0.99),
                    sorted.get(sorted.size() - 1));
        }

        private static double percentile(List<Double> sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.size()); // nearest rank
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "n=%d median %.0f ms, p99 %.0f ms, max %.0f ms", count, medianMillis,
                    p99Millis, maxMillis);
        }
    }

    Result run() throws Exception {
        FakeDiscord discord = FakeDiscord.start();
        discord.rateLimits(rateLimited ? RateLimits.discord() : RateLimits.off());
        // Discord keeps an interaction's token for 15 minutes: as long as a racer could wait for an answer
        discord.answerTimeout(Duration.ofMinutes(15));
        FakeGuild guild = discord.guild(GUILD_ID, "Bench Guild");
        FakeChannel channel = guild.textChannel(CHANNEL_ID, "async-races");
        FakeMember admin = guild.member(FIRST_RACER_ID - 1, "admin", Permission.MANAGE_SERVER);
        List<FakeMember> members = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            members.add(guild.member(FIRST_RACER_ID + i, String.format(Locale.ROOT, "Racer %03d", i + 1)));
        }
        Map<String, String> env = Map.of("DASHBOARD_PORT", Integer.toString(freePort()),
                "DASHBOARD_PASSWORD", "bench-password", "DISCORD_TOKEN", "fake-token", "DISCORD_COMMANDS", "guild");
        AnnotationConfigApplicationContext bot = null;
        try {
            bot = BotContext.forBot(BotSettings.fromEnvironment(env, dataDir), discord::configure);
            waitConnected(bot);
            DSLContext dsl = bot.getBean(DSLContext.class);
            TournamentRow tournament = setUp(bot, discord, guild, admin);
            long poolId = dsl.select(POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(tournament.id())).fetchSingle()
                    .value1();
            long startMessageId = dsl.fetchSingle("select start_message_id from tournament where id = {0}",
                    tournament.id()).get(0, Long.class);

            System.out.printf("Start wave: %d racers press Start over %d s (%s)%n", racers, spread.toSeconds(),
                    rateLimited ? "Discord's rate limits" : "rate limits off");
            List<RacerRun> runs = wave(discord, channel, members, tournament.id(), poolId, startMessageId);
            awaitThreads(dsl, discord, tournament.id());
            return check(dsl, discord, guild, tournament.id(), runs);
        } finally {
            if (bot != null) {
                bot.close();
            }
            discord.close();
        }
    }

    /** The tournament (one run a pool, one pool of {@code racers} permalinks) and its start message, posted. */
    private TournamentRow setUp(AnnotationConfigApplicationContext bot, FakeDiscord discord, FakeGuild guild,
                                FakeMember admin) {
        TournamentService tournaments = bot.getBean(TournamentService.class);
        Requester by = new Requester(admin.userId(), GUILD_ID, Set.of(), true, false);
        TournamentRow tournament = tournaments.create(by, guild.name(), TOURNAMENT, CHANNEL_ID, 1, 0, false, null,
                null);
        tournaments.addPool(by, tournament, POOL_NAME);
        List<PermalinkLine> lines = new ArrayList<>();
        for (int i = 1; i <= racers; i++) {
            lines.add(new PermalinkLine(POOL_NAME, "https://example.org/seed/" + i, "seed " + i));
        }
        tournaments.importPermalinks(by, tournament, lines);
        SlashReply posted = discord.slash(guild, admin, "async post", Map.of("tournament", TOURNAMENT));
        if (!posted.toString().contains("Posted the start message")) {
            throw new IllegalStateException("/async post did not post the start message: " + posted);
        }
        return tournament;
    }

    private List<RacerRun> wave(FakeDiscord discord, FakeChannel channel, List<FakeMember> members,
                                long tournamentId, long poolId, long startMessageId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(members.size());
        try {
            long start = System.nanoTime() + 200_000_000L; // all racer threads are up by then
            List<Future<RacerRun>> futures = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                FakeMember member = members.get(i);
                long at = start + spread.toNanos() * i / members.size();
                futures.add(pool.submit(() -> race(discord, channel, member, tournamentId, poolId, startMessageId,
                        at)));
            }
            List<RacerRun> runs = new ArrayList<>();
            for (Future<RacerRun> future : futures) {
                runs.add(future.get(20, TimeUnit.MINUTES));
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One racer: Start at {@code atNanos}, then the pool, then Confirm, each as soon as the answer is shown. */
    private static RacerRun race(FakeDiscord discord, FakeChannel channel, FakeMember member, long tournamentId,
                                 long poolId, long startMessageId, long atNanos) throws InterruptedException {
        long wait = atNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        List<Step> steps = new ArrayList<>();
        try {
            Instant sent = Instant.now();
            ComponentReply offer = discord.button(channel, member, startMessageId,
                    StartMessage.startId(tournamentId).encode());
            steps.add(step("start", sent, offer));
            sent = Instant.now();
            ComponentReply confirmation = discord.stringSelect(channel, member, offer.message(),
                    "race:pool:" + tournamentId, List.of(Long.toString(poolId)));
            steps.add(step("pool", sent, confirmation));
            sent = Instant.now();
            ComponentReply confirmed = discord.button(channel, member, confirmation.message(),
                    "race:confirm:" + tournamentId + ":" + poolId);
            steps.add(step("confirm", sent, confirmed));
            Matcher link = THREAD_LINK.matcher(confirmed.content());
            if (!link.find()) {
                return new RacerRun(member, steps, 0, "confirm answered without a thread: " + confirmed);
            }
            return new RacerRun(member, steps, Long.parseLong(link.group(1)), null);
        } catch (RuntimeException | AssertionError e) {
            return new RacerRun(member, steps, 0, "after " + steps.size() + " step(s): " + e);
        }
    }

    private static Step step(String name, Instant sent, ComponentReply reply) {
        return new Step(name, sent, reply.ackAfter(), Instant.now(), reply.callbackType());
    }

    /** Until every race of the tournament has a thread with its first message (or 2 s a racer, at least 2 min). */
    private void awaitThreads(DSLContext dsl, FakeDiscord discord, long tournamentId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(120, 2L * racers)).toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> threads = dsl.select(RACE.THREAD_ID).from(RACE).where(RACE.TOURNAMENT_ID.eq(tournamentId))
                    .fetch(RACE.THREAD_ID);
            if (threads.size() >= racers && threads.stream().allMatch(t -> t != null
                    && !discord.messages(t).isEmpty())) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private Result check(DSLContext dsl, FakeDiscord discord, FakeGuild guild, long tournamentId,
                         List<RacerRun> runs) {
        List<String> failures = new ArrayList<>();
        runs.stream().filter(r -> r.failure() != null).limit(5)
                .forEach(r -> failures.add(r.member().name() + " " + r.failure()));
        long failed = runs.stream().filter(r -> r.failure() != null).count();
        if (failed > 5) {
            failures.add((failed - 5) + " more racer(s) failed");
        }

        List<Record> races = new ArrayList<>(dsl.select(RACE.ID, RACE.THREAD_ID, RACER.DISCORD_USER_ID)
                .from(RACE).join(RACER).on(RACER.ID.eq(RACE.RACER_ID))
                .where(RACE.TOURNAMENT_ID.eq(tournamentId)).fetch());
        if (races.size() != racers) {
            failures.add(racers + " racers made " + races.size() + " races");
        }
        Map<Long, Long> raceCountByUser = races.stream().collect(Collectors.groupingBy(
                r -> r.get(RACER.DISCORD_USER_ID), Collectors.counting()));
        long duplicated = raceCountByUser.values().stream().filter(c -> c > 1).count();
        if (duplicated > 0) {
            failures.add(duplicated + " racer(s) with more than one race");
        }
        Set<Long> expectedUsers = runs.stream().map(r -> r.member().userId()).collect(Collectors.toSet());
        long lost = expectedUsers.stream().filter(u -> !raceCountByUser.containsKey(u)).count();
        if (lost > 0) {
            failures.add(lost + " racer(s) without a race");
        }
        long withoutThread = races.stream().filter(r -> r.get(RACE.THREAD_ID) == null).count();
        if (withoutThread > 0) {
            failures.add(withoutThread + " race(s) without a thread");
        }
        Set<Long> raceThreads = races.stream().map(r -> r.get(RACE.THREAD_ID)).filter(t -> t != null)
                .collect(Collectors.toSet());
        long threadRows = races.stream().filter(r -> r.get(RACE.THREAD_ID) != null).count();
        if (raceThreads.size() != threadRows) {
            failures.add((threadRows - raceThreads.size()) + " thread(s) shared by two races");
        }
        List<FakeChannel> threads = guild.threads().stream().filter(t -> t.parentId() == CHANNEL_ID).toList();
        Set<Long> threadIds = threads.stream().map(FakeChannel::id).collect(Collectors.toSet());
        long orphans = threadIds.stream().filter(t -> !raceThreads.contains(t)).count();
        if (orphans > 0) {
            failures.add(orphans + " orphan thread(s) (no race)");
        }
        if (threads.size() != racers) {
            failures.add(racers + " racers got " + threads.size() + " threads");
        }
        Map<Long, Long> threadOfUser = new HashMap<>();
        races.forEach(r -> threadOfUser.put(r.get(RACER.DISCORD_USER_ID), r.get(RACE.THREAD_ID)));
        long wrongLink = runs.stream().filter(r -> r.failure() == null
                && !Long.valueOf(r.threadId()).equals(threadOfUser.get(r.member().userId()))).count();
        if (wrongLink > 0) {
            failures.add(wrongLink + " confirm answer(s) linking another thread than the racer's race");
        }
        long notMember = threads.stream().filter(t -> raceThreads.contains(t))
                .filter(t -> races.stream().noneMatch(r -> Long.valueOf(t.id()).equals(r.get(RACE.THREAD_ID))
                        && t.threadMembers().contains(r.get(RACER.DISCORD_USER_ID)))).count();
        if (notMember > 0) {
            failures.add(notMember + " thread(s) without their racer");
        }
        long withoutMessage = raceThreads.stream().filter(t -> discord.messages(t).isEmpty()).count();
        if (withoutMessage > 0) {
            failures.add(withoutMessage + " thread(s) without their first message");
        }

        Map<String, List<Duration>> acks = new java.util.LinkedHashMap<>();
        Map<String, List<Duration>> answers = new java.util.LinkedHashMap<>();
        for (RacerRun run : runs) {
            for (Step step : run.steps()) {
                acks.computeIfAbsent(step.name(), k -> new ArrayList<>()).add(step.ack());
                answers.computeIfAbsent(step.name(), k -> new ArrayList<>()).add(step.answerAfter());
            }
        }
        long late = acks.values().stream().flatMap(List::stream).filter(d -> d.compareTo(ACK_LIMIT) >= 0).count();
        if (late > 0) {
            failures.add(late + " interaction(s) acknowledged after 3 s");
        }
        long steps = acks.values().stream().mapToLong(List::size).sum();
        if (steps != 3L * racers) {
            failures.add((3L * racers - steps) + " interaction(s) never answered");
        }

        Instant firstPress = runs.stream().flatMap(r -> r.steps().stream()).map(Step::sent).min(Instant::compareTo)
                .orElseThrow();
        Instant lastConfirm = runs.stream().flatMap(r -> r.steps().stream()).filter(s -> s.name().equals("confirm"))
                .map(Step::sent).max(Instant::compareTo).orElse(firstPress);
        String threadRoute = "channels/" + CHANNEL_ID + "/threads";
        List<ApiRequest> created = discord.requests("POST", threadRoute).stream()
                .filter(r -> r.status() / 100 == 2).toList();
        int threadRateLimited = (int) discord.requests("POST", threadRoute).stream().filter(r -> r.status() == 429)
                .count();
        Instant firstThread = created.stream().map(ApiRequest::receivedAt).min(Instant::compareTo)
                .orElse(firstPress);
        Instant lastThread = created.stream().map(ApiRequest::receivedAt).max(Instant::compareTo).orElse(firstPress);
        Set<String> threadMessagePaths = raceThreads.stream().map(t -> "channels/" + t + "/messages")
                .collect(Collectors.toSet());
        Map<String, Instant> firstMessages = new HashMap<>();
        for (ApiRequest request : discord.requests()) {
            if (request.method().equals("POST") && request.status() / 100 == 2
                    && threadMessagePaths.contains(request.path())) {
                firstMessages.putIfAbsent(request.path(), request.receivedAt());
            }
        }
        Instant lastFirstMessage = firstMessages.values().stream().max(Instant::compareTo).orElse(firstPress);
        // a fixed window of 10 from the first creation: the n-th thread cannot come before window (n-1)/10 opens
        Duration bound = Duration.ofSeconds(10L * ((racers - 1) / 10));

        List<Integer> dealt = dsl.select(org.jooq.impl.DSL.count(RACE.ID)).from(PERMALINK)
                .join(POOL).on(POOL.ID.eq(PERMALINK.POOL_ID))
                .leftJoin(RACE).on(RACE.PERMALINK_ID.eq(PERMALINK.ID))
                .where(POOL.TOURNAMENT_ID.eq(tournamentId)).groupBy(PERMALINK.ID).fetch(0, Integer.class);
        String spreadOfPermalinks = dealt.isEmpty() ? "none" : String.format(Locale.ROOT,
                "%d permalinks, %d to %d race(s) each", dealt.size(), dealt.stream().min(Integer::compare).get(),
                dealt.stream().max(Integer::compare).get());

        String spec;
        try {
            discord.assertNoSpecViolations();
            spec = discord.specChecked() ? "every request and response held to Discord's OpenAPI spec: no violation"
                    : "Discord's OpenAPI spec not found: requests not checked against it";
        } catch (AssertionError e) {
            failures.add("the fake saw violations of Discord's spec: " + e.getMessage());
            spec = "violations of Discord's spec (see the checks)";
        }

        Map<String, Stats> ackStats = new java.util.LinkedHashMap<>();
        acks.forEach((k, v) -> ackStats.put(k, Stats.of(v)));
        Map<String, Stats> answerStats = new java.util.LinkedHashMap<>();
        answers.forEach((k, v) -> answerStats.put(k, Stats.of(v)));
        ackStats.put("all", Stats.of(acks.values().stream().flatMap(List::stream).toList()));
        answerStats.put("all", Stats.of(answers.values().stream().flatMap(List::stream).toList()));
        return new Result(racers, spread, rateLimited, failures, ackStats, answerStats,
                Duration.between(firstPress, lastConfirm), Duration.between(firstPress, lastThread),
                Duration.between(firstPress, lastFirstMessage), Duration.between(firstThread, lastThread), bound,
                threadRateLimited, spreadOfPermalinks, spec);
    }

    private static void waitConnected(AnnotationConfigApplicationContext bot) throws InterruptedException {
        DiscordConnection connection = bot.getBean(DiscordConnection.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (connection.jda().map(j -> j.getStatus() == JDA.Status.CONNECTED).orElse(false)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the bot did not connect to the fake Discord within 60 s");
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
