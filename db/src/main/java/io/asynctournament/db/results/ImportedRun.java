package io.asynctournament.db.results;

import io.asynctournament.db.generated.enums.RaceStatus;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One validated run from a results file.
 *
 * @param pool           pool name
 * @param permalink      permalink URL
 * @param runner         racer name
 * @param status         finished, forfeit or disqualified (or pending / in_progress)
 * @param elapsedSeconds elapsed seconds, required for a finished run, else may be null
 * @param finishedAt     UTC instant the run finished, or null
 * @param reattempted    true for a run the racer was allowed to replace
 * @param attempt        1 for the runner's first run of this permalink in the file, 2 for the second…
 * @param line           the file line it came from (the header is line 1), or 0 for a run already stored
 */
public record ImportedRun(String pool, String permalink, String runner, RaceStatus status, BigDecimal elapsedSeconds,
                          Instant finishedAt, boolean reattempted, int attempt, long line) {
}
