package io.asynctournament.db.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real results in {@code ../shared/data/gmp-weekly-asyncs.csv}, read in place beside the project (never copied
 * into it). Tests that need them skip, with a message, where the file is absent.
 */
public final class SharedData {
    public static final String GMP_WEEKLY_ASYNCS = "shared/data/gmp-weekly-asyncs.csv";

    private SharedData() {
    }

    /** The file, found by walking up from the working directory, or empty when absent. */
    public static Optional<Path> gmpWeeklyAsyncs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(GMP_WEEKLY_ASYNCS);
            if (Files.isReadable(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** The message a test skips with when the file is absent. */
    public static String absentMessage() {
        return GMP_WEEKLY_ASYNCS + " is not beside the project; skipping the test on real results";
    }
}
