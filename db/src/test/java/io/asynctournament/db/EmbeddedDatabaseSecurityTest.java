package io.asynctournament.db;

import io.asynctournament.db.testing.Logins;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded server lets in only who has the password in the data directory (README, "Reliability and security"). */
class EmbeddedDatabaseSecurityTest {

    @TempDir
    Path dataDir;

    @Test
    void refuses_a_login_without_the_password_or_with_a_wrong_one_and_trusts_no_one() throws Exception {
        try (Database database = Database.open(DatabaseSettings.fromEnvironment(Map.of(), dataDir), true, "bot")) {
            String url = (String) database.dsl().fetchValue("select 'jdbc:postgresql://localhost:' "
                    + "|| current_setting('port') || '/postgres'");

            assertThat(Logins.refused(url, null)).hasMessageContaining("no password was provided");
            assertThat(Logins.refused(url, "")).hasMessageContaining("password");
            assertThat(Logins.refused(url, "wrong")).hasMessageContaining("password authentication failed")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            assertThat(Logins.works(url, Logins.passwordIn(dataDir))).isTrue();

            assertThat((Long) database.dsl().fetchValue("select count(*) from pg_hba_file_rules "
                    + "where auth_method <> 'scram-sha-256' or error is not null")).isZero();
            assertThat((Long) database.dsl().fetchValue("select count(*) from pg_hba_file_rules")).isEqualTo(2L);
            assertThat(database.dsl().fetchValue("select current_setting('unix_socket_directories')")).isEqualTo("");
            assertThat((Boolean) database.dsl().fetchValue("select rolpassword like 'SCRAM-SHA-256$%' from pg_authid "
                    + "where rolname = 'postgres'")).isTrue();
        }
    }

    @Test
    void the_password_file_is_readable_by_its_owner_only() throws Exception {
        try (Database ignored = Database.open(DatabaseSettings.fromEnvironment(Map.of(), dataDir), true, "bot")) {
            Path passwordFile = dataDir.resolve("postgres-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            assertThat(Logins.passwordIn(dataDir)).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");

            // Another OS user, where this runs as root: the directory is open to others, the file is not.
            Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
                    && Files.isExecutable(Path.of("/usr/sbin/runuser")), "not root, or no runuser: skipped");
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            assertThat(asNobody("ls", dataDir.toString())).contains("postgres-password");
            assertThat(asNobody("cat", passwordFile.toString())).contains("Permission denied");
        }
    }

    @Test
    void a_data_directory_an_earlier_version_made_with_trust_is_protected_on_the_next_start() throws Exception {
        Path pgData = dataDir.resolve("postgres");
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(pgData)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
             Connection connection = DriverManager.getConnection(earlier.getJdbcUrl("postgres", "postgres"))) {
            connection.createStatement().execute("create schema earlier; create table earlier.kept (v text); "
                    + "insert into earlier.kept values ('before')");
        }
        assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).containsPattern("(?m)^host.*trust");
        assertThat(dataDir.resolve("postgres-password")).doesNotExist();

        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(), dataDir);
        for (int start = 1; start <= 2; start++) { // upgraded once, then started as it is
            try (Database database = Database.open(settings, true, "bot")) {
                assertThat(database.dsl().fetchValue("select v from earlier.kept")).isEqualTo("before");
                String url = (String) database.dsl().fetchValue("select 'jdbc:postgresql://localhost:' "
                        + "|| current_setting('port') || '/postgres'");
                assertThat(Logins.refused(url, null)).hasMessageContaining("password");
                assertThat(Logins.works(url, Logins.passwordIn(dataDir))).isTrue();
                assertThat((Long) database.dsl().fetchValue("select count(*) from pg_hba_file_rules "
                        + "where auth_method <> 'scram-sha-256'")).isZero();
            }
        }
        assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).doesNotContain("trust\n")
                .isEqualTo(EmbeddedAuthentication.PG_HBA);
    }

    private static String asNobody(String... command) throws Exception {
        String[] full = new String[command.length + 4];
        full[0] = "/usr/sbin/runuser";
        full[1] = "-u";
        full[2] = "nobody";
        full[3] = "--";
        System.arraycopy(command, 0, full, 4, command.length);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
