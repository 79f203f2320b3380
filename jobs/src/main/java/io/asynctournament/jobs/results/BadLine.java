package io.asynctournament.jobs.results;

/**
 * A line of a results file that cannot be imported.
 *
 * @param line   the file line number (the header is line 1)
 * @param reason what is wrong and what is accepted
 */
public record BadLine(long line, String reason) {
    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
