package io.asynctournament.db;

/**
 * The database could not be reached when the pool opened: no answer within the connect timeout, connection refused,
 * login refused. The message says where (host and port, never a user's password) and, for a timeout, which setting
 * to raise ({@code DATABASE_CONNECT_TIMEOUT_SECONDS}). The CLI reports it with exit code 1.
 */
public final class DatabaseUnavailableException extends RuntimeException {
    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
