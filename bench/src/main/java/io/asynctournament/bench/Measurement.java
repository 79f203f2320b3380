package io.asynctournament.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark case's timings: each repetition runs an untimed set-up, then the timed body; warm-up repetitions
 * are run the same way and dropped.
 *
 * @param name    the case, as the table prints it
 * @param size    what it ran on, e.g. "1,000,000 races"
 * @param millis  wall-clock milliseconds of each measured repetition
 */
record Measurement(String name, String size, List<Double> millis) {

    /** Runs {@code warmup + repetitions} times; {@code setup} is not timed. */
    static Measurement run(String name, String size, int warmup, int repetitions, Runnable setup, Runnable body) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < warmup + repetitions; i++) {
            setup.run();
            long start = System.nanoTime();
            body.run();
            double elapsed = (System.nanoTime() - start) / 1e6;
            if (i >= warmup) {
                millis.add(elapsed);
            }
            System.out.printf("  %-44s %s %10.2f ms%n", name, i < warmup ? "warm-up" : "run    ", elapsed);
        }
        return new Measurement(name, size, millis);
    }

    /**
     * Runs several cases in turn, one repetition of each per round ({@code setup} before and {@code after} after
     * every one, neither timed), so that drift over the run (caches, table growth, the machine's other load) touches
     * them alike.
     */
    static List<Measurement> interleaved(String size, int warmup, int repetitions, Runnable setup,
                                         java.util.LinkedHashMap<String, Runnable> bodies,
                                         java.util.function.Consumer<String> after) {
        java.util.Map<String, List<Double>> millis = new java.util.LinkedHashMap<>();
        bodies.keySet().forEach(name -> millis.put(name, new ArrayList<>()));
        for (int i = 0; i < warmup + repetitions; i++) {
            for (var body : bodies.entrySet()) {
                setup.run();
                long start = System.nanoTime();
                body.getValue().run();
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (i >= warmup) {
                    millis.get(body.getKey()).add(elapsed);
                }
                System.out.printf("  %-44s %s %10.2f ms%n", body.getKey(), i < warmup ? "warm-up" : "run    ",
                        elapsed);
                after.accept(body.getKey());
            }
        }
        return millis.entrySet().stream().map(e -> new Measurement(e.getKey(), size, e.getValue())).toList();
    }

    double median() {
        List<Double> sorted = millis.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return millis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    double max() {
        return millis.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
