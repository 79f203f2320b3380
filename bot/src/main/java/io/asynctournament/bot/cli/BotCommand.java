package io.asynctournament.bot.cli;

import io.asynctournament.bot.config.BotContext;
import io.asynctournament.bot.config.BotSettings;
import io.asynctournament.bot.discord.JdaCustomizer;
import io.asynctournament.bot.discord.LoginBackoff;
import io.asynctournament.jobs.errors.UserError;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import io.asynctournament.bot.cli.tasks.TasksCommand;
import io.asynctournament.bot.cli.notifications.NotificationsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** The root command; with no subcommand it runs the bot ({@code run}). */
@Command(name = "async-tournament-bot", mixinStandardHelpOptions = true, versionProvider = BotVersion.class,
        description = "Async tournament bot for Discord: races, timeouts, par times and scores.",
        subcommands = {RunCommand.class, ImportCommand.class, LeaderboardCommand.class, TasksCommand.class,
                HealthCommand.class, NotificationsCommand.class, AuditCommand.class})
public final class BotCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded PostgreSQL keeps its data when DATABASE_URL is not set (default: ./data).")
    Path dataDirectory;

    @Spec
    CommandSpec spec;

    /** The environment the commands read; tests replace it. */
    Map<String, String> environment = System.getenv();

    /** How {@code run} adjusts JDA's builder; tests point it at a local fake Discord. */
    JdaCustomizer jdaCustomizer = JdaCustomizer.NONE;

    /** The waits between Discord login attempts of {@code run}; tests shorten them. */
    LoginBackoff discordBackoff = LoginBackoff.DEFAULT;

    @Override
    public Integer call() {
        return new RunCommand().runWith(this, spec.commandLine().getErr());
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

    /**
     * A CLI context for a command that only reads: an embedded data directory without a database is refused with
     * a message (exit code 2), and nothing is created on disk.
     */
    public AnnotationConfigApplicationContext readOnlyCliContext() {
        return BotContext.forCli(BotSettings.forCli(environment, dataDirectory), true);
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
                if (cause instanceof UserError userError) {
                    cmd.getErr().println("error: " + userError.getMessage());
                    return ExitCodes.of(userError);
                }
                if (cause instanceof picocli.CommandLine.ParameterException
                        || cause instanceof io.asynctournament.db.NoDatabaseException) {
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
            String message = innermost.getMessage() == null
                    ? innermost.getClass().getSimpleName() : innermost.getMessage().strip();
            // a database timeout says which setting it was (DATABASE_STATEMENT_TIMEOUT_SECONDS, ...)
            String hint = io.asynctournament.db.DatabaseTimeouts.explain(e)
                    .filter(h -> !message.contains("DATABASE_")).map(h -> " (" + h + ")").orElse("");
            cmd.getErr().println("error: " + where + message + hint);
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
}
