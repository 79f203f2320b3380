package io.asynctournament.bot;

import io.asynctournament.bot.cli.ExitCodes;
import io.asynctournament.db.Database;
import io.asynctournament.db.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot process ({@code run}, in a JVM of its own, with the production logging) whose embedded PostgreSQL is
 * killed: it exits with code 5 and one line saying why, for a supervisor to restart it (README, "CLI").
 */
class EmbeddedDatabaseDeathTest {
    @TempDir
    Path dataDir;

    @Test
    void the_bot_exits_with_code_5_and_says_why_when_its_embedded_postgresql_is_killed() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + Path.of(Main.class.getResource("/logback.xml").toURI()),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-dir", dataDir.toString(), "run").redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("DISCORD_")
                || name.equals("BOT_LOG_LEVEL"));
        env.put("DASHBOARD_PORT", Integer.toString(freePort()));
        env.put("DASHBOARD_PASSWORD", "s3cret-for-the-test");
        Process bot = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CountDownLatch running = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(bot.getInputStream()))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    if (line.contains("Bot is running")) {
                        running.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(running.await(90, TimeUnit.SECONDS)).as("the bot started: %s", output).isTrue();
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
            int linesBefore = output.size();

            long killed = System.nanoTime();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9 of the postmaster
            assertThat(bot.waitFor(60, TimeUnit.SECONDS)).as("the bot exited: %s", output).isTrue();
            Duration exitedAfter = Duration.ofNanos(System.nanoTime() - killed);
            reader.join(5_000);

            assertThat(bot.exitValue()).as("exit code; output: %s", output).isEqualTo(ExitCodes.DATABASE_DIED);
            assertThat(exitedAfter).isLessThan(Duration.ofSeconds(15));
            assertThat(output).filteredOn(line -> line.startsWith("error: ")).singleElement().asString()
                    .contains("the embedded PostgreSQL server (pid " + pid + ", data in " + dataDir)
                    .contains("exited unexpectedly")
                    .contains("exits with code 5 for a supervisor to restart it");
            System.out.printf("bot exited %d ms after its postmaster was killed, %d lines after the kill%n",
                    exitedAfter.toMillis(), output.size() - linesBefore);
        } finally {
            bot.destroyForcibly();
        }

        // The next start recovers the data directory.
        try (Database database = Database.open(DatabaseSettings.fromEnvironment(Map.of(), dataDir), true, "next")) {
            assertThat(database.dsl().fetchValue("select count(*) from task_setting")).isNotNull();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
