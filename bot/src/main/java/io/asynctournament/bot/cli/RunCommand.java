package io.asynctournament.bot.cli;

import io.asynctournament.bot.config.BotContext;
import io.asynctournament.bot.discord.DiscordConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code run}: the bot process. Database (embedded unless DATABASE_URL), JobRunr with the recurring tasks, the
 * dashboard, and Discord when DISCORD_TOKEN is set. Runs until SIGTERM / Ctrl-C, then shuts down cleanly. A Discord
 * that cannot be reached is retried in the background; a token Discord rejects (at startup or when Discord is first
 * reached later) stops it with exit code 2.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bot: scheduler, dashboard, and Discord when DISCORD_TOKEN is set (the default command).")
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

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
            log.info("Shutting down");
            context.close();
            log.info("Stopped");
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
        log.info("Bot is running; stop it with Ctrl-C or SIGTERM");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
}
