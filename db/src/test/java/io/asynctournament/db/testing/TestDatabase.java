package io.asynctournament.db.testing;

import io.asynctournament.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One embedded PostgreSQL per test JVM (real PostgreSQL binaries), migrated once by the real Flyway migrations.
 * Fsync stays off here: durability is not what tests check, speed is welcome.
 */
public final class TestDatabase {
    private static Database database;
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    /** The shared, migrated database; started on first use and stopped when the JVM exits. */
    public static synchronized Database get() {
        if (database == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
            }
            database = Database.using(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, "test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                database.close();
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return database;
    }

    /** JDBC URL of the shared test database (for a second pool or a second JobRunr storage provider). */
    public static synchronized String jdbcUrl() {
        get();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Empties every table of the bot's schema (JobRunr's tables included when present), keeping the schema. */
    public static void clear() {
        DSLContext dsl = get().dsl();
        dsl.execute("""
                do $$
                declare tables text;
                begin
                  select string_agg(format('%I', tablename), ', ') into tables
                    from pg_tables
                   where schemaname = 'public' and tablename <> 'flyway_schema_history'
                     and tablename not in ('jobrunr_migrations', 'jobrunr_metadata');
                  if tables is not null then
                    execute 'truncate ' || tables || ' restart identity cascade';
                  end if;
                end $$""");
    }
}
