package io.asynctournament.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs PostgreSQL's own programs ({@code initdb}, {@code postgres --single}) from the binaries io.zonky unpacks, the
 * way io.zonky runs them: wrapped in {@code unshare -U} when the process is root (PostgreSQL refuses to run as root).
 *
 * <p>io.zonky's {@code EmbeddedPostgres} (2.2.2) keeps the binaries' directory to itself; it is found through its
 * private {@code prepareBinaries}, which unpacks them once per JVM and is what {@code EmbeddedPostgres.start()} calls,
 * so both use the same directory. A later io.zonky without that method makes {@link #run} fail with a message saying so.
 */
final class PostgresPrograms {
    private static Path binDirectory;

    private PostgresPrograms() {
    }

    /** What a program printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
    }

    /**
     * Runs {@code program} with {@code arguments}, writing {@code input} (may be null) to its standard input.
     *
     * @throws IllegalStateException when it cannot be started or does not end within {@code timeout}
     */
    static Result run(String program, List<String> arguments, String input, Duration timeout) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binDirectory().resolve(program).toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL's " + program + " did not finish within "
                        + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), new String(output.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Could not run PostgreSQL's " + program + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running PostgreSQL's " + program, e);
        }
    }

    private static synchronized Path binDirectory() {
        if (binDirectory == null) {
            try {
                Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries",
                        PgBinaryResolver.class, File.class);
                prepare.setAccessible(true);
                File pgDir = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
                binDirectory = pgDir.toPath().resolve("bin");
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("Could not find the embedded PostgreSQL's programs (io.zonky's "
                        + "EmbeddedPostgres.prepareBinaries, as in version 2.2.2): " + e, e);
            }
        }
        return binDirectory;
    }
}
