package io.asynctournament.bot.cli;

import io.asynctournament.bot.config.BotContext;
import io.asynctournament.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code run}: the bot process. Database (embedded unless DATABASE_URL), JobRunr with the recurring tasks, the
 * dashboard, and Discord when DISCORD_TOKEN is set. Runs until SIGTERM / Ctrl-C, then shuts down cleanly.
 *
 * <p>If the embedded PostgreSQL server it started dies, the bot cannot keep any promise (no scheduler, no records),
 * so it says so in one line on stderr and exits with {@link ExitCodes#DATABASE_DIED} (4), for a supervisor to start
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

    @Override
    public Integer call() {
        return runWith(root);
    }

    Integer runWith(BotCommand rootCommand) {
        AnnotationConfigApplicationContext context = BotContext.forBot(rootCommand.settings());
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<String> serverDeath = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (context.isActive()) {
                log.info("Shutting down");
                context.close();
                log.info("Stopped");
            }
            stopped.countDown();
        }, "shutdown"));
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
        String description = serverDeath.get();
        if (description == null) {
            return ExitCodes.OK;
        }
        System.err.println("error: " + description + "; the bot cannot work without its database and exits with "
                + "code " + ExitCodes.DATABASE_DIED + " for a supervisor to restart it (or start it again by hand)");
        closeWithin(context, SHUTDOWN_AFTER_DEATH);
        return ExitCodes.DATABASE_DIED;
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
