package io.asynctournament.bench;

import io.asynctournament.bot.config.BotContext;
import io.asynctournament.bot.config.BotSettings;
import io.asynctournament.bot.discord.DiscordConnection;
import io.asynctournament.bot.discord.fake.ApiRequest;
import io.asynctournament.bot.discord.fake.FakeChannel;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.RateLimits;
import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.race.RaceTimeoutRepository;
import net.dv8tion.jda.api.JDA;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Notification delivery (BENCHMARKS.md, "Notification delivery"): the real bot (Spring context, JDA, the outbox
 * dispatcher woken by LISTEN/NOTIFY, its own embedded PostgreSQL with fsync on) against the fake Discord of the bot's
 * test sources with Discord's rate limits on (50 requests a second overall, 5 messages per 5 s per channel).
 *
 * <ul>
 *   <li><b>Latency</b>: {@code latencyCount} timeout warnings written by the pending sweep's own statement
 *   ({@link RaceTimeoutRepository#warnPendingNearDeadline}) in sweeps of {@link #LATENCY_BATCH} races every
 *   {@link #LATENCY_SPACING} (a steady 20 notifications a second, 40% of Discord's global budget); for each, the time
 *   from the sweep's commit to the message's arrival in the fake, as p50, p99 and max.</li>
 *   <li><b>Backlog drain</b>: the gateway dropped and held (the dispatcher claims nothing while disconnected), one
 *   sweep warns {@code drainCount} races, each in its own thread, then the gateway comes back; the rate from the
 *   first to the last message, the 429 answers during the drain, and exactly one message per thread.</li>
 * </ul>
 * The races' deadlines lie in 2030 and the sweeps are given a matching "now", so the bot's own timeout tasks (which
 * run on real time) never touch them. Threads are made in the fake by hand and announced over the gateway
 * (THREAD_CREATE), so JDA has them in its cache as it has the threads it opened while running: one request per
 * warning. (A sweep forfeit costs two: the message and the edit that disables the race message's buttons.)
 */
final class NotificationDelivery {
    static final long GUILD_ID = 7002;
    static final long CHANNEL_ID = 7102;
    static final int LATENCY_BATCH = 10;
    static final Duration LATENCY_SPACING = Duration.ofMillis(500);
    private static final long FIRST_RACER_USER = 950_000;
    private static final Instant VIRTUAL_BASE = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration WARNING_LEAD = Duration.ofMinutes(10); // the pending task's default

    private final int latencyCount;
    private final int drainCount;
    private final Path dataDir;

    /**
     * @param latencyCount warnings measured one by one (a multiple of {@link #LATENCY_BATCH})
     * @param drainCount   warnings of the backlog drain, one thread each
     * @param dataDir      the bot's embedded PostgreSQL data directory (must not exist or be empty)
     */
    NotificationDelivery(int latencyCount, int drainCount, Path dataDir) {
        this.latencyCount = latencyCount;
        this.drainCount = drainCount;
        this.dataDir = dataDir;
    }

    /** What was measured; {@link #failures()} empty when every check passed. */
    record Result(int latencyCount, StartWave.Stats latency, int drainCount, Duration drainTime, double drainRate,
                  Duration recoveryToFirst, int drain429, int drain429Global, int latency429, String spec,
                  List<String> failures) {

        boolean drainTargetMet() {
            return drainRate >= 45;
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("notification delivery (Discord's rate limits on)");
            lines.add(String.format(Locale.ROOT, "  latency, sweep commit -> message in the thread, %d warnings in "
                            + "sweeps of %d every %d ms: %s (target: p99 under 1 s: %s); 429 answers: %d",
                    latencyCount, LATENCY_BATCH, LATENCY_SPACING.toMillis(), latency,
                    latency.p99Millis() < 1000 ? "met" : "NOT met", latency429));
            lines.add(String.format(Locale.ROOT, "  backlog drain, %d warnings over %d threads after a gateway "
                            + "outage: first message %.1f s after the gateway came back, first -> last %.1f s = "
                            + "%.1f messages/s (target: at least 45/s: %s); 429 answers: %d (global: %d)",
                    drainCount, drainCount, seconds(recoveryToFirst), seconds(drainTime), drainRate,
                    drainTargetMet() ? "met" : "NOT met", drain429, drain429Global));
            lines.add("  " + spec);
            lines.add(failures.isEmpty() ? "  checks: passed (every notification delivered exactly once, one "
                    + "message per thread, every row marked sent)" : "  checks FAILED: " + String.join("; ", failures));
            return lines;
        }
    }

    Result run() throws Exception {
        FakeDiscord discord = FakeDiscord.start();
        discord.rateLimits(RateLimits.discord());
        FakeGuild guild = discord.guild(GUILD_ID, "Bench Guild");
        FakeChannel channel = guild.textChannel(CHANNEL_ID, "async-races");
        Map<String, String> env = Map.of("DASHBOARD_PORT", Integer.toString(freePort()),
                "DASHBOARD_PASSWORD", "bench-password", "DISCORD_TOKEN", "fake-token", "DISCORD_COMMANDS", "guild");
        AnnotationConfigApplicationContext bot = null;
        try {
            bot = BotContext.forBot(BotSettings.fromEnvironment(env, dataDir), discord::configure);
            JDA jda = waitConnected(bot);
            DSLContext dsl = bot.getBean(DSLContext.class);
            System.out.printf("Notification delivery: %d threads for the latency case, %d for the drain%n",
                    latencyCount, drainCount);
            List<Long> latencyThreads = threads(discord, channel, latencyCount, 0);
            List<Long> drainThreads = threads(discord, channel, drainCount, latencyCount);
            awaitCached(jda, latencyThreads, drainThreads);
            long tournament = seed(dsl, latencyThreads, drainThreads);
            List<String> failures = new ArrayList<>();

            // latency: sweeps of LATENCY_BATCH every LATENCY_SPACING, each warning the next batch of deadlines
            RaceTimeoutRepository sweeps = new RaceTimeoutRepository();
            TournamentScope scope = TournamentScope.tournaments(java.util.Set.of(tournament));
            Map<Long, Instant> committed = new HashMap<>();
            int firstLatencyRequest = discord.requests().size();
            long next = System.nanoTime();
            for (int batch = 0; batch < latencyCount / LATENCY_BATCH; batch++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next += LATENCY_SPACING.toNanos();
                int last = (batch + 1) * LATENCY_BATCH - 1;
                Instant now = deadline(last).minus(WARNING_LEAD);
                int warned = dsl.transactionResult(c -> sweeps.warnPendingNearDeadline(c.dsl(), now, 10, scope));
                Instant commit = Instant.now();
                if (warned != LATENCY_BATCH) {
                    failures.add("latency sweep " + batch + " warned " + warned + " races, not " + LATENCY_BATCH);
                }
                for (int i = batch * LATENCY_BATCH; i <= last; i++) {
                    committed.put(latencyThreads.get(i), commit);
                }
            }
            Map<Long, List<Instant>> latencyPosts = awaitPosts(discord, latencyThreads, Duration.ofSeconds(120));
            List<Duration> latencies = new ArrayList<>();
            for (long thread : latencyThreads) {
                List<Instant> posts = latencyPosts.get(thread);
                if (!posts.isEmpty()) {
                    latencies.add(Duration.between(committed.get(thread), posts.get(0)));
                }
            }
            List<ApiRequest> latencyRequests = discord.requests().subList(firstLatencyRequest,
                    discord.requests().size());
            int latency429 = (int) latencyRequests.stream().filter(r -> r.status() == 429).count();
            check(latencyPosts, "latency", failures);

            // the drain: gateway away, one sweep warns every drain race, gateway back
            discord.holdGateway();
            discord.dropGateway();
            long deadlineToDrop = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (jda.getStatus() == JDA.Status.CONNECTED && System.nanoTime() < deadlineToDrop) {
                Thread.sleep(20);
            }
            Instant all = deadline(latencyCount + drainCount - 1).minus(WARNING_LEAD);
            int warned = dsl.transactionResult(c -> sweeps.warnPendingNearDeadline(c.dsl(), all, 10, scope));
            if (warned != drainCount) {
                failures.add("the drain sweep warned " + warned + " races, not " + drainCount);
            }
            Thread.sleep(2000); // the backlog waits: nothing is sent while the gateway is away
            int sentWhileAway = dsl.fetchCount(DSL.table("notification"), DSL.condition("status = 'sent'"))
                    - latencyCount;
            if (sentWhileAway != 0) {
                failures.add(sentWhileAway + " drain notification(s) sent while the gateway was away");
            }
            int firstDrainRequest = discord.requests().size();
            Instant back = Instant.now();
            discord.releaseGateway();
            Map<Long, List<Instant>> drainPosts = awaitPosts(discord, drainThreads,
                    Duration.ofSeconds(Math.max(120, drainCount / 10)));
            check(drainPosts, "drain", failures);
            List<Instant> arrivals = drainPosts.values().stream().flatMap(List::stream).sorted().toList();
            Instant first = arrivals.isEmpty() ? back : arrivals.get(0);
            Instant last = arrivals.isEmpty() ? back : arrivals.get(arrivals.size() - 1);
            Duration drainTime = Duration.between(first, last);
            double rate = arrivals.size() <= 1 ? 0 : (arrivals.size() - 1) / (drainTime.toNanos() / 1e9);
            List<ApiRequest> drainRequests = discord.requests().subList(firstDrainRequest, discord.requests().size());
            int drain429 = (int) drainRequests.stream().filter(r -> r.status() == 429).count();
            int drain429Global = (int) drainRequests.stream().filter(r -> r.status() == 429
                    && r.rateLimit() != null && "global".equals(r.rateLimit().scope())).count();

            awaitSent(dsl, latencyCount + drainCount);
            int sent = dsl.fetchCount(DSL.table("notification"), DSL.condition("status = 'sent'"));
            if (sent != latencyCount + drainCount) {
                failures.add(sent + " notification rows marked sent, not " + (latencyCount + drainCount));
            }
            String spec;
            try {
                discord.assertNoSpecViolations();
                spec = discord.specChecked() ? "every request and response held to Discord's OpenAPI spec: no "
                        + "violation" : "Discord's OpenAPI spec not found: requests not checked against it";
            } catch (AssertionError e) {
                failures.add("the fake saw violations of Discord's spec: " + e.getMessage());
                spec = "violations of Discord's spec (see the checks)";
            }
            return new Result(latencyCount, StartWave.Stats.of(latencies), drainCount, drainTime, rate,
                    Duration.between(back, first), drain429, drain429Global, latency429, spec, failures);
        } finally {
            if (bot != null) {
                bot.close();
            }
            discord.close();
        }
    }

    /**
     * The deadline of the {@code index}-th race, in 2030: the latency races' one second apart, the drain races' after
     * them 10 ms apart (all within one warning lead, so that one sweep warns them all).
     */
    private Instant deadline(int index) {
        Instant start = VIRTUAL_BASE.plus(WARNING_LEAD).plusSeconds(1);
        if (index < latencyCount) {
            return start.plusSeconds(index);
        }
        return start.plusSeconds(latencyCount).plusMillis(10L * (index - latencyCount + 1));
    }

    /** {@code count} private threads made by hand under the channel, announced to JDA; their ids in order. */
    private static List<Long> threads(FakeDiscord discord, FakeChannel channel, int count, int offset) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FakeChannel thread = discord.threadByHand(channel, "race " + (offset + i), FIRST_RACER_USER + offset + i);
            discord.announceThread(thread);
            ids.add(thread.id());
        }
        return ids;
    }

    private static void awaitCached(JDA jda, List<Long> a, List<Long> b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (jda.getThreadChannelById(a.get(a.size() - 1)) != null
                    && jda.getThreadChannelById(b.get(b.size() - 1)) != null
                    && jda.getThreadChannelCache().size() >= a.size() + b.size()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("JDA did not learn of the " + (a.size() + b.size()) + " threads in 120 s");
    }

    /** A tournament, one pool and permalink, a racer and a pending race per thread; returns the tournament id. */
    private long seed(DSLContext dsl, List<Long> latencyThreads, List<Long> drainThreads) {
        List<Long> threads = new ArrayList<>(latencyThreads);
        threads.addAll(drainThreads);
        List<java.time.OffsetDateTime> deadlines = new ArrayList<>();
        for (int i = 0; i < threads.size(); i++) {
            deadlines.add(deadline(i).atOffset(ZoneOffset.UTC));
        }
        long guild = dsl.fetchSingle("insert into guild (discord_guild_id, name) values ({0}, 'Bench Guild') "
                + "returning id", DSL.val(GUILD_ID)).get(0, Long.class);
        long tournament = dsl.fetchSingle("insert into tournament (guild_id, name, channel_id) values ({0}, "
                + "'Notification Cup', {1}) returning id", DSL.val(guild), DSL.val(CHANNEL_ID)).get(0, Long.class);
        long pool = dsl.fetchSingle("insert into pool (tournament_id, name, position) values ({0}, 'Pool A', 1) "
                + "returning id", DSL.val(tournament)).get(0, Long.class);
        long permalink = dsl.fetchSingle("insert into permalink (pool_id, url) values ({0}, "
                + "'https://seed.example/notification') returning id", DSL.val(pool)).get(0, Long.class);
        dsl.execute("""
                insert into racer (discord_user_id, name)
                select {0} + g, 'Racer ' || g from generate_series(0, {1} - 1) g
                """, DSL.val(FIRST_RACER_USER), DSL.val(threads.size()));
        dsl.execute("""
                insert into race (tournament_id, permalink_id, racer_id, status, thread_id, thread_opened_at,
                                  timeout_at)
                select {0}, {1}, r.id, 'pending', t.thread, {2}, t.deadline
                  from unnest({3}::bigint[], {4}::timestamptz[]) with ordinality as t(thread, deadline, i)
                  join racer r on r.discord_user_id = {5} + t.i - 1
                """, DSL.val(tournament), DSL.val(permalink), DSL.val(VIRTUAL_BASE.atOffset(ZoneOffset.UTC)),
                DSL.val(threads.toArray(Long[]::new)), DSL.val(deadlines.toArray(java.time.OffsetDateTime[]::new)),
                DSL.val(FIRST_RACER_USER));
        return tournament;
    }

    /** The arrival times of the bot's accepted posts in each thread, once each has one (or the time is up). */
    private static Map<Long, List<Instant>> awaitPosts(FakeDiscord discord, List<Long> threads, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Map<Long, List<Instant>> posts = posts(discord, threads);
            boolean all = posts.values().stream().noneMatch(List::isEmpty);
            if (all || System.nanoTime() > deadline) {
                Thread.sleep(1000); // a late duplicate would show up here
                return posts(discord, threads);
            }
            Thread.sleep(200);
        }
    }

    private static Map<Long, List<Instant>> posts(FakeDiscord discord, List<Long> threads) {
        Map<String, Long> byPath = new HashMap<>();
        Map<Long, List<Instant>> posts = new HashMap<>();
        for (long thread : threads) {
            byPath.put("channels/" + thread + "/messages", thread);
            posts.put(thread, new ArrayList<>());
        }
        for (ApiRequest request : discord.requests()) {
            if (request.method().equals("POST") && request.status() / 100 == 2) {
                Long thread = byPath.get(request.path());
                if (thread != null) {
                    posts.get(thread).add(request.receivedAt());
                }
            }
        }
        for (long thread : threads) { // what the threads hold: a nonce replay answers 200 but adds nothing
            int held = discord.messages(thread).size();
            List<Instant> list = posts.get(thread);
            while (list.size() > held) {
                list.remove(list.size() - 1);
            }
        }
        return posts;
    }

    private static void check(Map<Long, List<Instant>> posts, String phase, List<String> failures) {
        long missing = posts.values().stream().filter(List::isEmpty).count();
        long doubled = posts.values().stream().filter(l -> l.size() > 1).count();
        if (missing > 0) {
            failures.add(phase + ": " + missing + " thread(s) without their warning");
        }
        if (doubled > 0) {
            failures.add(phase + ": " + doubled + " thread(s) with more than one message");
        }
    }

    private static void awaitSent(DSLContext dsl, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && dsl.fetchCount(DSL.table("notification"), DSL.condition("status = 'sent'")) < expected) {
            Thread.sleep(100);
        }
    }

    private static JDA waitConnected(AnnotationConfigApplicationContext bot) throws InterruptedException {
        DiscordConnection connection = bot.getBean(DiscordConnection.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            java.util.Optional<JDA> jda = connection.jda();
            if (jda.isPresent() && jda.get().getStatus() == JDA.Status.CONNECTED) {
                return jda.get();
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
