package io.asynctournament.bot;

import io.asynctournament.bot.cli.BotCommand;

import java.util.Set;

/**
 * Entry point: {@code java -jar async-tournament-bot.jar [--data-dir DIR] COMMAND}. Exit codes: 0 success, 1 a run
 * that failed, 2 bad input (options, arguments, configuration, files).
 */
public final class Main {
    private static final Set<String> CLI_COMMANDS = Set.of("import", "leaderboard", "tasks", "health");

    private Main() {
    }

    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public static void main(String[] args) {
        String level = System.getenv("BOT_LOG_LEVEL");
        if (level != null && !level.isBlank() && !LOG_LEVELS.contains(level.strip().toUpperCase(java.util.Locale.ROOT))) {
            System.err.println("error: BOT_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF; got '"
                    + level + "'");
            System.exit(2);
        }
        // CLI commands print their results on stdout; keep their logs (stderr) to warnings.
        for (String arg : args) {
            if (CLI_COMMANDS.contains(arg) && System.getProperty("BOT_LOG_LEVEL") == null
                    && System.getenv("BOT_LOG_LEVEL") == null) {
                System.setProperty("BOT_LOG_LEVEL", "WARN");
                break;
            }
        }
        System.exit(BotCommand.commandLine().execute(args));
    }
}
