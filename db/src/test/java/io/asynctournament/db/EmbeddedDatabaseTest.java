package io.asynctournament.db;

import io.asynctournament.db.testing.EmbeddedDatabaseProcess;
import io.asynctournament.db.testing.Logins;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void keeps_data_across_restarts_with_fsync_on() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(), dataDir);
        try (Database database = Database.open(settings, true, "first")) {
            assertThat(database.dsl().fetchValue("select current_setting('fsync')")).isEqualTo("on");
            assertThat(database.dsl().fetchValue("select current_setting('synchronous_commit')")).isEqualTo("on");
            assertThat((String) database.dsl().fetchValue("select current_setting('data_directory')"))
                    .isEqualTo(dataDir.resolve("postgres").toAbsolutePath().toString());
            database.dsl().execute("insert into guild (name) values ('kept')");
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();

        try (Database database = Database.open(settings, true, "second")) {
            assertThat(database.dsl().fetchValue("select count(*) from guild where name = 'kept'"))
                    .isEqualTo(1L);
        }
    }

    @Test
    void a_second_process_attaches_to_the_running_server_or_is_refused_when_it_must_own_it() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(), dataDir);
        try (Database owner = Database.open(settings, true, "owner")) {
            owner.dsl().execute("insert into guild (name) values ('shared')");

            try (Database cli = Database.open(settings, false, "cli")) {
                assertThat(cli.dsl().fetchValue("select count(*) from guild where name = 'shared'")).isEqualTo(1L);
            }
            // the attached CLI closing must not stop the owner's server
            assertThat(owner.dsl().fetchValue("select count(*) from guild")).isEqualTo(1L);

            assertThatThrownBy(() -> Database.open(settings, true, "second bot"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another bot process");
        }
    }

    @Test
    void takes_over_a_data_directory_whose_owner_was_killed_whose_server_meanwhile_still_wants_the_password()
            throws Exception {
        Process owner = EmbeddedDatabaseProcess.start(dataDir);
        try {
            String url = EmbeddedDatabaseProcess.awaitReady(owner);
            owner.destroyForcibly().waitFor(); // SIGKILL: its postgres lives on, unowned
            assertThat(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0)).isNotBlank();
            // the orphan is no more open than a running server
            assertThat(Logins.refused(url, null)).hasMessageContaining("password");
            assertThat(Logins.refused(url, "wrong")).hasMessageContaining("password authentication failed");
            assertThat(Logins.works(url, Logins.passwordIn(dataDir))).isTrue();

            long start = System.nanoTime();
            try (Database database = Database.open(DatabaseSettings.fromEnvironment(Map.of(), dataDir), true, "next")) {
                assertThat(database.dsl().fetchValue("select 1")).isEqualTo(1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
        } finally {
            owner.destroyForcibly();
        }
    }

    @Test
    void two_first_starts_at_once_on_an_empty_directory_one_owns_it_the_other_is_told_it_is_in_use()
            throws Exception {
        Process first = EmbeddedDatabaseProcess.start(dataDir);
        Process second = EmbeddedDatabaseProcess.start(dataDir);
        try {
            CompletableFuture<String> firstLine = EmbeddedDatabaseProcess.outcome(first);
            CompletableFuture<String> secondLine = EmbeddedDatabaseProcess.outcome(second);
            List<String> outcomes = List.of(firstLine.get(90, TimeUnit.SECONDS), secondLine.get(90, TimeUnit.SECONDS));

            assertThat(outcomes).filteredOn(line -> line.startsWith("ready ")).hasSize(1);
            assertThat(outcomes).filteredOn(line -> line.startsWith("failed: ")).singleElement().asString()
                    .contains("is in use by another bot process").doesNotContain("initdb");
            Process owner = outcomes.get(0).startsWith("ready ") ? first : second;
            owner.getOutputStream().close(); // stops its server cleanly
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (Database database = Database.open(DatabaseSettings.fromEnvironment(Map.of(), dataDir), true, "after")) {
                assertThat(database.dsl().fetchValue("select 1")).isEqualTo(1);
            }
        } finally {
            first.destroyForcibly();
            second.destroyForcibly();
        }
    }

    @Test
    void a_command_that_only_reads_refuses_a_directory_without_a_database_and_creates_nothing() throws IOException {
        Path missing = dataDir.resolve("missing");
        assertThatThrownBy(() -> Database.openExisting(DatabaseSettings.fromEnvironment(Map.of(), missing), "ro"))
                .isInstanceOf(NoDatabaseException.class)
                .hasMessageContaining("There is no database in " + missing)
                .hasMessageContaining("created none");
        assertThat(missing).doesNotExist();

        Path empty = Files.createDirectory(dataDir.resolve("empty"));
        assertThatThrownBy(() -> Database.openExisting(DatabaseSettings.fromEnvironment(Map.of(), empty), "ro"))
                .hasMessageContaining("There is no database in " + empty);
        try (var files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }

        try (Database created = Database.open(DatabaseSettings.fromEnvironment(Map.of(), empty), true, "bot")) {
            created.dsl().execute("insert into guild (name) values ('kept')");
        }
        try (Database existing = Database.openExisting(DatabaseSettings.fromEnvironment(Map.of(), empty), "ro")) {
            assertThat(existing.dsl().fetchValue("select count(*) from guild")).isEqualTo(1L);
        }
    }

    @Test
    void reports_the_death_of_its_server_and_closes_without_waiting_for_it() throws Exception {
        Database database = Database.open(DatabaseSettings.fromEnvironment(Map.of(), dataDir), true, "dying");
        CompletableFuture<String> death = database.embeddedServerDeath().toCompletableFuture();
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
        assertThat(death).isNotDone();

        long killed = System.nanoTime();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9 of the postmaster
        String description = death.get(20, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(10));
        assertThat(description).contains("embedded PostgreSQL server (pid " + pid).contains("exited unexpectedly");
        long failedAt = System.nanoTime();
        assertThatThrownBy(() -> database.dsl().fetchValue("select 1")).isInstanceOf(DataAccessException.class);
        database.close();
        assertThat(Duration.ofNanos(System.nanoTime() - failedAt)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_server_stopped_by_close_is_not_reported_dead() throws Exception {
        Database database = Database.open(DatabaseSettings.fromEnvironment(Map.of(), dataDir), true, "closing");
        CompletableFuture<String> death = database.embeddedServerDeath().toCompletableFuture();
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(
                Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim())).orElseThrow();
        database.close();
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> death.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void rejects_a_database_url_that_is_not_postgresql() {
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(Map.of("DATABASE_URL", "mysql://x"), null))
                .hasMessageContaining("DATABASE_URL must be a PostgreSQL JDBC URL");
        DatabaseSettings external = DatabaseSettings.fromEnvironment(
                Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/t", "DATABASE_USER", "bot"), null);
        assertThat(external.embedded()).isFalse();
        assertThat(external.jdbcUrl()).isEqualTo(Optional.of("jdbc:postgresql://db:5432/t"));
        assertThat(external.dataDirectory()).isEqualTo(DatabaseSettings.DEFAULT_DATA_DIRECTORY);
    }
}
