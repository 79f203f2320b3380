package io.asynctournament.db;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the database is: an external PostgreSQL given by {@code DATABASE_URL} (a JDBC URL) with
 * {@code DATABASE_USER} / {@code DATABASE_PASSWORD}, or, when no URL is set, an embedded PostgreSQL whose data lives
 * in {@code dataDirectory/postgres}.
 *
 * @param jdbcUrl       JDBC URL of an external database, or empty for the embedded one
 * @param user          user for the external database (may be null)
 * @param password      password for the external database (may be null)
 * @param dataDirectory the bot's data directory (default {@code ./data}); the embedded database lives below it
 */
public record DatabaseSettings(Optional<String> jdbcUrl, String user, String password, Path dataDirectory) {

    /** The default data directory, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");

    /**
     * Reads the settings from environment variables.
     *
     * @throws IllegalArgumentException when {@code DATABASE_URL} is set but is not a {@code jdbc:postgresql:} URL
     */
    public static DatabaseSettings fromEnvironment(Map<String, String> env, Path dataDirectory) {
        String url = blankToNull(env.get("DATABASE_URL"));
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("DATABASE_URL must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://localhost:5432/tournaments, got: " + url);
        }
        return new DatabaseSettings(Optional.ofNullable(url), blankToNull(env.get("DATABASE_USER")),
                blankToNull(env.get("DATABASE_PASSWORD")),
                dataDirectory == null ? DEFAULT_DATA_DIRECTORY : dataDirectory);
    }

    /** True when no external database is configured and the embedded one is used. */
    public boolean embedded() {
        return jdbcUrl.isEmpty();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
