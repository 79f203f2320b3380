package io.asynctournament.jobs.results;

import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import's memory is bounded by a batch, not by the file: a file that the import of the whole file in memory
 * could not take with a 64 MB heap (it failed from 100,000 rows; 600,000 rows failed with 256 MB) imports in a JVM
 * with {@code -Xmx64m}.
 */
@ExtendWith(DatabaseExtension.class)
class ImportMemoryTest {
    private static final int POOLS = 150;
    private static final int RUNNERS = 1_000;

    @TempDir
    Path dir;

    @Test
    void a_file_of_150000_runs_imports_with_a_64_mb_heap() throws Exception {
        Path file = dir.resolve("large.csv");
        generate(file);
        assertThat(Files.size(file)).isGreaterThan(15_000_000);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ImportProcess.class.getName(), TestDatabase.jdbcUrl(), file.toString(), "Large")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        boolean ended = child.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("child.log"));

        assertThat(ended).as("the child ended within 120 s; its output:%n%s", log).isTrue();
        assertThat(child.exitValue()).as("exit code; output:%n%s", log).isZero();
        assertThat(log).contains("imported " + POOLS * RUNNERS + " runs");
        log.lines().filter(line -> line.startsWith("imported ")).forEach(System.out::println);
        assertThat(TestDatabase.get().dsl().fetchCount(RACE)).isEqualTo(POOLS * RUNNERS);
        assertThat(TestDatabase.get().dsl().fetchCount(RACER)).isEqualTo(RUNNERS);
        assertThat(TestDatabase.get().dsl().fetchCount(PERMALINK)).isEqualTo(POOLS);
    }

    /** POOLS x RUNNERS runs, one per runner and pool; every 20th a forfeit. */
    private static void generate(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("pool,permalink,runner,status,elapsed,finished_at\n");
            for (int p = 0; p < POOLS; p++) {
                String prefix = String.format("2019-10-%04d Open Fast Ganon 4/7,https://alttpr.com/en/h/Wd%08dQyd,",
                        p, p);
                for (int r = 0; r < RUNNERS; r++) {
                    int seconds = 3000 + (p * 7919 + r * 104729) % 9000;
                    out.write(prefix);
                    out.write(String.format("runner-%06d,", r));
                    out.write(r % 20 == 19 ? "forfeit,," : String.format("finished,%d:%02d:%02d,", seconds / 3600,
                            seconds / 60 % 60, seconds % 60));
                    out.write("2019-10-04\n");
                }
            }
        }
    }
}
