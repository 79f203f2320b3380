package io.asynctournament.jobs.results;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a results file's bad lines in bounded memory: it counts every one and keeps the {@value #LISTED} with
 * the lowest line numbers (in the order found for the same line), whatever the order they are added in.
 */
public final class BadLines {
    /** How many bad lines an error lists; the others are counted. */
    public static final int LISTED = 20;

    private final List<BadLine> first = new ArrayList<>();
    private long total;

    /** Adds a bad line. */
    public void add(long line, String reason) {
        add(new BadLine(line, reason));
    }

    /** Adds a bad line. */
    public void add(BadLine bad) {
        total++;
        int at = first.size();
        while (at > 0 && first.get(at - 1).line() > bad.line()) {
            at--;
        }
        if (at < LISTED) {
            first.add(at, bad);
            if (first.size() > LISTED) {
                first.remove(LISTED);
            }
        }
    }

    /** Counts bad lines found but not listed (beyond the first a check returns). */
    public void addUnlisted(long count) {
        total += count;
    }

    /** How many bad lines were found. */
    public long total() {
        return total;
    }

    /** True when no bad line was found. */
    public boolean isEmpty() {
        return total == 0;
    }

    /** The error to throw for these bad lines. */
    public InvalidResultsFileException toException() {
        return new InvalidResultsFileException(first, total);
    }
}
