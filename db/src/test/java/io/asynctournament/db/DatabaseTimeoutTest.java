package io.asynctournament.db;

import com.zaxxer.hikari.HikariDataSource;
import io.asynctournament.db.testing.CapturedLogs;
import io.asynctournament.db.testing.SilentServer;
import io.asynctournament.db.testing.TestDatabase;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Fault tests: every wait on the database is bounded, the error names the setting, and no password shows. */
class DatabaseTimeoutTest {
    private static final String SECRET = "Hunter2-secret";

    @TempDir
    Path dataDir;

    @Test
    void a_host_that_accepts_tcp_and_never_answers_fails_open_within_the_default_connect_timeout() throws Exception {
        try (SilentServer silent = new SilentServer(); CapturedLogs logs = new CapturedLogs()) {
            DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(
                    "DATABASE_URL", "postgres://bot:" + SECRET + "@127.0.0.1:" + silent.port() + "/tournaments",
                    "DATABASE_PASSWORD", SECRET), dataDir);

            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> Database.open(settings, false, "silent"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(failure).isInstanceOf(DatabaseUnavailableException.class);
            assertThat(failure.getMessage()).startsWith("No answer from PostgreSQL at 127.0.0.1:" + silent.port()
                            + " within 10 s (DATABASE_CONNECT_TIMEOUT_SECONDS")
                    .contains("raise DATABASE_CONNECT_TIMEOUT_SECONDS").doesNotContain(SECRET);
            assertThat(took).as("one attempt of 10 s, then a pause of 1 s")
                    .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(20));
            assertThat(silent.connections()).isPositive();
            assertThat(logs.text()).doesNotContain(SECRET);
            assertThat(stackTrace(failure)).doesNotContain(SECRET);
        }
    }

    @Test
    void a_connection_refused_names_the_host_and_port_and_no_password() throws Exception {
        int port;
        try (SilentServer closed = new SilentServer()) {
            port = closed.port();
        }
        Throwable failure = catchThrowable(() -> Database.using("jdbc:postgresql://127.0.0.1:" + port + "/t", "bot",
                SECRET, "refused", new DatabaseTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5),
                        Duration.ofSeconds(2))));
        assertThat(failure).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("Could not connect to PostgreSQL at 127.0.0.1:" + port + ": ")
                .hasMessageContaining("refused");
        assertThat(stackTrace(failure)).doesNotContain(SECRET);
    }

    @Test
    void every_pooled_connection_has_the_socket_and_statement_timeouts_and_their_errors_name_the_settings()
            throws Exception {
        Properties test = Driver.parseURL(TestDatabase.jdbcUrl(), new Properties());
        String url = "postgres://postgres:" + SECRET + "@localhost:" + test.getProperty("PGPORT") + "/postgres";
        try (CapturedLogs logs = new CapturedLogs();
             Database database = Database.open(DatabaseSettings.fromEnvironment(Map.of("DATABASE_URL", url,
                     "DATABASE_STATEMENT_TIMEOUT_SECONDS", "1", "DATABASE_SOCKET_TIMEOUT_SECONDS", "3",
                     "DATABASE_CONNECT_TIMEOUT_SECONDS", "4"), dataDir), false, "timeouts")) {
            HikariDataSource pool = (HikariDataSource) database.dataSource();
            assertThat(pool.getJdbcUrl()).doesNotContain(SECRET);
            assertThat(pool.getPassword()).isEqualTo(SECRET);
            assertThat(pool.getDataSourceProperties()).containsEntry("connectTimeout", "4")
                    .containsEntry("loginTimeout", "4").containsEntry("socketTimeout", "3");
            assertThat(pool.getConnectionTimeout()).isEqualTo(4_000);
            assertThat(database.dsl().fetchValue("show statement_timeout")).isEqualTo("1s");

            Throwable statement = catchThrowable(() -> database.dsl().fetch("select pg_sleep(2)"));
            assertThat(statement).isInstanceOf(DataAccessException.class);
            assertThat(DatabaseTimeouts.explain(statement)).hasValueSatisfying(hint ->
                    assertThat(hint).contains("DATABASE_STATEMENT_TIMEOUT_SECONDS"));

            try (Connection connection = database.dataSource().getConnection();
                 Statement sql = connection.createStatement()) {
                assertThat(connection.getNetworkTimeout()).isEqualTo(3_000);
                sql.execute("set statement_timeout = 0");
                long start = System.nanoTime();
                Throwable silence = catchThrowable(() -> sql.execute("select pg_sleep(10)"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
                assertThat(silence).isInstanceOf(SQLException.class);
                assertThat(DatabaseTimeouts.explain(silence)).hasValueSatisfying(hint ->
                        assertThat(hint).contains("DATABASE_SOCKET_TIMEOUT_SECONDS"));
            }
            assertThat(database.dsl().fetchValue("select 1")).as("the pool replaced the broken connection")
                    .isEqualTo(1);
            assertThat(DatabaseTimeouts.explain(new IllegalStateException("x"))).isEmpty();
            assertThat(logs.text()).doesNotContain(SECRET);
        }
    }

    @Test
    void the_embedded_database_gets_the_same_timeouts() {
        try (Database database = Database.open(DatabaseSettings.fromEnvironment(Map.of(
                "DATABASE_STATEMENT_TIMEOUT_SECONDS", "30"), dataDir), true, "embedded")) {
            assertThat(database.dsl().fetchValue("show statement_timeout")).isEqualTo("30s");
            assertThat(((HikariDataSource) database.dataSource()).getDataSourceProperties())
                    .containsEntry("socketTimeout", "90").containsEntry("loginTimeout", "10");
        }
    }

    private static String stackTrace(Throwable error) {
        java.io.StringWriter text = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
