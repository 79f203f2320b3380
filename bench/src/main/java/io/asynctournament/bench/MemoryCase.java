package io.asynctournament.bench;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bot process's resident memory: starts the real bot jar with README's JVM options file ({@code java
 * @bot/jvm.options -jar bot/target/async-tournament-bot.jar}) on the benchmark's database, with its scheduler and
 * dashboard, queues a full score recalculation through the CLI ({@code tasks run ... --queue}), and samples the bot
 * process's VmRSS (/proc) every 50 ms until that run has finished. The database is a separate process, not counted.
 */
final class MemoryCase {
    private final DSLContext dsl;
    private final String jdbcUrl;
    private final String password;
    private final Path botJar;
    private final Path jvmOptions;
    private final Path log;

    MemoryCase(DSLContext dsl, String jdbcUrl, String password, Path botJar, Path jvmOptions, Path log) {
        this.dsl = dsl;
        this.jdbcUrl = jdbcUrl;
        this.password = password;
        this.botJar = botJar;
        this.jvmOptions = jvmOptions;
        this.log = log;
    }

    /** Idle and peak resident memory, in MiB, and the recalculation's duration as its task run recorded it. */
    record Result(double idleMib, double peakMib, long recalculationMillis, int samples, String jvmOptions) {
    }

    /** Runs the case; {@code queueEverything} puts every permalink in the score queue (untimed set-up). */
    Result run(Runnable queueEverything) throws IOException, InterruptedException {
        if (!Files.isRegularFile(botJar) || !Files.isRegularFile(jvmOptions)) {
            throw new IllegalStateException("Build the bot first (" + botJar + ", " + jvmOptions + ")");
        }
        int port = freePort();
        Map<String, String> env = Map.of("DATABASE_URL", jdbcUrl, "DATABASE_USER", "postgres",
                "DATABASE_PASSWORD", password, "DASHBOARD_PORT", Integer.toString(port), "DASHBOARD_PASSWORD", "bench-password", "BOT_LOG_LEVEL", "WARN");
        ProcessBuilder bot = new ProcessBuilder("java", "@" + jvmOptions, "-jar", botJar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        bot.environment().putAll(env);
        Process process = bot.start();
        try {
            waitForPort(port, process);
            List<Double> idle = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                idle.add(rssMib(process.pid()));
                Thread.sleep(100);
            }
            queueEverything.run();
            OffsetDateTime queuedAt = Instant.now().atOffset(java.time.ZoneOffset.UTC);
            ProcessBuilder cli = new ProcessBuilder("java", "-jar", botJar.toString(), "tasks", "run",
                    "async_tournament_score_calculation", "--queue").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            cli.environment().putAll(env);
            if (cli.start().waitFor() != 0) {
                throw new IllegalStateException("The CLI could not queue the score calculation; see " + log);
            }
            double peak = 0;
            int samples = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            Long duration = null;
            while (duration == null && System.nanoTime() < deadline) {
                peak = Math.max(peak, rssMib(process.pid()));
                samples++;
                Thread.sleep(50);
                duration = dsl.fetchOptional("""
                        select duration_ms from task_run
                         where task_id = 'async_tournament_score_calculation' and started_at >= {0}
                           and status <> 'running'
                        """, DSL.val(queuedAt.minusSeconds(1))).map(r -> r.get(0, Long.class)).orElse(null);
            }
            if (duration == null) {
                throw new IllegalStateException("The queued score calculation did not finish; see " + log);
            }
            peak = Math.max(peak, rssMib(process.pid()));
            return new Result(idle.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), peak, duration,
                    samples, String.join(" ", Files.readAllLines(jvmOptions).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList()));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static double rssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("No VmRSS for process " + pid);
    }

    private static void waitForPort(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The bot exited with " + process.exitValue() + " while starting");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("The bot's dashboard did not come up on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
