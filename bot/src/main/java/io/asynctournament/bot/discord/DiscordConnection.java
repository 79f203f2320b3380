package io.asynctournament.bot.discord;

import io.asynctournament.jobs.errors.UserError;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bot's Discord connection (JDA), or none when no {@code DISCORD_TOKEN} is set: the scheduler, dashboard and CLI
 * work without Discord. The bot needs no privileged intent: slash commands and buttons arrive as interactions.
 *
 * <p>Logging in is tried once at startup. When Discord cannot be reached (no network, DNS, a 5xx answer) the process
 * goes on without it and a background thread tries again after a {@link LoginBackoff} (5 s doubling to 5 minutes),
 * logging each failure as one line in words; once logged in, JDA reconnects the gateway by itself. Only a token
 * that Discord rejects stops the bot: at startup {@link #connect} throws, later {@link #loggedIn()} fails with the
 * same {@link UserError} (the {@code run} command then exits 2). README, "Reliability and security".
 */
public final class DiscordConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiscordConnection.class);

    private final Supplier<JDABuilder> builders; // null when Discord is off
    private final LoginBackoff backoff;
    private final CompletableFuture<JDA> loggedIn = new CompletableFuture<>();
    private ScheduledExecutorService retries;
    private volatile JDA jda;
    private boolean closed;
    private int failures;

    private DiscordConnection(Supplier<JDABuilder> builders, LoginBackoff backoff) {
        this.builders = builders;
        this.backoff = backoff;
    }

    /**
     * Logs in with the token, or returns a connection that is off. A Discord that cannot be reached does not fail
     * this: logging in is retried in the background.
     *
     * @param listeners  JDA event listeners (slash commands, command registration)
     * @param customizer adjusts the builder (tests point it at a local fake Discord)
     * @param backoff    the waits between attempts while Discord cannot be reached
     * @throws UserError (bad input) when Discord rejects the token (the process then exits instead of retrying)
     */
    public static DiscordConnection connect(Optional<String> token, List<Object> listeners, JdaCustomizer customizer,
                                            LoginBackoff backoff) {
        if (token.isEmpty()) {
            log.warn("DISCORD_TOKEN is not set: Discord is off. The scheduler, dashboard and CLI run without it.");
            return new DiscordConnection(null, backoff);
        }
        DiscordConnection connection = new DiscordConnection(() -> customizer.apply(
                JDABuilder.createLight(token.get(), EnumSet.of(GatewayIntent.GUILD_MESSAGES))
                        .addEventListeners(listeners.toArray())), backoff);
        log.info("Logging in to Discord");
        connection.attempt(backoff.first(), true);
        return connection;
    }

    /** The JDA client, once logged in; empty while Discord is off or not reached yet. */
    public Optional<JDA> jda() {
        return Optional.ofNullable(jda);
    }

    /**
     * Completes with the JDA client once logged in (at once if already), or fails with an
     * {@link UserError} (bad input) when Discord rejected the token. Never completes while Discord is off.
     */
    public CompletionStage<JDA> loggedIn() {
        return loggedIn.minimalCompletionStage();
    }

    /** One login attempt; on a failure other than a rejected token, schedules the next one after {@code wait}. */
    private void attempt(Duration wait, boolean atStartup) {
        JDA built;
        try {
            built = builders.get().build();
        } catch (InvalidTokenException e) {
            UserError rejected = UserError.badInput("Discord rejected DISCORD_TOKEN ("
                    + e.getMessage() + "): copy the bot token from the Discord developer portal (your application > "
                    + "Bot > Reset Token)", e);
            loggedIn.completeExceptionally(rejected);
            if (atStartup) {
                throw rejected;
            }
            log.error("{}; the bot stops", rejected.getMessage());
            return;
        } catch (RuntimeException e) {
            failures++;
            log.warn("{}: retrying in {}{}", describe(e), LoginBackoff.words(wait), atStartup
                    ? "; the scheduler and the dashboard keep running meanwhile" : "");
            log.debug("Discord login attempt {} failed", failures, e);
            schedule(wait);
            return;
        }
        synchronized (this) {
            if (closed) {
                built.shutdownNow();
                return;
            }
            jda = built;
        }
        if (failures > 0) {
            log.info("Logged in to Discord after {} failed attempt{}", failures, failures == 1 ? "" : "s");
        }
        loggedIn.complete(built);
    }

    private synchronized void schedule(Duration wait) {
        if (closed) {
            return;
        }
        if (retries == null) {
            retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "discord-login");
                thread.setDaemon(true);
                return thread;
            });
        }
        retries.schedule(() -> attempt(backoff.after(wait), false), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why a login attempt failed, in words: "Discord is unreachable (unknown host discord.com)". */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
            if (cause instanceof UnknownHostException) {
                return "Discord is unreachable (unknown host" + (cause.getMessage() == null ? ""
                        : " " + cause.getMessage()) + ")";
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return "Discord is unreachable (cannot connect" + message + ")";
            }
            if (cause instanceof SocketTimeoutException) {
                return "Discord is unreachable (timed out" + message + ")";
            }
            if (cause instanceof SSLException) {
                return "Discord is unreachable (TLS failed" + message + ")";
            }
            if (cause instanceof IOException) {
                return "Discord is unreachable (" + cause.getClass().getSimpleName() + message + ")";
            }
            if (cause instanceof RateLimitedException) {
                return "Discord is rate limiting the login (" + cause.getMessage() + ")";
            }
            if (cause instanceof ErrorResponseException response && response.getResponse() != null
                    && response.getResponse().code >= 500) {
                return "Discord answered HTTP " + response.getResponse().code + " (a server error on Discord's side)";
            }
        }
        return "Logging in to Discord failed (" + failure + ")";
    }

    @Override
    public void close() {
        JDA client;
        synchronized (this) {
            closed = true;
            if (retries != null) {
                retries.shutdownNow();
            }
            client = jda;
        }
        if (client != null) {
            client.shutdown();
        }
    }
}
