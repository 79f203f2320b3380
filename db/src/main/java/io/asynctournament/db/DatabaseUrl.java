package io.asynctournament.db;

import org.postgresql.Driver;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Reads {@code DATABASE_URL}: a pgjdbc URL ({@code jdbc:postgresql://host:port/db?key=value}) or the libpq form
 * ({@code postgres://user:password@host:port/db?sslmode=require}, also {@code postgresql://}), which is converted.
 * The user and password are taken out of the URL (its user info or its {@code user=} / {@code password=}
 * parameters), so that the JDBC URL handed on holds no password. No message ever contains the URL: only its scheme
 * or its hosts and ports.
 */
final class DatabaseUrl {
    static final String SETTING = "DATABASE_URL";
    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final String FORMS = "jdbc:postgresql://HOST[:PORT]/DATABASE[?key=value&...] or "
            + "postgres://USER:PASSWORD@HOST[:PORT]/DATABASE[?key=value&...]";
    /** pgjdbc parameters that the timeout settings own. */
    private static final Set<String> TIMEOUT_PARAMETERS = Set.of("connecttimeout", "logintimeout", "sockettimeout",
            "connect_timeout");

    /**
     * A URL read from the setting.
     *
     * @param jdbcUrl  a {@code jdbc:postgresql:} URL without user or password
     * @param user     the user the URL gave, or null
     * @param password the password the URL gave, or null
     */
    record Parsed(String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "Parsed[jdbcUrl=" + redact(jdbcUrl) + ", user=" + user + ", password="
                    + (password == null ? null : "***") + "]";
        }
    }

    private DatabaseUrl() {
    }

    /**
     * Parses the setting's value.
     *
     * @throws IllegalArgumentException saying what is wrong and the accepted forms, never echoing the value
     */
    static Parsed parse(String url) {
        Parsed parsed;
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith(JDBC_PREFIX)) {
            parsed = parseJdbc(url);
        } else if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            parsed = convertUri(url.substring(url.indexOf("://") + 3));
        } else {
            int colon = url.indexOf(':');
            String scheme = colon > 0 && colon < 20 ? "'" + url.substring(0, colon + 1) + "'" : "none";
            throw new IllegalArgumentException(SETTING + " must be a PostgreSQL JDBC URL or a postgres:// URL: "
                    + FORMS + "; its scheme is " + scheme);
        }
        if (Driver.parseURL(parsed.jdbcUrl(), new Properties()) == null) {
            throw new IllegalArgumentException(SETTING + " is not a URL PostgreSQL's JDBC driver accepts (check "
                    + "the host list and that every port is a number from 1 to 65535); accepted: " + FORMS);
        }
        return parsed;
    }

    /** The URL's hosts and ports for a message, e.g. {@code db.example.org:5432}; never the user or password. */
    static String hostsAndPorts(String jdbcUrl) {
        Properties props = Driver.parseURL(jdbcUrl, new Properties());
        if (props == null) {
            return "(an invalid URL)";
        }
        String[] hosts = props.getProperty("PGHOST", "localhost").split(",");
        String[] ports = props.getProperty("PGPORT", "5432").split(",");
        List<String> result = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            String host = hosts[i].contains(":") && !hosts[i].startsWith("[") ? "[" + hosts[i] + "]" : hosts[i];
            result.add(host + ":" + (i < ports.length ? ports[i] : ports[ports.length - 1]));
        }
        return String.join(", ", result);
    }

    /** The URL with every parameter whose name contains "password" (e.g. {@code sslpassword}) masked. */
    static String redact(String jdbcUrl) {
        int question = jdbcUrl.indexOf('?');
        if (question < 0) {
            return jdbcUrl;
        }
        List<String> parts = new ArrayList<>();
        for (String token : jdbcUrl.substring(question + 1).split("&", -1)) {
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            parts.add(key.toLowerCase(Locale.ROOT).contains("password") ? key + "=***" : token);
        }
        return jdbcUrl.substring(0, question + 1) + String.join("&", parts);
    }

    private static Parsed parseJdbc(String url) {
        int question = url.indexOf('?');
        String base = question < 0 ? url : url.substring(0, question);
        String rest = base.substring(JDBC_PREFIX.length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            if (authority.contains("@")) {
                throw new IllegalArgumentException(SETTING + ": a jdbc:postgresql: URL cannot hold USER:PASSWORD@; "
                        + "give them in DATABASE_USER and DATABASE_PASSWORD (or its user= and password= "
                        + "parameters), or use the form postgres://USER:PASSWORD@HOST[:PORT]/DATABASE");
            }
        }
        String user = null;
        String password = null;
        List<String> kept = new ArrayList<>();
        if (question >= 0) {
            for (String token : url.substring(question + 1).split("&")) {
                if (token.isEmpty()) {
                    continue;
                }
                int eq = token.indexOf('=');
                String key = eq < 0 ? token : token.substring(0, eq);
                String value = eq < 0 ? "" : token.substring(eq + 1);
                checkNotTimeout(key);
                if (key.equals("user")) {
                    user = jdbcDecode(value, "user");
                } else if (key.equals("password")) {
                    password = jdbcDecode(value, "password");
                } else {
                    kept.add(token);
                }
            }
        }
        String jdbcUrl = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
        return new Parsed(jdbcUrl, blankToNull(user), emptyToNull(password));
    }

    /** {@code [user[:password]@]hosts[/database][?parameters]}, as libpq reads it, to a pgjdbc URL. */
    private static Parsed convertUri(String rest) {
        int slash = rest.indexOf('/');
        String beforePath = slash < 0 ? rest : rest.substring(0, slash);
        int at = beforePath.lastIndexOf('@');
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = uriDecode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
            password = colon < 0 ? null : uriDecode(userInfo.substring(colon + 1), "password");
            rest = rest.substring(at + 1);
        }
        int end = indexOfAny(rest, "/?");
        String hosts = end < 0 ? rest : rest.substring(0, end);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(SETTING + " must name a host (a Unix socket is not supported); "
                    + "accepted: " + FORMS);
        }
        String database = "";
        String query = "";
        if (end >= 0) {
            String tail = rest.substring(end);
            int question = tail.indexOf('?');
            database = question < 0 ? tail : tail.substring(0, question);
            query = question < 0 ? "" : tail.substring(question + 1);
            database = database.startsWith("/") ? database.substring(1) : database;
        }
        if (hosts.contains("%")) {
            throw new IllegalArgumentException(SETTING + " must name a host by name or address (a Unix socket is "
                    + "not supported); accepted: " + FORMS);
        }
        // pgjdbc decodes the database name as a form value (+ is a space): hand it on encoded that way
        database = jdbcEncode(uriDecode(database, "database name"));
        List<String> params = new ArrayList<>();
        for (String token : query.split("&")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String key = uriDecode(eq < 0 ? token : token.substring(0, eq), "parameter name");
            String value = eq < 0 ? "" : uriDecode(token.substring(eq + 1), "value of " + key);
            checkNotTimeout(key);
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                // libpq's name; pgjdbc calls it ApplicationName
                case "application_name" -> params.add("ApplicationName=" + jdbcEncode(value));
                default -> params.add(jdbcEncode(key) + "=" + jdbcEncode(value));
            }
        }
        String jdbcUrl = "jdbc:postgresql://" + hosts + "/" + database
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
        return new Parsed(jdbcUrl, blankToNull(user), emptyToNull(password));
    }

    private static void checkNotTimeout(String key) {
        if (TIMEOUT_PARAMETERS.contains(key.toLowerCase(Locale.ROOT))) {
            String setting = key.toLowerCase(Locale.ROOT).startsWith("socket") ? DatabaseTimeouts.SOCKET_SETTING
                    : DatabaseTimeouts.CONNECT_SETTING;
            throw new IllegalArgumentException(SETTING + " must not set " + key + "; use " + setting + " instead");
        }
    }

    private static String jdbcDecode(String value, String what) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SETTING + " has a bad percent-encoding in its " + what
                    + " parameter (% must be followed by two hex digits)");
        }
    }

    private static String jdbcEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** RFC 3986 percent-decoding as libpq does it: {@code %XX} is a byte, {@code +} stays a plus sign. */
    private static String uriDecode(String text, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException(SETTING + " has a bad percent-encoding in its " + what
                            + " (% must be followed by two hex digits, e.g. %40 for @)");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
