package io.asynctournament.db;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the database is: an external PostgreSQL given by {@code DATABASE_URL} with {@code DATABASE_USER} /
 * {@code DATABASE_PASSWORD}, or, when no URL is set, an embedded PostgreSQL whose data lives in
 * {@code dataDirectory/postgres}; and how long to wait on it ({@link DatabaseTimeouts}). README, "Configuration".
 *
 * <p>{@code DATABASE_URL} is a pgjdbc URL ({@code jdbc:postgresql://host:5432/db}) or the libpq form
 * ({@code postgres://user:password@host:5432/db?sslmode=require}, also {@code postgresql://}), which is converted to
 * the first with its user and password (percent-decoded) and parameters carried over. No secret is part of
 * {@link #jdbcUrl()} or of {@link #toString()}, and no error message echoes the URL.
 *
 * @param jdbcUrl       JDBC URL of an external database, without user or password; empty for the embedded one
 * @param user          user for the external database (may be null)
 * @param password      password for the external database (may be null)
 * @param dataDirectory the bot's data directory (default {@code ./data}); the embedded database lives below it
 * @param timeouts      connect, socket and statement timeouts, for the external and the embedded database
 */
public record DatabaseSettings(Optional<String> jdbcUrl, String user, String password, Path dataDirectory,
                               DatabaseTimeouts timeouts) {

    /** The default data directory, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /** Settings with the default timeouts. */
    public DatabaseSettings(Optional<String> jdbcUrl, String user, String password, Path dataDirectory) {
        this(jdbcUrl, user, password, dataDirectory, DatabaseTimeouts.DEFAULTS);
    }

    /**
     * Reads the settings from environment variables.
     *
     * @throws IllegalArgumentException naming the setting that is wrong and what is accepted (never its secret):
     *                                  {@code DATABASE_URL} in neither accepted form, a user or password given both
     *                                  in the URL and in {@code DATABASE_USER} / {@code DATABASE_PASSWORD} with
     *                                  different values, or a timeout out of its range
     */
    public static DatabaseSettings fromEnvironment(Map<String, String> env, Path dataDirectory) {
        DatabaseTimeouts timeouts = DatabaseTimeouts.fromEnvironment(env);
        String url = blankToNull(env.get("DATABASE_URL"));
        String user = blankToNull(env.get("DATABASE_USER"));
        String password = blankToNull(env.get("DATABASE_PASSWORD"));
        Optional<String> jdbcUrl = Optional.empty();
        if (url != null) {
            DatabaseUrl.Parsed parsed = DatabaseUrl.parse(url);
            jdbcUrl = Optional.of(parsed.jdbcUrl());
            user = once("a user", parsed.user(), user, "DATABASE_USER");
            password = once("a password", parsed.password(), password, "DATABASE_PASSWORD");
        }
        return new DatabaseSettings(jdbcUrl, user, password,
                dataDirectory == null ? DEFAULT_DATA_DIRECTORY : dataDirectory, timeouts);
    }

    /** True when no external database is configured and the embedded one is used. */
    public boolean embedded() {
        return jdbcUrl.isEmpty();
    }

    /** The settings without the password (and with any other password parameter of the URL masked). */
    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl.map(DatabaseUrl::redact).orElse("(embedded)") + ", user=" + user
                + ", password=" + (password == null ? "(none)" : "***") + ", dataDirectory=" + dataDirectory
                + ", timeouts=" + timeouts + "]";
    }

    private static String once(String what, String fromUrl, String fromSetting, String setting) {
        if (fromUrl != null && fromSetting != null && !fromUrl.equals(fromSetting)) {
            throw new IllegalArgumentException("DATABASE_URL and " + setting + " both give " + what
                    + ", and they differ; give it in one place");
        }
        return fromUrl != null ? fromUrl : fromSetting;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
