package io.asynctournament.db.results;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Streams checked runs into the import's staging table ({@code import_run}, a temporary table dropped at the end of
 * the transaction) with one PostgreSQL {@code COPY}: the process holds one write buffer ({@value #BUFFER_BYTES}
 * bytes), never the file. Obtain it from {@link ResultsImportRepository#openStaging}; call {@link #finish()} when
 * every run is added, or {@link #abort()} when the import fails before that (the connection cannot run another
 * statement while the copy is open). A failure of the copy is a {@link DataAccessException} (not an I/O error of the
 * file being read).
 */
public final class ImportStaging implements Consumer<ImportedRun> {
    static final int BUFFER_BYTES = 256 * 1024;

    private final DSLContext tx;
    private final PGCopyOutputStream copy;
    private final Writer out;
    private long rows;

    ImportStaging(DSLContext tx, PGConnection connection, String copySql) throws SQLException {
        this.tx = tx;
        this.copy = new PGCopyOutputStream(connection, copySql, BUFFER_BYTES);
        this.out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 16 * 1024);
    }

    /** Adds one run (written to the server as the buffer fills). */
    @Override
    public void accept(ImportedRun run) {
        try {
            out.write(Long.toString(run.line()));
            out.write(',');
            quoted(run.pool());
            out.write(',');
            quoted(run.permalink());
            out.write(',');
            quoted(run.runner());
            out.write(',');
            out.write(run.status().getLiteral());
            out.write(',');
            if (run.elapsedSeconds() != null) {
                out.write(run.elapsedSeconds().toPlainString());
            }
            out.write(',');
            if (run.finishedAt() != null) {
                out.write(run.finishedAt().toString());
            }
            out.write(',');
            out.write(run.reattempted() ? 't' : 'f');
            out.write('\n');
            rows++;
        } catch (IOException e) {
            throw new DataAccessException("could not stage line " + run.line() + " for the import: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Ends the copy and gathers the staging table's statistics (a temporary table is never analyzed by autovacuum, and
     * the checks and the import join it with the tournament's tables).
     *
     * @return the rows staged
     */
    public long finish() {
        try {
            out.close();
        } catch (IOException e) {
            throw new DataAccessException("could not stage the import: " + e.getMessage(), e);
        }
        tx.execute("analyze import_run");
        return rows;
    }

    /** Cancels the copy, so that the transaction can roll back; never throws. */
    public void abort() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException | RuntimeException ignored) {
            // the transaction is being rolled back anyway
        }
    }

    private void quoted(String value) throws IOException {
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }
}
