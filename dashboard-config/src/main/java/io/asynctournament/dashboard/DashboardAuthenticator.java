package io.asynctournament.dashboard;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP basic auth for the dashboard, in place of the JDK's {@code BasicAuthenticator} (which drops the connection on a
 * header that is not valid base64 or has no {@code :}). Every malformed or wrong {@code Authorization} header gets a
 * 401 with a {@code WWW-Authenticate} challenge; credentials are compared in constant time; failed logins are slowed
 * per client address by a {@link LoginThrottle}: a locked-out client gets 429 with {@code Retry-After} (seconds) and
 * its credentials are not checked.
 */
final class DashboardAuthenticator extends Authenticator {
    static final String REALM = "Async tournament dashboard";

    private final String user;
    private final byte[] credentialsDigest;
    private final LoginThrottle throttle;

    DashboardAuthenticator(String user, String password, LoginThrottle throttle) {
        this.user = user;
        this.credentialsDigest = sha256(user + ":" + password);
        this.throttle = throttle;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        InetAddress client = exchange.getRemoteAddress().getAddress();
        Optional<Duration> locked = throttle.lockedOutFor(client);
        if (locked.isPresent()) {
            long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            return new Failure(429);
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            return challenge(exchange); // a browser's first request: not a failed login
        }
        Optional<String> credentials = decode(header);
        if (credentials.isPresent() && MessageDigest.isEqual(sha256(credentials.get()), credentialsDigest)) {
            throttle.succeeded(client);
            return new Success(new HttpPrincipal(user, REALM));
        }
        throttle.failed(client);
        return challenge(exchange);
    }

    private static Retry challenge(HttpExchange exchange) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        return new Retry(401);
    }

    /** {@code user:password} from a {@code Basic} header, or empty when the header is not one. */
    static Optional<String> decode(String header) {
        String[] parts = header.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(parts[1].strip()), StandardCharsets.UTF_8);
            return decoded.indexOf(':') < 0 ? Optional.empty() : Optional.of(decoded);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
