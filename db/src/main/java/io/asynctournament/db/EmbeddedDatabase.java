package io.asynctournament.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL that keeps the bot's data in a directory across restarts, durably.
 *
 * <p>io.zonky's defaults wipe the data directory on close and turn fsync off; both are turned around here
 * ({@code cleanDataDirectory=false}, {@code fsync=on}, {@code synchronous_commit=on}). Only one process can own a data
 * directory: when another process (a running bot) already owns it, {@link #startOrAttach} connects to that process's
 * server instead, found through PostgreSQL's own {@code postmaster.pid}, so the CLI works beside a running bot.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres; // null when attached to another process's server
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
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
        Path pgData = dataDirectory.toAbsolutePath().normalize().resolve("postgres");
        try {
            Files.createDirectories(pgData);
            stopOrphanedServer(pgData);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), pgData);
            return new EmbeddedDatabase(postgres, postgres.getPort());
        } catch (IllegalStateException e) {
            // Another process holds the directory's epg-lock ("could not lock"), or another owner in this same JVM
            // does (OverlappingFileLockException, a subclass).
            if (!(e instanceof OverlappingFileLockException)
                    && (e.getMessage() == null || !e.getMessage().contains("could not lock"))) {
                throw e;
            }
            if (!allowAttach) {
                throw new IllegalStateException("The data directory " + dataDirectory + " is in use by another bot "
                        + "process; stop it or start this one with --data-dir pointing elsewhere", e);
            }
            int port = waitForRunningServerPort(pgData);
            log.info("Data directory {} is owned by a running process; using its PostgreSQL on port {}", pgData, port);
            return new EmbeddedDatabase(null, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData, e);
        }
    }

    /** JDBC URL of the {@code postgres} database on this server. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** The superuser the embedded server trusts locally. */
    public String user() {
        return "postgres";
    }

    /** True when this process started (and so will stop) the server. */
    public boolean owned() {
        return postgres != null;
    }

    /** Stops the server if this process started it; the data stays. */
    @Override
    public void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Could not stop the embedded PostgreSQL cleanly", e);
            }
        }
    }

    /**
     * A bot killed with SIGKILL leaves its PostgreSQL server running with no owner: the directory's epg-lock is free
     * but postmaster.pid names a live postgres. That server is stopped (SIGTERM: a clean, smart shutdown; it has no
     * clients left) before a new one starts, instead of waiting for a start that cannot succeed.
     */
    private static void stopOrphanedServer(Path pgData) throws IOException {
        Path lockFile = pgData.resolve("epg-lock");
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile) || !Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return; // a live process owns the directory: the caller attaches to it or refuses
            }
            Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
            if (postmaster.isEmpty()) {
                return;
            }
            log.warn("A PostgreSQL server (pid {}) left behind by a bot process that did not stop cleanly still runs "
                    + "on {}; stopping it before starting again", postmaster.get().pid(), pgData);
            postmaster.get().destroy();
            try {
                postmaster.get().onExit().get(ATTACH_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("The PostgreSQL server (pid " + postmaster.get().pid() + ") left "
                        + "running on " + pgData + " did not stop within " + ATTACH_WAIT.toSeconds() + " s; stop it "
                        + "(kill " + postmaster.get().pid() + ") and start again", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL server", e);
            }
        } catch (OverlappingFileLockException e) {
            // this JVM already owns the directory
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads the port from line 4 of PostgreSQL's postmaster.pid, waiting while the owner is still starting. */
    private static int waitForRunningServerPort(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        long deadline = System.nanoTime() + ATTACH_WAIT.toNanos();
        while (true) {
            Optional<Integer> port = readPort(pidFile);
            if (port.isPresent()) {
                return port.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The data directory " + pgData + " is locked by another process, "
                        + "but its PostgreSQL server did not come up within " + ATTACH_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + pidFile, e);
            }
        }
    }

    private static Optional<Integer> readPort(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            // postmaster.pid: pid, data dir, start time, port, socket dir, listen address, shmem key, status
            if (lines.size() >= 8 && lines.get(7).trim().equals("ready")) {
                return Optional.of(Integer.parseInt(lines.get(3).trim()));
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
