package io.asynctournament.bot.cli;

import io.asynctournament.bot.config.BotContext;
import io.asynctournament.bot.config.BotSettings;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import io.asynctournament.bot.cli.tasks.TasksCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** The root command; with no subcommand it runs the bot ({@code run}). */
@Command(name = "async-tournament-bot", mixinStandardHelpOptions = true, versionProvider = BotVersion.class,
        description = "Async tournament bot for Discord: races, timeouts, par times and scores.",
        subcommands = {RunCommand.class, ImportCommand.class, LeaderboardCommand.class, TasksCommand.class,
                HealthCommand.class})
public final class BotCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded PostgreSQL keeps its data when DATABASE_URL is not set (default: ./data).")
    Path dataDirectory;

    /** The environment the commands read; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        return new RunCommand().runWith(this);
    }

    /** Reads the settings; bad values become a usage error naming the variable. */
    BotSettings settings() {
        return BotSettings.fromEnvironment(environment, dataDirectory);
    }

    /** JobRunr's poll interval from the settings (intervals must be at least twice it). */
    public java.time.Duration pollInterval() {
        return BotSettings.forCli(environment, dataDirectory).pollInterval();
    }

    /** A Spring context with the database and tasks, for CLI commands. */
    public AnnotationConfigApplicationContext cliContext() {
        return BotContext.forCli(BotSettings.forCli(environment, dataDirectory));
    }

    /** The command line with our error handling: bad input exits 2 with a clear message on stderr. */
    public static CommandLine commandLine() {
        return commandLine(new BotCommand());
    }

    static CommandLine commandLine(BotCommand root) {
        CommandLine commandLine = new CommandLine(root);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            // Spring wraps what a bean threw at startup (bad configuration, a rejected Discord token): unwrap it.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException || cause instanceof UserError
                        || cause instanceof picocli.CommandLine.ParameterException) {
                    cmd.getErr().println("error: " + cause.getMessage());
                    return ExitCodes.BAD_INPUT;
                }
            }
            // Anything else: the first exception that is not one of Spring's wrappers (they only say which bean)
            // says what went wrong; the stack trace goes to the log, for a bug report.
            Throwable innermost = e;
            while (innermost.getClass().getName().startsWith("org.springframework.") && innermost.getCause() != null) {
                innermost = innermost.getCause();
            }
            org.slf4j.LoggerFactory.getLogger(BotCommand.class).debug("Command failed", e);
            String where = e.getMessage() != null && e.getMessage().contains("Error creating bean") ? "at startup: " : "";
            cmd.getErr().println("error: " + where + (innermost.getMessage() == null
                    ? innermost.getClass().getSimpleName() : innermost.getMessage().strip()));
            cmd.getErr().println("(run with BOT_LOG_LEVEL=DEBUG for the full stack trace)");
            return ExitCodes.FAILED;
        });
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            String message = e.getMessage().replaceFirst("^Error: ", "");
            if (message.matches(".*is not an? (long|int)$")) {
                message += " (a whole number is expected)";
            }
            cmd.getErr().println("error: " + message);
            cmd.getErr().println("usage: " + cmd.getHelp().synopsis(0).strip());
            if (!cmd.getSubcommands().isEmpty()) {
                cmd.getErr().println("commands: " + String.join(", ", cmd.getSubcommands().keySet()));
            }
            cmd.getErr().println("Run with --help for the options.");
            return ExitCodes.BAD_INPUT;
        });
        return commandLine;
    }

    /** A mistake of the user's, reported as "error: message" with exit code 2. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }
    }
}
