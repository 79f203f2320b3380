package io.asynctournament.bot.config;

import io.asynctournament.bot.Main;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.tasks.ScheduleParser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: the database of a running bot process goes away for 30 seconds and comes back (issue 9, item 1). The bot
 * runs as its own JVM ({@code Main run}, the production logback.xml) on an external PostgreSQL this test stops and
 * starts again on the same port and data directory.
 */
class DatabaseOutageTest {
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageTest.class);
    private static final String PENDING = "async_tournament_timeout_pending";
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void after_a_30_second_outage_ticks_resume_within_two_poll_intervals_without_a_restart_and_the_log_stays_quiet()
            throws Exception {
        int port = freePort();
        Path pgData = dir.resolve("pgdata");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        Map<String, String> env = Map.of("DATABASE_URL", url, "DATABASE_USER", "postgres",
                "JOBRUNR_POLL_SECONDS", Long.toString(POLL.toSeconds()));
        EmbeddedPostgres postgres = startPostgres(port, pgData);
        Process bot = null;
        Path botLog = dir.resolve("bot.log");
        int linesBefore = 0;
        try {
            try (AnnotationConfigApplicationContext cli = BotContext.forCli(BotSettings.forCli(env, null))) {
                cli.getBean(TaskControlService.class).reschedule(PENDING, new ScheduleParser(POLL).interval("10s"),
                        "test");
            }
            bot = startBot(env, botLog);
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
                    .until(() -> schedulerRunsSince(url, Instant.EPOCH) >= 1);

            linesBefore = lines(botLog).size();
            postgres.close();
            Instant stoppedAt = Instant.now();
            CompletableFuture<String[]> healthDuringOutage = CompletableFuture.supplyAsync(() -> health(env));
            Thread.sleep(OUTAGE.toMillis());
            List<String> duringOutage = lines(botLog).subList(linesBefore, lines(botLog).size());
            postgres = startPostgres(port, pgData);
            Instant back = Instant.now();
            log.info("Database stopped at {}, back at {}", stoppedAt, back);

            await().atMost(POLL.multipliedBy(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> schedulerRunsSince(url, back) >= 1);
            Duration firstTick = Duration.between(back, firstRunSince(url, back));
            log.info("First tick {} ms after the database was back; {} log lines during the {} s outage",
                    firstTick.toMillis(), duringOutage.size(), Duration.between(stoppedAt, back).toSeconds());

            assertThat(bot.isAlive()).as("the bot process was not restarted").isTrue();
            assertThat(firstTick).isLessThanOrEqualTo(POLL.multipliedBy(2));
            assertThat(duringOutage).as("no stack traces, a few lines").hasSizeLessThanOrEqualTo(10)
                    .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
            assertThat(String.join("\n", duringOutage)).contains("The database cannot be reached: ")
                    .contains("JobRunr's job server has stopped");
            assertThat(String.join("\n", lines(botLog))).contains("The database answers; starting JobRunr's job server again");
            String[] health = healthDuringOutage.get(30, TimeUnit.SECONDS);
            assertThat(health[0]).as(health[1]).isEqualTo("1");
            assertThat(health[1]).startsWith("FAIL  database: does not answer: Connection to 127.0.0.1:" + port);
        } finally {
            List<String> all = lines(botLog);
            log.info("The bot's log from the outage on:\n{}", String.join("\n", all.subList(Math.min(linesBefore,
                    all.size()), all.size())));
            if (bot != null) {
                bot.destroy();
                if (!bot.waitFor(20, TimeUnit.SECONDS)) {
                    bot.destroyForcibly();
                }
            }
            postgres.close();
        }
    }

    private static EmbeddedPostgres startPostgres(int port, Path dataDirectory) throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("unix_socket_directories", "")
                .start();
    }

    private Process startBot(Map<String, String> env, Path botLog) throws IOException {
        ProcessBuilder builder = javaProcess(env, "run").redirectErrorStream(true).redirectOutput(botLog.toFile());
        builder.environment().put("DASHBOARD_PORT", Integer.toString(freePort()));
        builder.environment().put("DASHBOARD_PASSWORD", "s3cret-dashboard");
        return builder.start();
    }

    /** {@code health} as a supervisor runs it, in a JVM of its own: exit code and standard output. */
    private String[] health(Map<String, String> env) {
        try {
            Process health = javaProcess(env, "health").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(health.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new String[] {Integer.toString(health.waitFor()), out};
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code java ... Main ARGS} with the test classpath, the production logback.xml and the given environment. */
    private ProcessBuilder javaProcess(Map<String, String> env, String... args) throws IOException {
        Path classes;
        try {
            classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + classes.resolve("../../jvm.options").normalize(),
                "-Dlogback.configurationFile=" + classes.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-dir", dir.resolve("data").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return builder;
    }

    private static long schedulerRunsSince(String url, Instant since) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", null);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from task_run where task_id = '" + PENDING
                     + "' and trigger like 'scheduler%' and status <> 'skipped' and started_at > '" + since + "'")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    private static Instant firstRunSince(String url, Instant since) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", null);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select min(started_at) from task_run where task_id = '"
                     + PENDING + "' and started_at > '" + since + "'")) {
            rows.next();
            return rows.getTimestamp(1).toInstant();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
