package io.asynctournament.dashboard;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses cross-site requests that change state (CSRF): a request whose method is not GET, HEAD or OPTIONS must carry
 * an {@code Origin} header (or, without one, a {@code Referer}) naming the dashboard itself, i.e. the host and port of
 * the request's {@code Host} header; the scheme is not compared, so a TLS proxy in front works as long as it passes the
 * original {@code Host} on. Anything else gets 403 with a sentence saying why, before authentication, so the
 * request changes nothing. Browsers always send {@code Origin} on such requests; a script must send it too.
 */
final class SameOriginFilter extends Filter {
    private static final Logger log = LoggerFactory.getLogger(SameOriginFilter.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (SAFE_METHODS.contains(exchange.getRequestMethod().toUpperCase(Locale.ROOT))) {
            chain.doFilter(exchange);
            return;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String source = origin != null ? origin : exchange.getRequestHeaders().getFirst("Referer");
        Optional<String> authority = source == null ? Optional.empty() : authority(source);
        if (host != null && authority.isPresent() && authority.get().equalsIgnoreCase(host.strip())) {
            chain.doFilter(exchange);
            return;
        }
        String reason = source == null
                ? "the request has neither an Origin nor a Referer header"
                : "the request comes from " + (origin != null ? "Origin " : "Referer ") + source
                + ", not from this dashboard (" + (host == null ? "no Host header" : host) + ")";
        log.warn("Refused {} {} from {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRemoteAddress().getAddress().getHostAddress(), reason);
        refuse(exchange, "Refused: " + reason + ". The dashboard only accepts changes made from its own pages.\n");
    }

    @Override
    public String description() {
        return "refuses state-changing requests whose Origin or Referer is not the dashboard's own";
    }

    /** {@code host[:port]} of an origin or URL, without the scheme's default port; empty when it has none. */
    static Optional<String> authority(String originOrUrl) {
        try {
            URI uri = new URI(originOrUrl.strip());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (port == 80 && uri.getScheme().equalsIgnoreCase("http"))
                    || (port == 443 && uri.getScheme().equalsIgnoreCase("https"));
            return Optional.of(defaultPort ? uri.getHost() : uri.getHost() + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static void refuse(HttpExchange exchange, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(403, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } finally {
            exchange.close();
        }
    }
}
