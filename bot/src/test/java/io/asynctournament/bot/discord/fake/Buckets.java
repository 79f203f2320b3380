package io.asynctournament.bot.discord.fake;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's rate-limit state: a fixed window per bucket (rule + major parameter) and one global one-second window,
 * as {@link RateLimits} describes them. Each request takes a slot or is refused (429); the resulting state becomes
 * the response's {@code X-RateLimit-*} headers. Times are wall-clock milliseconds (JDA computes its back-off from
 * {@code X-RateLimit-Reset-After} in seconds, relative, so the fake's clock only needs to advance).
 */
final class Buckets {
    /** Major parameters, as Discord defines them: the top-level resource of a route. */
    private static final Pattern MAJOR = Pattern.compile(
            "^/(channels|guilds)/(\\d+)|^/(webhooks)/(\\d+)/([^/]+)|^/(interactions)/\\d+/([^/]+)");

    /** The outcome for one request: its bucket's state, and whether it was refused (429) and by which limit. */
    record Decision(RateLimitState state, boolean limited, boolean global) {
        /** {@code retry_after} in seconds, as the 429 body gives it (milliseconds precision). */
        double retryAfterSeconds() {
            return state.resetAfterMillis() / 1000.0;
        }

        Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-RateLimit-Limit", Integer.toString(state.limit()));
            headers.put("X-RateLimit-Remaining", Integer.toString(state.remaining()));
            headers.put("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", state.resetAtMillis() / 1000.0));
            headers.put("X-RateLimit-Reset-After",
                    String.format(Locale.ROOT, "%.3f", state.resetAfterMillis() / 1000.0));
            headers.put("X-RateLimit-Bucket", state.bucket());
            if (limited) {
                // JDA reads Retry-After as whole seconds; Discord rounds it up
                headers.put("Retry-After", Long.toString(Math.max(1, (state.resetAfterMillis() + 999) / 1000)));
                headers.put("X-RateLimit-Scope", state.scope());
                if (global) {
                    headers.put("X-RateLimit-Global", "true");
                }
            }
            return headers;
        }
    }

    private static final class Window {
        long endsAt;
        int used;
    }

    private record Bucket(RateLimits.Rule rule, String route, String hash, String key) {}

    private final Supplier<RateLimits> limits;
    private final Map<String, Window> windows = new HashMap<>();
    private final Window global = new Window();

    Buckets(Supplier<RateLimits> limits) {
        this.limits = limits;
    }

    /**
     * Takes a slot for a request ({@code apiPath} below {@code /api/v10/}, no query) at {@code now} (epoch ms):
     * first against the global limit unless {@code interaction}, then against its bucket.
     */
    synchronized Decision acquire(String method, String apiPath, boolean interaction, long now) {
        RateLimits config = limits.get();
        Bucket bucket = bucket(config, method, apiPath);
        RateLimits.Rule rule = bucket.rule();
        if (!config.enforced()) {
            int generous = Math.max(1000, rule.limit());
            long window = rule.window().toMillis();
            return new Decision(new RateLimitState(bucket.hash(), generous, generous - 1, now + window, window, null),
                    false, false);
        }
        if (!interaction) {
            if (global.endsAt <= now) {
                global.endsAt = now + 1000;
                global.used = 0;
            }
            if (global.used >= config.globalPerSecond()) {
                Window window = current(bucket, rule, now);
                long after = global.endsAt - now;
                return new Decision(new RateLimitState(bucket.hash(), rule.limit(), Math.max(0, rule.limit() - window.used),
                        global.endsAt, after, "global"), true, true);
            }
            global.used++;
        }
        Window window = current(bucket, rule, now);
        if (window.used >= rule.limit()) {
            return new Decision(new RateLimitState(bucket.hash(), rule.limit(), 0, window.endsAt, window.endsAt - now, "user"),
                    true, false);
        }
        window.used++;
        return new Decision(new RateLimitState(bucket.hash(), rule.limit(), rule.limit() - window.used, window.endsAt,
                window.endsAt - now, null), false, false);
    }

    /**
     * Empties the request's bucket for {@code retryAfterMillis} (an injected 429, {@link Failure#rateLimited}) and
     * returns the refusal Discord would send.
     */
    synchronized Decision exhaust(String method, String apiPath, long retryAfterMillis, long now) {
        RateLimits config = limits.get();
        Bucket bucket = bucket(config, method, apiPath);
        Window window = current(bucket, bucket.rule(), now);
        window.endsAt = Math.max(window.endsAt, now + retryAfterMillis);
        window.used = bucket.rule().limit();
        return new Decision(new RateLimitState(bucket.hash(), bucket.rule().limit(), 0, window.endsAt, window.endsAt - now,
                "user"), true, false);
    }

    private Window current(Bucket bucket, RateLimits.Rule rule, long now) {
        Window window = windows.computeIfAbsent(bucket.key(), k -> new Window());
        if (window.endsAt <= now) {
            window.endsAt = now + rule.window().toMillis();
            window.used = 0;
        }
        return window;
    }

    /** The rule a request falls under (by route template) and its bucket for the request's major parameter. */
    private static Bucket bucket(RateLimits config, String method, String apiPath) {
        String path = "/" + apiPath;
        String route = method + " " + template(path);
        RateLimits.Rule rule = config.ruleFor(route);
        String name = rule.routes().isEmpty() ? route : rule.name();
        String hash = String.format("%08x%08x", name.hashCode(), ("fake-discord:" + name).hashCode());
        return new Bucket(rule, route, hash, name + "|" + major(path));
    }

    /**
     * The route template of a path as Discord's spec writes it, for the routes with a dedicated bucket; others keep
     * their path with ids replaced by {@code {id}} (one fallback bucket per route shape).
     */
    private static String template(String path) {
        String[] parts = path.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            String previous = parts[i - 1];
            String name = switch (previous) {
                case "channels" -> "{channel_id}";
                case "messages" -> "{message_id}";
                case "guilds" -> "{guild_id}";
                default -> "{id}";
            };
            out.append('/').append(parts[i].matches("\\d+") ? name : parts[i]);
        }
        return out.toString();
    }

    private static String major(String path) {
        Matcher matcher = MAJOR.matcher(path);
        if (!matcher.find()) {
            return "";
        }
        if (matcher.group(1) != null) {
            return matcher.group(1) + "=" + matcher.group(2);
        }
        if (matcher.group(3) != null) {
            return "webhook=" + matcher.group(4) + "/" + matcher.group(5);
        }
        return "interaction=" + matcher.group(7);
    }
}
