package io.asynctournament.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What PostgreSQL's own {@code postmaster.pid} in a cluster's directory says about its server (pid, port, ready),
 * and stopping a server a killed bot left behind.
 */
final class PostmasterPidFile {
    private static final Logger log = LoggerFactory.getLogger(PostmasterPidFile.class);

    private PostmasterPidFile() {
    }

    /**
     * A bot killed with SIGKILL leaves its PostgreSQL server running with no owner: the directory's epg-lock is free
     * but postmaster.pid names a live postgres. That server is stopped (SIGTERM: a clean, smart shutdown; it has no
     * clients left) before a new one starts, instead of waiting for a start that cannot succeed.
     */
    static void stopOrphanedServer(Path pgData, Duration wait) throws IOException {
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
                postmaster.get().onExit().get(wait.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("The PostgreSQL server (pid " + postmaster.get().pid() + ") left "
                        + "running on " + pgData + " did not stop within " + wait.toSeconds() + " s; stop it "
                        + "(kill " + postmaster.get().pid() + ") and start again", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL server", e);
            }
        } catch (OverlappingFileLockException e) {
            // this JVM already owns the directory
        }
    }

    /** The postmaster's pid, from the file's first line; empty when there is no (readable) file. */
    static Optional<Long> pid(Path pgData) {
        return readPid(pgData.resolve("postmaster.pid"));
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads the port from line 4 of PostgreSQL's postmaster.pid, waiting while the owner is still starting. */
    static int waitForReadyPort(Path pgData, Duration wait) {
        Path pidFile = pgData.resolve("postmaster.pid");
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Integer> port = readPort(pidFile);
            if (port.isPresent()) {
                return port.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The data directory " + pgData + " is locked by another process, "
                        + "but its PostgreSQL server did not come up within " + wait.toSeconds() + " s");
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
