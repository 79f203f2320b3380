package io.asynctournament.jobs.leaderboards;

import io.asynctournament.db.scoring.LeaderboardRow;
import io.asynctournament.db.tournament.TournamentRow;

import java.util.List;

/**
 * A tournament's leaderboard as the CLI's {@code leaderboard} reads it ({@code LeaderboardRepository}).
 *
 * @param tournament the tournament, as it was read
 * @param rows       the racers, by score descending then name
 * @param slots      pools x runs_per_pool: what a racer's score is the mean over
 * @param unscored   finished or forfeited runs that have no score yet (the score task has not run since)
 * @param hidden     true when the tournament hides results from its racers now (hide_results, while open): only
 *                   its admins are given these standings
 */
public record Standings(TournamentRow tournament, List<LeaderboardRow> rows, int slots, int unscored,
                        boolean hidden) {
    public Standings {
        rows = List.copyOf(rows);
    }
}
