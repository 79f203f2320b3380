package io.asynctournament.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletionStage;

/**
 * The embedded PostgreSQL that keeps the bot's data in a directory across restarts, durably.
 *
 * <p>io.zonky's defaults wipe the data directory on close and turn fsync off; both are turned around here
 * ({@code cleanDataDirectory=false}, {@code fsync=on}, {@code synchronous_commit=on}). The server accepts only
 * password logins over loopback, the password being in {@code DATA_DIR/postgres-password} (mode 0600; see
 * {@link EmbeddedAuthentication} and README, "How the embedded PostgreSQL is protected").
 *
 * <p>Only one process can own a data directory: it holds a lock on {@code DATA_DIR/postgres.lock}, taken before
 * anything else (so two first starts never run {@code initdb} at once) and kept until {@link #close}. When another
 * process already owns it, {@link #startOrAttach} connects to that process's server instead, found through
 * PostgreSQL's own {@code postmaster.pid}, so the CLI works beside a running bot.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(30);
    static final String LOCK_FILE = "postgres.lock";
    /** Data directories an {@code EmbeddedDatabase} of this JVM owns. */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres postgres; // null when attached to another process's server
    private final int port;
    private final String password; // null for a server of an earlier version that trusts local logins
    private final Path directory;
    private final FileChannel lockChannel; // null when attached
    private final CompletableFuture<String> serverDeath = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();

    private EmbeddedDatabase(Path directory, EmbeddedPostgres postgres, int port, String password,
                             FileChannel lockChannel) {
        this.directory = directory;
        this.postgres = postgres;
        this.port = port;
        this.password = password;
        this.lockChannel = lockChannel;
    }

    /**
     * Starts the embedded server on {@code dataDirectory/postgres}, or attaches to the one another process runs there.
     *
     * @param dataDirectory the bot's data directory; created if missing
     * @param allowAttach   false for the bot process itself, which must own its database
     * @throws IllegalStateException when the directory is owned by another process and attaching is not allowed
     *                               or that process's server cannot be found within 30 seconds
     */
    public static EmbeddedDatabase startOrAttach(Path dataDirectory, boolean allowAttach) {
        return open(dataDirectory, allowAttach, false);
    }

    /**
     * Like {@code startOrAttach(dataDirectory, true)}, for commands that only read: a directory without a database
     * is refused, and nothing is created on disk.
     *
     * @throws NoDatabaseException when {@code dataDirectory/postgres} holds no PostgreSQL cluster
     */
    public static EmbeddedDatabase startOrAttachExisting(Path dataDirectory) {
        return open(dataDirectory, true, true);
    }

    private static EmbeddedDatabase open(Path dataDirectory, boolean allowAttach, boolean existingOnly) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Path pgData = directory.resolve("postgres");
        if (existingOnly && !Files.isRegularFile(pgData.resolve("PG_VERSION"))) {
            if (Files.isDirectory(pgData) && !(Files.isReadable(pgData) && Files.isExecutable(pgData))) {
                throw new IllegalStateException("Cannot read " + pgData + " (permission denied): the data directory "
                        + "belongs to another OS user; run this as that user");
            }
            throw new NoDatabaseException("There is no database in " + directory + " (no PostgreSQL cluster "
                    + "in " + pgData + "); this command only reads, so it created none. Give --data-dir the bot's "
                    + "data directory (default ./data), or set DATABASE_URL");
        }
        FileChannel lockChannel = lock(directory);
        if (lockChannel == null) {
            return attachOrRefuse(directory, pgData, allowAttach, null);
        }
        try {
            Files.createDirectories(pgData);
            PostmasterPidFile.stopOrphanedServer(pgData, ATTACH_WAIT);
            String password = EmbeddedAuthentication.prepare(directory, pgData);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", password)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), pgData);
            EmbeddedDatabase database = new EmbeddedDatabase(directory, postgres, postgres.getPort(), password,
                    lockChannel);
            database.watchServer(pgData);
            return database;
        } catch (IllegalStateException e) {
            release(directory, lockChannel);
            // A process of an earlier version, which does not lock postgres.lock, holds the directory's epg-lock.
            if (e.getMessage() != null && e.getMessage().contains("could not lock")) {
                return attachOrRefuse(directory, pgData, allowAttach, e);
            }
            throw e;
        } catch (IOException e) {
            release(directory, lockChannel);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData, e);
        } catch (RuntimeException | Error e) {
            release(directory, lockChannel);
            throw e;
        }
    }

    /**
     * Locks {@code postgres.lock}, or returns null when another process or another owner in this JVM holds it. An
     * owner in this JVM is found in {@link #OWNED} without opening the file: closing a second channel on a locked
     * file would release the lock (POSIX locks belong to the process).
     */
    private static FileChannel lock(Path directory) {
        if (!OWNED.add(directory)) {
            return null;
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            if (channel.tryLock() != null) {
                return channel;
            }
            release(directory, channel);
            return null;
        } catch (AccessDeniedException e) {
            release(directory, channel);
            throw new IllegalStateException("Cannot open " + directory.resolve(LOCK_FILE) + " (permission denied): "
                    + "the data directory belongs to another OS user; run this as that user", e);
        } catch (IOException | RuntimeException e) {
            release(directory, channel);
            throw new IllegalStateException("Could not lock the data directory " + directory + ": " + e, e);
        }
    }

    private static EmbeddedDatabase attachOrRefuse(Path directory, Path pgData, boolean allowAttach,
                                                   Exception cause) {
        if (!allowAttach) {
            throw new IllegalStateException("The data directory " + directory + " is in use by another bot "
                    + "process; stop it or start this one with --data-dir pointing elsewhere", cause);
        }
        int port = PostmasterPidFile.waitForReadyPort(pgData, ATTACH_WAIT);
        String password = EmbeddedAuthentication.readPassword(directory);
        log.info("Data directory {} is owned by a running process; using its PostgreSQL on port {}", pgData, port);
        return new EmbeddedDatabase(directory, null, port, password, null);
    }

    /** JDBC URL of the {@code postgres} database on this server. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** The superuser the bot logs in as. */
    public String user() {
        return EmbeddedAuthentication.SUPERUSER;
    }

    /** The superuser's password (from {@code DATA_DIR/postgres-password}); never log it. */
    public String password() {
        return password;
    }

    /** True when this process started (and so will stop) the server. */
    public boolean owned() {
        return postgres != null;
    }

    /**
     * Completes, with a one-line description, when the server this process started exits without {@link #close}
     * stopping it (killed, crashed, stopped by hand). Seen within about 5 seconds (JDK's {@code ProcessHandle.onExit}
     * polls a process that is not its child). Never completes for a server another process owns.
     */
    public CompletionStage<String> serverDeath() {
        return serverDeath.minimalCompletionStage();
    }

    private void watchServer(Path pgData) {
        Optional<Long> pid = PostmasterPidFile.pid(pgData);
        Optional<ProcessHandle> postmaster = pid.flatMap(ProcessHandle::of);
        String description = "the embedded PostgreSQL server (pid " + pid.map(String::valueOf).orElse("unknown")
                + ", data in " + pgData + ") exited unexpectedly";
        if (postmaster.isEmpty()) {
            serverDeath.complete(description);
            return;
        }
        postmaster.get().onExit().thenRun(() -> {
            if (!closing.get()) {
                serverDeath.complete(description);
            }
        });
    }

    /**
     * Stops the server if this process started it (the data stays) and gives up the data directory. A server that
     * already died is not stopped again (io.zonky's stop would only fail); its io.zonky lock on
     * {@code postgres/epg-lock} is then held until this JVM exits.
     */
    @Override
    public void close() {
        if (closing.getAndSet(true)) {
            return;
        }
        if (postgres != null && !serverDeath.isDone()) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Could not stop the embedded PostgreSQL cleanly", e);
            }
        }
        if (lockChannel != null) {
            release(directory, lockChannel);
        }
    }

    /** Gives up the data directory: closing the channel releases its lock. */
    private static void release(Path directory, FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("Could not release {} in {}", LOCK_FILE, directory, e);
            }
        }
        OWNED.remove(directory);
    }
}
