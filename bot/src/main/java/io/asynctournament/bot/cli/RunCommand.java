package io.asynctournament.bot.cli;

import io.asynctournament.bot.config.BotContext;
import io.asynctournament.bot.discord.DiscordConnection;
import io.asynctournament.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code run}: the bot process. Database (embedded unless DATABASE_URL), JobRunr with the recurring tasks, the
 * dashboard, and Discord when DISCORD_TOKEN is set. Runs until SIGTERM / Ctrl-C, then shuts down cleanly. A Discord
 * that cannot be reached is retried in the background; a token Discord rejects (at startup or when Discord is first
 * reached later) stops it with exit code 2.
 *
 * <p>If the embedded PostgreSQL server it started dies, the bot cannot keep any promise (no scheduler, no records),
 * so it says so in one line on stderr and exits with {@link ExitCodes#DATABASE_DIED} (5), for a supervisor to start
 * it again (README, "CLI"); the next start recovers the data directory.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bot: scheduler, dashboard, and Discord when DISCORD_TOKEN is set (the default command).")
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    /**
     * How long shutting down may take once the database is gone; then the process is halted. Discord and the
     * dashboard stop in well under a second; JobRunr's job server would wait for its threads' connection timeouts,
     * logging each, for nothing (it has no database to tell it stopped).
     */
    private static final Duration SHUTDOWN_AFTER_DEATH = Duration.ofSeconds(5);

    @ParentCommand
    BotCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return runWith(root, spec.commandLine().getErr());
    }

    Integer runWith(BotCommand rootCommand, PrintWriter err) {
        AnnotationConfigApplicationContext context = BotContext.forBot(rootCommand.settings(),
                rootCommand.jdaCustomizer, rootCommand.discordBackoff);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (context.isActive()) {
                log.info("Shutting down");
                context.close();
                log.info("Stopped");
            }
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        AtomicReference<Throwable> rejected = new AtomicReference<>();
        context.getBean(DiscordConnection.class).loggedIn().whenComplete((jda, failure) -> {
            if (failure != null) {
                rejected.set(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
                stopped.countDown();
            }
        });
        AtomicReference<String> serverDeath = new AtomicReference<>();
        context.getBean(Database.class).embeddedServerDeath().thenAccept(description -> {
            serverDeath.set(description);
            stopped.countDown();
        });
        log.info("Bot is running; stop it with Ctrl-C or SIGTERM");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (serverDeath.get() != null) {
            err.println("error: " + serverDeath.get() + "; the bot cannot work without its database and exits with "
                    + "code " + ExitCodes.DATABASE_DIED + " for a supervisor to restart it (or start it again by "
                    + "hand)");
            err.flush();
            closeWithin(context, SHUTDOWN_AFTER_DEATH);
            return ExitCodes.DATABASE_DIED;
        }
        if (rejected.get() == null) {
            return ExitCodes.OK;
        }
        err.println("error: " + rejected.get().getMessage());
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            context.close();
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook closes the context
        }
        return ExitCodes.BAD_INPUT;
    }

    /** Closes the context; if that hangs, halts the process (a shutdown hook would wait for the same close). */
    private static void closeWithin(AnnotationConfigApplicationContext context, Duration limit) {
        Thread closer = new Thread(context::close, "shutdown-without-database");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            log.info("Not waiting longer than {} s for the shutdown without a database; exiting now",
                    limit.toSeconds());
            Runtime.getRuntime().halt(ExitCodes.DATABASE_DIED);
        }
    }
}
