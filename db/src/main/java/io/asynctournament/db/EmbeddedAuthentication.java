package io.asynctournament.db;

import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the embedded PostgreSQL is protected (README, "How the embedded PostgreSQL is protected"): its superuser
 * {@code postgres} has a generated password, kept in {@code DATA_DIR/postgres-password} readable by its owner only
 * (mode 0600), and {@code pg_hba.conf} accepts only SCRAM-SHA-256 password logins over loopback; there is no Unix
 * socket and no {@code trust}. io.zonky runs {@code initdb -A trust}, so a new cluster is made here instead (with the
 * password from the start), and a cluster an earlier version made with {@code trust} gets the password (in
 * single-user mode, while no server runs) and the strict {@code pg_hba.conf} before its server starts.
 */
final class EmbeddedAuthentication {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedAuthentication.class);
    static final String PASSWORD_FILE = "postgres-password";
    static final String SUPERUSER = "postgres";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Duration PROGRAM_TIMEOUT = Duration.ofSeconds(120);
    static final String PG_HBA = """
            # Written by the async tournament bot; rewritten at each start if changed (README, "How the embedded
            # PostgreSQL is protected"). Password (SCRAM-SHA-256) logins over loopback only: no trust, no Unix socket.
            # The superuser's password is in ../postgres-password, readable by its owner only.
            host    all    all    127.0.0.1/32    scram-sha-256
            host    all    all    ::1/128         scram-sha-256
            """;

    private EmbeddedAuthentication() {
    }

    /**
     * Makes the cluster in {@code pgData} protected before its server starts (the caller owns the data directory and
     * no server runs on it): creates it with the password when it does not exist yet, or sets the password and
     * writes {@code pg_hba.conf} when a password file or the strict {@code pg_hba.conf} is missing.
     *
     * @return the superuser's password
     * @throws IllegalStateException when {@code initdb} or single-user mode fails
     */
    static String prepare(Path dataDirectory, Path pgData) throws IOException {
        Path passwordFile = dataDirectory.resolve(PASSWORD_FILE);
        boolean newPassword = !Files.exists(passwordFile);
        String password = newPassword ? createPasswordFile(passwordFile) : readOwnPasswordFile(passwordFile);
        if (!Files.exists(pgData.resolve("postgresql.conf"))) {
            initdb(pgData, passwordFile);
            writePgHba(pgData);
            return password;
        }
        Path pgHba = pgData.resolve("pg_hba.conf");
        boolean strictPgHba = Files.exists(pgHba) && Files.readString(pgHba).equals(PG_HBA);
        if (newPassword || !strictPgHba) {
            log.warn("Protecting the embedded PostgreSQL in {}: setting its superuser's password ({}) and allowing "
                    + "password logins only", pgData, passwordFile);
            setSuperuserPassword(pgData, password);
            writePgHba(pgData);
        }
        return password;
    }

    /**
     * The password of a server another process owns, for attaching to it; null when there is no password file (a
     * server an earlier version started, which trusts local logins).
     *
     * @throws IllegalStateException when the file exists but cannot be read (another OS user's bot)
     */
    static String readPassword(Path dataDirectory) {
        Path passwordFile = dataDirectory.resolve(PASSWORD_FILE);
        try {
            return Files.exists(passwordFile) ? Files.readString(passwordFile).strip() : null;
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("Cannot read " + passwordFile + ", the embedded PostgreSQL's password: "
                    + "only the OS user who runs the bot on that data directory may use it; run this command as that "
                    + "user");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedded PostgreSQL's password file " + passwordFile, e);
        }
    }

    private static String createPasswordFile(Path passwordFile) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path temporary = passwordFile.resolveSibling(PASSWORD_FILE + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temporary, password + "\n");
        Files.move(temporary, passwordFile, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    private static String readOwnPasswordFile(Path passwordFile) throws IOException {
        if (!Files.getPosixFilePermissions(passwordFile).equals(OWNER_ONLY)) {
            log.warn("{} was readable by others; setting it back to mode 0600", passwordFile);
            Files.setPosixFilePermissions(passwordFile, OWNER_ONLY);
        }
        String password = Files.readString(passwordFile).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(passwordFile + " is empty; delete it and start again to get a new "
                    + "password");
        }
        return password;
    }

    private static void initdb(Path pgData, Path passwordFile) {
        PostgresPrograms.Result result = PostgresPrograms.run("initdb", List.of("-A", "scram-sha-256",
                "-U", SUPERUSER, "--pwfile=" + passwordFile, "-D", pgData.toString(), "-E", "UTF-8"), null,
                PROGRAM_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("initdb could not create the embedded PostgreSQL's cluster in " + pgData
                    + " (exit code " + result.exitCode() + "): " + result.output().strip());
        }
        log.info("Created the embedded PostgreSQL's cluster in {}", pgData);
    }

    /** Single-user mode: no server, no socket; the statement carries the SCRAM verifier, never the password. */
    private static void setSuperuserPassword(Path pgData, String password) {
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        PostgresPrograms.Result result = PostgresPrograms.run("postgres", List.of("--single", "-D", pgData.toString(),
                        "-c", "unix_socket_directories=", "-c", "listen_addresses=", SUPERUSER),
                "ALTER ROLE " + SUPERUSER + " PASSWORD '" + verifier + "';\n", PROGRAM_TIMEOUT);
        String errors = result.output().lines().filter(l -> l.contains("ERROR:") || l.contains("FATAL:")
                || l.contains("PANIC:")).collect(Collectors.joining("; "));
        if (result.exitCode() != 0 || !errors.isEmpty()) {
            throw new IllegalStateException("Could not set the embedded PostgreSQL's superuser password in " + pgData
                    + " (exit code " + result.exitCode() + "): " + (errors.isEmpty() ? "no error printed" : errors));
        }
    }

    private static void writePgHba(Path pgData) throws IOException {
        Path pgHba = pgData.resolve("pg_hba.conf");
        Path temporary = pgData.resolve("pg_hba.conf.new");
        Files.writeString(temporary, PG_HBA);
        Files.setPosixFilePermissions(temporary, OWNER_ONLY);
        Files.move(temporary, pgHba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
