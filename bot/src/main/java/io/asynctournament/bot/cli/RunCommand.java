package io.asynctournament.bot.cli;

import io.asynctournament.bot.config.BotContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code run}: the bot process. Database (embedded unless DATABASE_URL), JobRunr with the recurring tasks, the
 * dashboard, and Discord when DISCORD_TOKEN is set. Runs until SIGTERM / Ctrl-C, then shuts down cleanly.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bot: scheduler, dashboard, and Discord when DISCORD_TOKEN is set (the default command).")
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    BotCommand root;

    @Override
    public Integer call() {
        return runWith(root);
    }

    Integer runWith(BotCommand rootCommand) {
        AnnotationConfigApplicationContext context = BotContext.forBot(rootCommand.settings());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down");
            context.close();
            log.info("Stopped");
            stopped.countDown();
        }, "shutdown"));
        log.info("Bot is running; stop it with Ctrl-C or SIGTERM");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
