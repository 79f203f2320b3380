package io.asynctournament.db.results;

/**
 * A staged line that breaks a rule over the whole file or over the tournament's stored runs.
 *
 * @param line        the file line (the header is line 1)
 * @param kind        which rule
 * @param repeatsLine for {@link Kind#DUPLICATE}: the earlier line it repeats; else 0
 * @param runner      the line's runner
 * @param pool        the line's pool
 * @param runs        for {@link Kind#OVER_RUNS_PER_POOL_WITH_STORED}: the runs the runner would have in the pool;
 *                    else 0
 */
public record ImportConflict(long line, Kind kind, long repeatsLine, String runner, String pool, long runs) {
    /** The rules checked over the staged lines. */
    public enum Kind {
        /** The line repeats an earlier line field for field. */
        DUPLICATE,
        /** The runner has more than runs_per_pool runs in the pool in the file, not counting reattempted runs. */
        OVER_RUNS_PER_POOL,
        /** With the tournament's stored runs (the file's runs replacing those they match), more than runs_per_pool. */
        OVER_RUNS_PER_POOL_WITH_STORED
    }

    /**
     * The first conflicts by line, and how many there are in all.
     *
     * @param first at most the requested number, by line
     * @param total every conflict found
     */
    public record Page(java.util.List<ImportConflict> first, long total) {
    }
}
