package io.asynctournament.db.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Plain JDBC logins as the superuser {@code postgres}, to check what the embedded server lets in. */
public final class Logins {
    private Logins() {
    }

    /** The error of a login with {@code password} (null: none); fails the test if the login works. */
    public static Throwable refused(String url, String password) {
        try (Connection ignored = connect(url, password)) {
            throw new AssertionError("the server let postgres in " + (password == null ? "without a password"
                    : "with a wrong password"));
        } catch (SQLException e) {
            return e;
        }
    }

    /** True when a login with {@code password} works and runs a query. */
    public static boolean works(String url, String password) throws SQLException {
        try (Connection connection = connect(url, password)) {
            return connection.createStatement().executeQuery("select 1").next();
        }
    }

    /** The password the bot keeps in {@code dataDirectory/postgres-password}. */
    public static String passwordIn(Path dataDirectory) throws IOException {
        return Files.readString(dataDirectory.resolve("postgres-password")).strip();
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, properties);
    }
}
