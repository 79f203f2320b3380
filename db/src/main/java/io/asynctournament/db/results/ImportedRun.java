package io.asynctournament.db.results;

import io.asynctournament.db.generated.enums.RaceStatus;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One checked run from a results file, as it is staged for the import.
 *
 * @param pool           pool name
 * @param permalink      permalink URL
 * @param runner         racer name
 * @param status         finished, forfeit or disqualified
 * @param elapsedSeconds elapsed seconds, required for a finished run, else may be null
 * @param finishedAt     UTC instant the run finished, or null
 * @param reattempted    true for a run the racer was allowed to replace
 * @param line           the file line it came from (the header is line 1)
 */
public record ImportedRun(String pool, String permalink, String runner, RaceStatus status, BigDecimal elapsedSeconds,
                          Instant finishedAt, boolean reattempted, long line) {
}
