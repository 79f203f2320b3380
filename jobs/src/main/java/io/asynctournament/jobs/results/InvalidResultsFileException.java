package io.asynctournament.jobs.results;

import java.util.List;

/** A results file with bad lines; nothing was imported. */
public final class InvalidResultsFileException extends RuntimeException {
    private final List<BadLine> badLines;

    public InvalidResultsFileException(List<BadLine> badLines) {
        super(badLines.size() + " bad line(s); nothing was imported");
        this.badLines = List.copyOf(badLines);
    }

    /** Every bad line, in file order. */
    public List<BadLine> badLines() {
        return badLines;
    }
}
