package io.asynctournament.db.testing;

import io.asynctournament.db.EmbeddedDatabase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM that owns an embedded database (to test what a crashed bot leaves behind, or two processes starting
 * at once). Prints {@code ready JDBC_URL} once started, or {@code failed: MESSAGE} and exits 1; stops its server
 * cleanly when its standard input closes (or after 120 s), unless it is killed first.
 */
public final class EmbeddedDatabaseProcess {
    private EmbeddedDatabaseProcess() {
    }

    /** Starts this class's {@code main} in a new JVM on {@code dataDirectory} (stdout and stderr together). */
    public static Process start(Path dataDirectory) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedDatabaseProcess.class.getName(),
                dataDirectory.toString())
                .redirectErrorStream(true).start();
    }

    /**
     * The process's {@code ready ...} or {@code failed: ...} line (or {@code exited} when it printed neither);
     * its output is drained for as long as it runs.
     */
    public static CompletableFuture<String> outcome(Process process) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("ready ") || line.startsWith("failed: ")) {
                        outcome.complete(line);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
            outcome.complete("exited");
        });
        reader.setDaemon(true);
        reader.start();
        return outcome;
    }

    /** Waits (up to 60 s) until the process has started its server; returns the server's JDBC URL. */
    public static String awaitReady(Process process) throws Exception {
        String line = outcome(process).get(60, TimeUnit.SECONDS);
        if (!line.startsWith("ready ")) {
            throw new AssertionError("the database process did not start: " + line);
        }
        return line.substring("ready ".length());
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedDatabase database;
        try {
            database = EmbeddedDatabase.startOrAttach(Path.of(args[0]), false);
        } catch (RuntimeException e) {
            System.out.println("failed: " + e.getMessage());
            System.out.flush();
            System.exit(1);
            return;
        }
        System.out.println("ready " + database.jdbcUrl());
        System.out.flush();
        CountDownLatch stdinClosed = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // wait for the end of input
                }
            } catch (IOException ignored) {
                // treated as closed
            }
            stdinClosed.countDown();
        });
        reader.setDaemon(true);
        reader.start();
        stdinClosed.await(120, TimeUnit.SECONDS);
        database.close();
    }
}
