package io.asynctournament.bot.database;

import com.zaxxer.hikari.HikariDataSource;
import io.asynctournament.bot.logging.DatabaseUnreachable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * {@code LISTEN} on one PostgreSQL notification channel, on a connection of its own (not one of the pool's: a pooled
 * connection would stay listening for its next borrower), on a daemon thread: the notifications PostgreSQL sends
 * when a transaction that notified the channel commits call {@code wake}. When the connection breaks (a database
 * outage) it is reopened after 1 s, doubling to 30 s, and {@code wake} is called once it is back (what was written
 * meanwhile sent no notification), as it is once at the start. Failures are logged as warnings with the exception,
 * which the bot's outage log filter folds into its one line a minute while the database is away.
 *
 * <p>Used by the notification dispatcher ({@code notification_outbox}, V007) and the live leaderboards
 * ({@code leaderboard_changed}, V009); each polls as well, for a notification lost while the connection was away.
 */
public final class PostgresListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final int WAIT_MILLIS = 1000;

    private final DataSource dataSource;
    private final String channel;
    private final Runnable wake;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param channel the notification channel, an SQL identifier written by the project (never user input)
     * @param wake    called on the listener's thread for each batch of notifications, and after each (re)connect
     * @param name    the thread's name
     */
    public PostgresListener(DataSource dataSource, String channel, Runnable wake, String name) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.wake = wake;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts listening (once). */
    public void start() {
        thread.start();
    }

    private void run() {
        Duration retry = Duration.ofSeconds(1);
        boolean failedBefore = false;
        while (running) {
            try (Connection c = open()) {
                try (Statement statement = c.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                if (failedBefore) {
                    log.info("Listening on {} again", channel);
                }
                failedBefore = false;
                retry = Duration.ofSeconds(1);
                wake.run(); // anything written while not listening
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        wake.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                String reason = DatabaseUnreachable.reason(e).orElse(e.toString());
                log.warn("Listening on {} failed ({}); polling meanwhile, reconnecting in {} s", channel, reason,
                        retry.toSeconds(), e);
                failedBefore = true;
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
            }
        }
    }

    /** A connection of its own, with the pool's URL, credentials and timeouts; else one of the pool's. */
    private Connection open() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            Properties properties = new Properties();
            properties.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            properties.setProperty("ApplicationName", thread.getName());
            Connection c = DriverManager.getConnection(hikari.getJdbcUrl(), properties);
            c.setAutoCommit(true);
            return c;
        }
        return dataSource.getConnection();
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
