package io.asynctournament.jobs.handlers;

import java.util.List;
import java.util.Map;

/**
 * What a handler run did.
 *
 * @param counts named counts, e.g. {@code warned}, {@code forfeited}, {@code races_scored}, {@code tournaments}
 * @param errors errors of parts that failed while the rest went on (one per failed tournament); empty when all
 *               went well
 * @param failed true when nothing succeeded because every part failed
 */
public record TaskOutcome(Map<String, Integer> counts, List<String> errors, boolean failed) {
    public TaskOutcome {
        counts = Map.copyOf(counts);
        errors = List.copyOf(errors);
    }

    /** A run that did all its work. */
    public static TaskOutcome success(Map<String, Integer> counts) {
        return new TaskOutcome(counts, List.of(), false);
    }
}
