package io.asynctournament.bot.cli;

import io.asynctournament.bot.config.BotSettings;
import io.asynctournament.db.testing.CapturedLogs;
import io.asynctournament.db.testing.SilentServer;
import io.asynctournament.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI and {@code run} against a database that does not answer, or given by a {@code postgres://} URL: a bounded
 * wait, exit code 1 and a message naming the setting, and never a password on the screen or in the log.
 */
class CliDatabaseTest {
    private static final String SECRET = "Hunter2-secret";

    @Test
    void every_command_against_a_silent_host_exits_1_within_the_connect_timeout_naming_the_setting() throws Exception {
        try (SilentServer silent = new SilentServer(); CapturedLogs logs = new CapturedLogs()) {
            Map<String, String> env = Map.of("DATABASE_URL", silent.jdbcUrl(), "DATABASE_USER", "bot",
                    "DATABASE_PASSWORD", SECRET, "DATABASE_CONNECT_TIMEOUT_SECONDS", "1",
                    "DASHBOARD_PORT", Integer.toString(freePort()));
            for (String[] command : new String[][]{{"tasks", "list"}, {"leaderboard", "--tournament", "Cup"},
                    {"tasks", "run", "async_tournament_timeout_pending"}, {"run"}}) {
                long start = System.nanoTime();
                CliRunner.Result result = cli(env, command);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(ExitCodes.FAILED);
                assertThat(result.err()).as(String.join(" ", command))
                        .contains("No answer from PostgreSQL at 127.0.0.1:" + silent.port() + " within 1 s "
                                + "(DATABASE_CONNECT_TIMEOUT_SECONDS")
                        .contains("raise DATABASE_CONNECT_TIMEOUT_SECONDS").doesNotContain(SECRET);
                assertThat(result.out()).isEmpty();
                assertThat(took).as(String.join(" ", command)).isLessThan(Duration.ofSeconds(10));
            }
            assertThat(logs.text()).doesNotContain(SECRET);
        }
    }

    @Test
    void the_bot_process_against_a_silent_host_exits_1_promptly() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), io.asynctournament.bot.Main.class
                    .getName(), "run").redirectErrorStream(true);
            builder.environment().keySet().removeIf(key -> key.startsWith("DATABASE_") || key.startsWith("DISCORD_"));
            builder.environment().putAll(Map.of("DATABASE_URL",
                    "postgres://bot:" + SECRET + "@127.0.0.1:" + silent.port() + "/tournaments",
                    "DATABASE_CONNECT_TIMEOUT_SECONDS", "2", "DASHBOARD_PORT", Integer.toString(freePort()),
                    "BOT_LOG_LEVEL", "DEBUG"));
            long start = System.nanoTime();
            Process bot = builder.start();
            try {
                boolean exited = bot.waitFor(45, TimeUnit.SECONDS);
                String output = new String(bot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(exited).as("the process ended; it printed:\n" + output).isTrue();
                assertThat(bot.exitValue()).as(output).isEqualTo(ExitCodes.FAILED);
                assertThat(output).contains("error: at startup: No answer from PostgreSQL at 127.0.0.1:"
                        + silent.port() + " within 2 s (DATABASE_CONNECT_TIMEOUT_SECONDS").doesNotContain(SECRET);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            } finally {
                bot.destroyForcibly();
            }
        }
    }

    @Test
    void a_postgres_url_with_the_password_in_it_is_accepted_and_never_shown() {
        Properties test = Driver.parseURL(TestDatabase.jdbcUrl(), new Properties());
        String url = "postgresql://postgres:" + SECRET + "@localhost:" + test.getProperty("PGPORT")
                + "/postgres?sslmode=disable";
        try (CapturedLogs logs = new CapturedLogs()) {
            CliRunner.Result list = cli(Map.of("DATABASE_URL", url), "tasks", "list");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("async_tournament_score_calculation");
            assertThat(list.out() + list.err() + logs.text()).doesNotContain(SECRET);
        }
    }

    @Test
    void a_bad_database_setting_exits_2_naming_it_without_its_secret() {
        CliRunner.Result badUrl = cli(Map.of("DATABASE_URL", "mysql://bot:" + SECRET + "@db/t"), "tasks", "list");
        assertThat(badUrl.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badUrl.err()).contains("DATABASE_URL must be a PostgreSQL JDBC URL").doesNotContain(SECRET);

        CliRunner.Result badPort = cli(Map.of("DATABASE_URL", "postgres://bot:" + SECRET + "@db:port/t"), "run");
        assertThat(badPort.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badPort.err()).contains("DATABASE_URL is not a URL").doesNotContain(SECRET);

        for (String setting : new String[]{"DATABASE_CONNECT_TIMEOUT_SECONDS", "DATABASE_SOCKET_TIMEOUT_SECONDS",
                "DATABASE_STATEMENT_TIMEOUT_SECONDS"}) {
            CliRunner.Result bad = cli(Map.of("DATABASE_URL", TestDatabase.jdbcUrl(), setting, "0"), "tasks", "list");
            assertThat(bad.exitCode()).as(setting).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(bad.err()).contains("error: " + setting + " must be a whole number of seconds from");
        }
    }

    @Test
    void no_secret_setting_is_in_the_settings_text() {
        BotSettings settings = BotSettings.fromEnvironment(Map.of(
                "DATABASE_URL", "postgres://bot:" + SECRET + "-url@db/t", "DATABASE_PASSWORD", SECRET + "-url",
                "DASHBOARD_PASSWORD", SECRET + "-dashboard", "DISCORD_TOKEN", SECRET + "-token"), null);
        assertThat(settings.toString()).doesNotContain(SECRET).contains("password=***", "token=***");
    }

    private static CliRunner.Result cli(Map<String, String> environment, String... args) {
        return CliRunner.run(environment, args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
