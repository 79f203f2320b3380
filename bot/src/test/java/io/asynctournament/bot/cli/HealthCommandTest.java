package io.asynctournament.bot.cli;

import io.asynctournament.bot.config.BotContext;
import io.asynctournament.bot.config.BotSettings;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code health} as a supervisor runs it: exit 0 only with the database, a job server and punctual tasks. */
@ExtendWith(DatabaseExtension.class)
class HealthCommandTest {

    @Test
    void exits_0_while_the_bot_runs_and_1_naming_the_job_server_once_it_stopped() throws IOException {
        BotSettings bot = BotSettings.fromEnvironment(Map.of("DATABASE_URL", TestDatabase.jdbcUrl(),
                "DATABASE_USER", "postgres", "DASHBOARD_PORT", Integer.toString(freePort()),
                "DASHBOARD_PASSWORD", "s3cret-dashboard"), null);
        try (AnnotationConfigApplicationContext context = BotContext.forBot(bot)) {
            // the job server's first heartbeat comes from its own thread, just after it starts
            await().atMost(Duration.ofSeconds(10)).until(() -> health(Map.of()).exitCode() == 0);
            CliRunner.Result running = health(Map.of());

            assertThat(running.exitCode()).as(running.out()).isZero();
            assertThat(running.out()).contains("ok    database: answers (", "ok    job server: running: ",
                    "ok    async_tournament_timeout_pending: every 1m, never ran").endsWith("healthy\n");
        }

        CliRunner.Result stopped = health(Map.of());

        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.out()).contains("ok    database: answers")
                .contains("FAIL  job server: none running: no JobRunr job server is registered")
                .endsWith("unhealthy: 1 problem(s)\n");
    }

    @Test
    void exits_1_when_the_database_does_not_answer_and_says_where_it_looked() throws IOException {
        int closedPort = freePort();

        CliRunner.Result result = health(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/bot"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("FAIL  database: does not answer: Connection to 127.0.0.1:" + closedPort
                + " refused.").endsWith("unhealthy: the database does not answer\n");
    }

    @Test
    void bad_settings_exit_2_like_every_command() {
        CliRunner.Result result = health(Map.of("JOBRUNR_POLL_SECONDS", "1"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("JOBRUNR_POLL_SECONDS must be a whole number of seconds from 5 to 3600");
    }

    private CliRunner.Result health(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", TestDatabase.jdbcUrl(),
                "DATABASE_USER", "postgres"));
        env.putAll(environment);
        return CliRunner.run(env, "health");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
