package io.asynctournament.bot.logging;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells an exception that says the database cannot be reached from any other: somewhere in its causes, a
 * {@link SQLException} with SQLState class 08 (connection exception) or 57P01-57P03 (the server is shutting down,
 * crashed or is starting up), or a refused or unroutable TCP connection. A pool simply exhausted is not one: HikariCP
 * gives its timeout the SQLState of the last connection failure, and none when there was none.
 */
public final class DatabaseUnreachable {
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    private static final int MAX_DEPTH = 32;

    private DatabaseUnreachable() {
    }

    /**
     * Why the database cannot be reached, if the exception says so: the message of the innermost such SQLException
     * (it names the host and port), else of the refused connection; it ends with a full stop.
     */
    public static Optional<String> reason(Throwable thrown) {
        String sqlReason = null;
        String socketReason = null;
        int depth = 0;
        for (Throwable cause = thrown; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
                sqlReason = message(cause);
            } else if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                socketReason = message(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.ofNullable(sqlReason != null ? sqlReason : socketReason);
    }

    private static String message(Throwable cause) {
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
        return text.endsWith(".") ? text : text + ".";
    }
}
