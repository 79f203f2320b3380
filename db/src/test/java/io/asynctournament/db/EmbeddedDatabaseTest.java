package io.asynctournament.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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
    void takes_over_a_data_directory_whose_owner_was_killed() throws Exception {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                io.asynctournament.db.testing.EmbeddedDatabaseProcess.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(owner.getInputStream()))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.startsWith("ready "));
            assertThat(line).as("the owner process started its database").isNotNull();
            owner.destroyForcibly().waitFor(); // SIGKILL: its postgres lives on, unowned
            assertThat(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0)).isNotBlank();

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
