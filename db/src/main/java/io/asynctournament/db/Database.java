package io.asynctournament.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The bot's database: a HikariCP pool on PostgreSQL (external or embedded), migrated by Flyway on open, and the jOOQ
 * context every repository uses. Closing it closes the pool and stops an embedded server this process started.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final EmbeddedDatabase embedded; // null for an external database
    private final CompletionStage<String> embeddedServerDeath;

    private Database(HikariDataSource dataSource, EmbeddedDatabase embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        // A dead server never comes back: close the pool so that nothing waits for a connection to it.
        this.embeddedServerDeath = embedded == null ? new CompletableFuture<String>().minimalCompletionStage()
                : embedded.serverDeath().thenApply(message -> {
                    dataSource.close();
                    return message;
                });
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES,
                new Settings().withRenderSchema(false).withExecuteLogging(false));
    }

    /**
     * Opens the database the settings name and applies pending migrations.
     *
     * @param settings        external URL, or the data directory of the embedded server
     * @param ownsDataDirectory true for the bot process (it must own an embedded data directory), false for the CLI
     *                        (which attaches to a running bot's embedded server when there is one)
     * @param poolName        a name for the connection pool, shown in logs
     * @throws DatabaseUnavailableException when no connection can be opened: the message names the host and port
     *                                      and, for a timeout, {@code DATABASE_CONNECT_TIMEOUT_SECONDS}
     */
    public static Database open(DatabaseSettings settings, boolean ownsDataDirectory, String poolName) {
        return open(settings, ownsDataDirectory, false, poolName);
    }

    /**
     * Opens the database for a command that only reads: like {@code open(settings, false, poolName)}, but an embedded
     * data directory without a database is refused and nothing is created.
     *
     * @throws NoDatabaseException when the embedded data directory holds no database
     */
    public static Database openExisting(DatabaseSettings settings, String poolName) {
        return open(settings, false, true, poolName);
    }

    private static Database open(DatabaseSettings settings, boolean ownsDataDirectory, boolean existingOnly,
                                 String poolName) {
        EmbeddedDatabase embedded = null;
        String url;
        String user;
        String password;
        if (settings.embedded()) {
            embedded = existingOnly ? EmbeddedDatabase.startOrAttachExisting(settings.dataDirectory())
                    : EmbeddedDatabase.startOrAttach(settings.dataDirectory(), !ownsDataDirectory);
            url = embedded.jdbcUrl();
            user = embedded.user();
            password = embedded.password();
        } else {
            url = settings.jdbcUrl().orElseThrow();
            user = settings.user();
            password = settings.password();
        }
        try {
            Database database = new Database(pool(url, user, password, poolName, settings.timeouts()), embedded);
            database.migrate();
            return database;
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** Opens a pool on a JDBC URL (tests) with the default timeouts; migrations are applied. */
    public static Database using(String url, String user, String password, String poolName) {
        return using(url, user, password, poolName, DatabaseTimeouts.DEFAULTS);
    }

    /**
     * Opens a pool on a JDBC URL (tests) with the given timeouts; migrations are applied.
     *
     * @throws DatabaseUnavailableException when no connection can be opened within the connect timeout
     */
    public static Database using(String url, String user, String password, String poolName,
                                 DatabaseTimeouts timeouts) {
        Database database = new Database(pool(url, user, password, poolName, timeouts), null);
        database.migrate();
        return database;
    }

    /**
     * The pool, with every wait bounded (README, "Configuration"): opening a connection (TCP connect and login, and
     * the pool's first connection at startup) by the connect timeout, any read by the socket timeout, every statement
     * by PostgreSQL's {@code statement_timeout}.
     *
     * @throws DatabaseUnavailableException when the first connection cannot be opened; the message names the host
     *                                      and port and, for a timeout, the setting to raise
     */
    private static HikariDataSource pool(String url, String user, String password, String poolName,
                                         DatabaseTimeouts timeouts) {
        long connectMillis = timeouts.connect().toMillis();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName(poolName);
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        // pgjdbc: connectTimeout bounds the TCP connect, loginTimeout the whole login (a server that accepts TCP
        // and never answers blocks in the startup handshake otherwise, without end), socketTimeout every read.
        config.addDataSourceProperty("connectTimeout", Long.toString(timeouts.connect().toSeconds()));
        config.addDataSourceProperty("loginTimeout", Long.toString(timeouts.connect().toSeconds()));
        config.addDataSourceProperty("socketTimeout", Long.toString(timeouts.socket().toSeconds()));
        config.setConnectionInitSql("SET statement_timeout = " + timeouts.statement().toMillis());
        // Hikari: how long a caller waits for a pooled connection, and startup for its first one (after a first
        // attempt that timed out, startup gives up: one attempt, then a pause of 1 s).
        config.setConnectionTimeout(connectMillis);
        config.setInitializationFailTimeout(connectMillis);
        config.setValidationTimeout(Math.min(5_000, connectMillis));
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw unavailable(url, timeouts, e);
        }
    }

    private static DatabaseUnavailableException unavailable(String url, DatabaseTimeouts timeouts,
                                                             RuntimeException e) {
        String where = DatabaseUrl.hostsAndPorts(url);
        boolean timedOut = false;
        String reason = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException
                    || (cause instanceof SQLException && cause.getMessage() != null
                    && cause.getMessage().toLowerCase(Locale.ROOT).contains("timed out"))) {
                timedOut = true;
            }
            if (reason == null && cause instanceof SQLException && cause.getMessage() != null) {
                reason = cause.getMessage().strip();
            }
        }
        if (timedOut) {
            return new DatabaseUnavailableException("No answer from PostgreSQL at " + where + " within "
                    + timeouts.connect().toSeconds() + " s (" + DatabaseTimeouts.CONNECT_SETTING + "): check that "
                    + "the server is up and reachable and that it is PostgreSQL, or raise "
                    + DatabaseTimeouts.CONNECT_SETTING + " on a slow network", e);
        }
        return new DatabaseUnavailableException("Could not connect to PostgreSQL at " + where + ": "
                + (reason != null ? reason : e.getMessage()), e);
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** The pooled data source (also handed to JobRunr's storage provider). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The jOOQ context on the pool; use {@code dsl().transactionResult(...)} for a unit of work. */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Completes, with a one-line description, when the embedded server this process started dies (see
     * {@link EmbeddedDatabase#serverDeath}); the pool is closed by then. Never completes for an external database or
     * an embedded server another process owns.
     */
    public CompletionStage<String> embeddedServerDeath() {
        return embeddedServerDeath;
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
