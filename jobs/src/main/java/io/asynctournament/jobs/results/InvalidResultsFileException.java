package io.asynctournament.jobs.results;

import java.util.List;

/** A results file with bad lines; nothing was imported (the import's transaction was rolled back). */
public final class InvalidResultsFileException extends RuntimeException {
    private final List<BadLine> badLines;
    private final long total;

    /** A file whose bad lines are all listed. */
    public InvalidResultsFileException(List<BadLine> badLines) {
        this(badLines, badLines.size());
    }

    /**
     * @param badLines the bad lines listed, by line (at most {@link BadLines#LISTED})
     * @param total    how many bad lines were found in all
     */
    public InvalidResultsFileException(List<BadLine> badLines, long total) {
        super(total + " bad line(s); nothing was imported");
        this.badLines = List.copyOf(badLines);
        this.total = total;
    }

    /** The bad lines listed, by line number: every one, or the first {@link BadLines#LISTED} when there are more. */
    public List<BadLine> badLines() {
        return badLines;
    }

    /** How many bad lines the file has in all (at least the number listed). */
    public long total() {
        return total;
    }
}
