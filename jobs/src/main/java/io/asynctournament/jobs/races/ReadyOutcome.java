package io.asynctournament.jobs.races;

import java.time.Instant;

/**
 * What a Ready press did.
 *
 * @param started  true when the race started; false when the press came after the deadline and the race was
 *                 forfeited instead
 * @param goAt     the GO instant (UTC) when started: the press plus {@link RaceService#COUNTDOWN}
 * @param deadline the race's deadline to press Ready (UTC)
 */
public record ReadyOutcome(boolean started, Instant goAt, Instant deadline) {
}
