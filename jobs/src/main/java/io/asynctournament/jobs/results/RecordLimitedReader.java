package io.asynctournament.jobs.results;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops the CSV parser reading more than a limit of characters for one record, so that a quote opened and never
 * closed (which makes the rest of the file one field) cannot take the heap: the caller marks each record's end.
 * The parser reads ahead in blocks, so the limit holds to within one block.
 */
final class RecordLimitedReader extends FilterReader {
    /** Thrown (through the parser) when a record runs past the limit. */
    static final class RecordTooLongException extends IOException {
        RecordTooLongException(long limit) {
            super("a record runs past " + limit + " characters");
        }
    }

    private final long limit;
    private long sinceRecordEnd;

    RecordLimitedReader(Reader in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** The parser has returned a record: count the next one from here. */
    void recordEnded() {
        sinceRecordEnd = 0;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (sinceRecordEnd > limit) {
            throw new RecordTooLongException(limit);
        }
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            sinceRecordEnd += read;
        }
        return read;
    }
}
