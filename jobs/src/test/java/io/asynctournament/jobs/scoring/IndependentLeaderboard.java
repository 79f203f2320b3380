package io.asynctournament.jobs.scoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A second, independent computation of a leaderboard straight from a results CSV without quoted fields, in plain
 * Java, following README "Scoring", to check the SQL against. Shares no code with the bot.
 */
public final class IndependentLeaderboard {

    /** One racer's expected line. */
    public record Line(String runner, double score, Double estimate, int finished, int forfeited) {
    }

    private record Run(String pool, String permalink, String runner, String status, double elapsed) {
    }

    /** Computes the leaderboard of the file for {@code runsPerPool} runs a pool, sorted by score then runner. */
    public static List<Line> compute(Path csv, int runsPerPool) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        List<Run> runs = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            String elapsed = f[header.indexOf("elapsed")];
            double seconds = 0;
            if (!elapsed.isEmpty()) {
                String[] hms = elapsed.split(":");
                seconds = Integer.parseInt(hms[0]) * 3600 + Integer.parseInt(hms[1]) * 60 + Double.parseDouble(hms[2]);
            }
            runs.add(new Run(f[header.indexOf("pool")], f[header.indexOf("permalink")], f[header.indexOf("runner")],
                    f[header.indexOf("status")], seconds));
        }

        Map<String, Double> par = new HashMap<>();
        Map<String, List<Double>> finishTimes = new HashMap<>();
        for (Run run : runs) {
            if (run.status().equals("finished")) {
                finishTimes.computeIfAbsent(run.pool() + "|" + run.permalink(), k -> new ArrayList<>()).add(run.elapsed());
            }
        }
        finishTimes.forEach((permalink, times) -> {
            List<Double> fastest = times.stream().sorted().limit(5).toList();
            par.put(permalink, fastest.stream().mapToDouble(Double::doubleValue).sum() / fastest.size());
        });

        Set<String> pools = new LinkedHashSet<>();
        Map<String, Map<String, List<Double>>> scoresByRacerAndPool = new HashMap<>();
        Map<String, List<Double>> finishedScores = new HashMap<>();
        Map<String, int[]> counts = new HashMap<>();
        for (Run run : runs) {
            pools.add(run.pool());
            double score;
            int[] c = counts.computeIfAbsent(run.runner(), k -> new int[2]);
            if (run.status().equals("finished")) {
                double raw = (2 - run.elapsed() / par.get(run.pool() + "|" + run.permalink())) * 100;
                score = Math.min(105, Math.max(0, raw));
                finishedScores.computeIfAbsent(run.runner(), k -> new ArrayList<>()).add(score);
                c[0]++;
            } else {
                score = 0;
                c[1]++;
            }
            scoresByRacerAndPool.computeIfAbsent(run.runner(), k -> new HashMap<>())
                    .computeIfAbsent(run.pool(), k -> new ArrayList<>()).add(score);
        }

        List<Line> board = new ArrayList<>();
        double slots = (double) pools.size() * runsPerPool;
        scoresByRacerAndPool.forEach((runner, byPool) -> {
            double total = 0;
            for (List<Double> scores : byPool.values()) {
                total += scores.stream().sorted(Comparator.reverseOrder()).limit(runsPerPool)
                        .mapToDouble(Double::doubleValue).sum();
            }
            List<Double> finished = finishedScores.getOrDefault(runner, List.of());
            Double estimate = finished.isEmpty() ? null
                    : finished.stream().mapToDouble(Double::doubleValue).sum() / finished.size();
            board.add(new Line(runner, total / slots, estimate, counts.get(runner)[0], counts.get(runner)[1]));
        });
        board.sort(Comparator.comparingDouble(Line::score).reversed().thenComparing(Line::runner));
        return board;
    }
}
