package io.asynctournament.db;

/**
 * A command that only reads was pointed at a data directory with no database; none was created. The message names
 * the directory and what to give instead. The CLI reports it as bad input (exit code 2).
 */
public final class NoDatabaseException extends RuntimeException {
    NoDatabaseException(String message) {
        super(message);
    }
}
