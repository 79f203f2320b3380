package io.asynctournament.bot.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in this JVM as a user would, with an environment of its own, and captures what it printed. */
public final class CliRunner {
    private CliRunner() {
    }

    /** Runs {@code args} with this environment (DATABASE_URL etc.). */
    public static Result run(Map<String, String> environment, String... args) {
        BotCommand root = new BotCommand();
        root.environment = new HashMap<>(environment);
        CommandLine commandLine = BotCommand.commandLine(root);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** What a CLI run printed, and its exit code. */
    public record Result(int exitCode, String out, String err) {
    }
}
