package io.asynctournament.bot.discord.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rate limits the fake Discord enforces, as Discord sends them: per-route buckets (a limit per window, per major
 * parameter: channel, guild, webhook or interaction token) announced in {@code X-RateLimit-*} headers on every
 * response, and the global limit of 50 requests per second, which interaction responses are not under. Exceeding
 * either is answered 429 with {@code retry_after} and {@code global} in the body, so JDA's own rate limiter runs as
 * in production.
 *
 * <p>Discord publishes the global limit; per-route limits are only announced in the headers. The fake uses what
 * Discord announces for message creation (5 per 5 s per channel) and its own choice for thread creation (10 per
 * 10 s per parent channel, one bucket for both thread routes) and for every other route (50 per second per route
 * and major parameter).
 */
public final class RateLimits {
    /** Discord's global limit: requests per second across all routes except interaction responses. */
    public static final int GLOBAL_PER_SECOND = 50;

    /** One bucket: the routes it covers ({@code METHOD /template} as in Discord's spec), limit per window. */
    record Rule(String name, List<String> routes, int limit, Duration window) {}

    private final boolean enforced;
    private final int globalPerSecond;
    private final List<Rule> rules;
    private final Rule fallback;

    private RateLimits(boolean enforced, int globalPerSecond, List<Rule> rules, Rule fallback) {
        this.enforced = enforced;
        this.globalPerSecond = globalPerSecond;
        this.rules = List.copyOf(rules);
        this.fallback = fallback;
    }

    /** Discord's limits (the default of every {@link FakeDiscord}). */
    public static RateLimits discord() {
        return new RateLimits(true, GLOBAL_PER_SECOND, List.of(
                new Rule("message-create", List.of("POST /channels/{channel_id}/messages"), 5, Duration.ofSeconds(5)),
                new Rule("thread-create", List.of("POST /channels/{channel_id}/threads",
                        "POST /channels/{channel_id}/messages/{message_id}/threads"), 10, Duration.ofSeconds(10))),
                new Rule("route", List.of(), 50, Duration.ofSeconds(1)));
    }

    /**
     * No limit is enforced (for a test that measures something else): responses still carry the headers, with a
     * remaining count JDA never runs out of.
     */
    public static RateLimits off() {
        RateLimits discord = discord();
        return new RateLimits(false, discord.globalPerSecond, discord.rules, discord.fallback);
    }

    /**
     * These limits with one bucket replaced or added: {@code routes} are {@code "METHOD /template"} strings as in
     * Discord's spec, e.g. {@code "POST /channels/{channel_id}/messages"}.
     *
     * @throws IllegalArgumentException if limit is below 1, the window is not positive or a route is malformed
     */
    public RateLimits withBucket(String name, int limit, Duration window, String... routes) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a bucket needs a limit of at least 1 and a positive window, got "
                    + limit + " per " + window);
        }
        for (String route : routes) {
            if (!route.matches("(GET|POST|PUT|PATCH|DELETE) /\\S*")) {
                throw new IllegalArgumentException("route " + route + " is not \"METHOD /template\"");
            }
        }
        List<Rule> changed = new ArrayList<>();
        for (Rule rule : rules) {
            if (!rule.name().equals(name)) {
                changed.add(rule);
            }
        }
        changed.add(new Rule(name, List.of(routes), limit, window));
        return new RateLimits(enforced, globalPerSecond, changed, fallback);
    }

    /**
     * These limits with another global limit (requests per second): for a test of how the bot copes with a global
     * 429, without having to send more than 50 requests within one second.
     *
     * @throws IllegalArgumentException if {@code perSecond} is below 1
     */
    public RateLimits withGlobalLimit(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("the global limit must be at least 1 request per second, got "
                    + perSecond);
        }
        return new RateLimits(enforced, perSecond, rules, fallback);
    }

    boolean enforced() {
        return enforced;
    }

    int globalPerSecond() {
        return globalPerSecond;
    }

    /** The rule for {@code METHOD /template}; the per-route fallback if no bucket names it. */
    Rule ruleFor(String route) {
        Optional<Rule> rule = rules.stream().filter(r -> r.routes().contains(route)).findFirst();
        return rule.orElse(fallback);
    }
}
