package io.asynctournament.db;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How long the bot waits on its database, so that a server that accepts TCP and never answers (or stops answering)
 * gives an error instead of a hang. README, "Configuration", lists the settings.
 *
 * @param connect   {@code DATABASE_CONNECT_TIMEOUT_SECONDS} (default 10 s, 1 to 300 s): opening one connection, TCP
 *                  connect and login together (pgjdbc's {@code connectTimeout} and {@code loginTimeout}); also how
 *                  long startup tries to get its first connection and how long a caller waits for a pooled one
 * @param socket    {@code DATABASE_SOCKET_TIMEOUT_SECONDS} (default the statement timeout + 60 s, at most 86,460 s):
 *                  how long a connection waits for any answer from the server (pgjdbc's {@code socketTimeout}); it
 *                  must exceed the statement timeout, so that a long statement is cancelled by the server before
 *                  its connection is dropped
 * @param statement {@code DATABASE_STATEMENT_TIMEOUT_SECONDS} (default 120 s, 1 to 86,400 s): PostgreSQL's
 *                  {@code statement_timeout} on every connection of the pool; the largest legitimate statements,
 *                  the from-scratch score calculation of a million races, take a few seconds (BENCHMARKS.md)
 */
public record DatabaseTimeouts(Duration connect, Duration socket, Duration statement) {
    /** Setting names, as the messages give them. */
    public static final String CONNECT_SETTING = "DATABASE_CONNECT_TIMEOUT_SECONDS";
    public static final String SOCKET_SETTING = "DATABASE_SOCKET_TIMEOUT_SECONDS";
    public static final String STATEMENT_SETTING = "DATABASE_STATEMENT_TIMEOUT_SECONDS";

    /** 10 s to connect, 120 s a statement, 180 s without an answer. */
    public static final DatabaseTimeouts DEFAULTS =
            new DatabaseTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(180), Duration.ofSeconds(120));

    private static final int MAX_CONNECT_SECONDS = 300;
    private static final int MAX_STATEMENT_SECONDS = 86_400;
    private static final int SOCKET_MARGIN_SECONDS = 60;
    private static final int MAX_SOCKET_SECONDS = MAX_STATEMENT_SECONDS + SOCKET_MARGIN_SECONDS;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when a value is not whole seconds in its range, or the socket timeout does not
     *                                  exceed the statement timeout
     */
    public DatabaseTimeouts {
        check(CONNECT_SETTING, connect, 1, MAX_CONNECT_SECONDS);
        check(STATEMENT_SETTING, statement, 1, MAX_STATEMENT_SECONDS);
        check(SOCKET_SETTING, socket, 2, MAX_SOCKET_SECONDS);
        if (socket.compareTo(statement) <= 0) {
            throw new IllegalArgumentException(SOCKET_SETTING + " (" + socket.toSeconds() + ") must be greater than "
                    + STATEMENT_SETTING + " (" + statement.toSeconds() + "), so that a long statement is cancelled "
                    + "by the server before its connection is dropped");
        }
    }

    /**
     * Reads the three settings; an unset or blank one takes its default.
     *
     * @throws IllegalArgumentException naming the setting that is wrong and what is accepted
     */
    public static DatabaseTimeouts fromEnvironment(Map<String, String> env) {
        int connect = seconds(env, CONNECT_SETTING, 1, MAX_CONNECT_SECONDS, (int) DEFAULTS.connect.toSeconds());
        int statement = seconds(env, STATEMENT_SETTING, 1, MAX_STATEMENT_SECONDS,
                (int) DEFAULTS.statement.toSeconds());
        int socket = seconds(env, SOCKET_SETTING, 2, MAX_SOCKET_SECONDS, statement + SOCKET_MARGIN_SECONDS);
        return new DatabaseTimeouts(Duration.ofSeconds(connect), Duration.ofSeconds(socket),
                Duration.ofSeconds(statement));
    }

    /**
     * Which timeout setting an error came from, for a message that names it: a statement cancelled by
     * {@code statement_timeout} (SQLSTATE 57014), a connection that got no answer within the socket timeout, or no
     * connection within the connect timeout.
     *
     * @return a sentence naming the setting to raise, or empty when the error is not one of these
     */
    public static Optional<String> explain(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return Optional.of("PostgreSQL cancelled a statement that ran longer than " + STATEMENT_SETTING
                        + " allows; raise it if the statement is legitimate");
            }
            if (cause instanceof SocketTimeoutException && hasSqlException(error, cause)) {
                return Optional.of("the database sent no answer within " + SOCKET_SETTING
                        + "; check the server and the network, or raise it");
            }
            if (cause instanceof SQLTransientConnectionException) {
                return Optional.of("no database connection within " + CONNECT_SETTING
                        + "; check that the server is up and reachable, or raise it");
            }
        }
        return Optional.empty();
    }

    private static boolean hasSqlException(Throwable error, Throwable stop) {
        for (Throwable cause = error; cause != null && cause != stop; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static int seconds(Map<String, String> env, String name, int min, int max, int defaultValue) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(rangeMessage(name, min, max) + ", got '" + text + "'");
    }

    private static void check(String name, Duration value, int min, int max) {
        if (value == null || value.toNanos() % 1_000_000_000L != 0 || value.toSeconds() < min
                || value.toSeconds() > max) {
            throw new IllegalArgumentException(rangeMessage(name, min, max) + ", got " + value);
        }
    }

    private static String rangeMessage(String name, int min, int max) {
        return name + " must be a whole number of seconds from " + min + " to " + max;
    }
}
