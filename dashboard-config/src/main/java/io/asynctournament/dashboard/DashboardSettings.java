package io.asynctournament.dashboard;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of JobRunr's dashboard: {@code DASHBOARD_PORT} (default 8000), {@code DASHBOARD_BIND} (the address to
 * listen on; default all interfaces), {@code DASHBOARD_USER} (default {@code admin}; no {@code :}, which basic auth
 * cannot carry in a user name) and {@code DASHBOARD_PASSWORD} (at least {@value #MIN_PASSWORD_LENGTH} characters).
 * Without a password one is generated at startup ({@link #passwordGenerated()}) and must be printed once for the
 * operator. README, "Configuration", lists the settings.
 *
 * @param port              TCP port, 1 to 65535
 * @param bind              the address to listen on; empty: every interface
 * @param user              basic-auth user
 * @param password          basic-auth password
 * @param passwordGenerated true when the password was generated because none was set
 */
public record DashboardSettings(int port, Optional<InetAddress> bind, String user, String password,
                                boolean passwordGenerated) {
    public static final int DEFAULT_PORT = 8000;
    public static final String DEFAULT_USER = "admin";
    /** The shortest {@code DASHBOARD_PASSWORD} accepted, in characters. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    /**
     * Reads the settings from environment variables.
     *
     * @throws IllegalArgumentException naming the variable that is wrong and what is accepted (never quoting the
     *                                  password)
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
        Optional<InetAddress> bind = bindAddress(env.get("DASHBOARD_BIND"));
        String user = env.getOrDefault("DASHBOARD_USER", "").isBlank() ? DEFAULT_USER : env.get("DASHBOARD_USER").trim();
        if (user.contains(":")) {
            throw new IllegalArgumentException("DASHBOARD_USER must not contain ':' (basic auth splits the user from "
                    + "the password at the first ':', so nobody could log in), got '" + user + "'");
        }
        String password = env.get("DASHBOARD_PASSWORD");
        if (password == null || password.isEmpty()) {
            return new DashboardSettings(port, bind, user, generatePassword(), true);
        }
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("DASHBOARD_PASSWORD is too short: it must have at least "
                    + MIN_PASSWORD_LENGTH + " characters; or leave it unset and a strong one is generated and "
                    + "printed at startup");
        }
        return new DashboardSettings(port, bind, user, password, false);
    }

    /**
     * {@code DASHBOARD_BIND}: an IP address of this machine (e.g. 127.0.0.1, ::1), {@code localhost}, or
     * {@code 0.0.0.0} / unset for every interface. Host names other than localhost are refused: they would need a
     * DNS lookup at startup and may name another machine.
     */
    private static Optional<InetAddress> bindAddress(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        String accepted = "DASHBOARD_BIND must be an IP address of this machine (e.g. 127.0.0.1 to listen only "
                + "on loopback, behind a reverse proxy) or 0.0.0.0 for every interface, got '" + value + "'";
        boolean literal = value.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")
                || value.contains(":");
        if (!literal && !value.equalsIgnoreCase("localhost")) {
            throw new IllegalArgumentException(accepted);
        }
        try {
            InetAddress address = InetAddress.getByName(value.equalsIgnoreCase("localhost") ? "127.0.0.1" : value);
            if (address.isAnyLocalAddress()) {
                return Optional.empty();
            }
            if (!address.isLoopbackAddress() && NetworkInterface.getByInetAddress(address) == null) {
                throw new IllegalArgumentException(accepted + " (no interface of this machine has it)");
            }
            return Optional.of(address);
        } catch (UnknownHostException | SocketException e) {
            throw new IllegalArgumentException(accepted);
        }
    }

    /** 24 random URL-safe characters (144 bits) from {@link SecureRandom}. */
    static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The host to show in the dashboard's address: the bound address, or localhost when bound to every interface. */
    public String displayHost() {
        return bind.map(a -> a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress())
                .orElse("localhost");
    }

    @Override
    public String toString() {
        return "DashboardSettings[port=" + port + ", bind=" + bind.map(InetAddress::getHostAddress).orElse("*")
                + ", user=" + user + ", password=***]";
    }
}
