package io.asynctournament.dashboard;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Settings of JobRunr's dashboard: {@code DASHBOARD_PORT} (default 8000), {@code DASHBOARD_USER} (default
 * {@code admin}) and {@code DASHBOARD_PASSWORD}. Without a password one is generated at startup
 * ({@link #passwordGenerated()}) and must be printed once for the operator.
 *
 * @param port              TCP port, 1 to 65535
 * @param user              basic-auth user
 * @param password          basic-auth password
 * @param passwordGenerated true when the password was generated because none was set
 */
public record DashboardSettings(int port, String user, String password, boolean passwordGenerated) {
    public static final int DEFAULT_PORT = 8000;
    public static final String DEFAULT_USER = "admin";

    /**
     * Reads the settings from environment variables.
     *
     * @throws IllegalArgumentException when DASHBOARD_PORT is not a port number
     */
    public static DashboardSettings fromEnvironment(Map<String, String> env) {
        int port = DEFAULT_PORT;
        String portText = env.get("DASHBOARD_PORT");
        if (portText != null && !portText.isBlank()) {
            try {
                port = Integer.parseInt(portText.trim());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("DASHBOARD_PORT must be a port number from 1 to 65535, got '"
                        + portText + "'");
            }
        }
        String user = env.getOrDefault("DASHBOARD_USER", "").isBlank() ? DEFAULT_USER : env.get("DASHBOARD_USER").trim();
        String password = env.get("DASHBOARD_PASSWORD");
        if (password == null || password.isEmpty()) {
            return new DashboardSettings(port, user, generatePassword(), true);
        }
        return new DashboardSettings(port, user, password, false);
    }

    /** 24 random URL-safe characters (144 bits) from {@link SecureRandom}. */
    static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "DashboardSettings[port=" + port + ", user=" + user + ", password=***]";
    }
}
