package io.asynctournament.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import javax.sql.DataSource;

/**
 * The bot's database: a HikariCP pool on PostgreSQL (external or embedded), migrated by Flyway on open, and the jOOQ
 * context every repository uses. Closing it closes the pool and stops an embedded server this process started.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final EmbeddedDatabase embedded; // null for an external database

    private Database(HikariDataSource dataSource, EmbeddedDatabase embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
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
     */
    public static Database open(DatabaseSettings settings, boolean ownsDataDirectory, String poolName) {
        EmbeddedDatabase embedded = null;
        String url;
        String user;
        String password;
        if (settings.embedded()) {
            embedded = EmbeddedDatabase.startOrAttach(settings.dataDirectory(), !ownsDataDirectory);
            url = embedded.jdbcUrl();
            user = embedded.user();
            password = null;
        } else {
            url = settings.jdbcUrl().orElseThrow();
            user = settings.user();
            password = settings.password();
        }
        try {
            Database database = new Database(pool(url, user, password, poolName), embedded);
            database.migrate();
            return database;
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** Wraps an existing data source (tests); migrations are applied. */
    public static Database using(String url, String user, String password, String poolName) {
        Database database = new Database(pool(url, user, password, poolName), null);
        database.migrate();
        return database;
    }

    private static HikariDataSource pool(String url, String user, String password, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName(poolName);
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
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

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
