package io.asynctournament.db.scoring;

/**
 * One racer's line on a tournament leaderboard.
 *
 * @param rank      1-based competition rank by score (ties share a rank)
 * @param racer     the racer's name
 * @param score     mean score over pools x runs_per_pool slots, best runs first, empty slots 0
 * @param estimate  mean score of the racer's finished runs, or null if none
 * @param finished  finished, non-reattempted runs
 * @param forfeited forfeit or disqualified, non-reattempted runs
 */
public record LeaderboardRow(long rank, String racer, double score, Double estimate, int finished, int forfeited) {
}
