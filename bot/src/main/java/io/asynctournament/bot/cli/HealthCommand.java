package io.asynctournament.bot.cli;

import io.asynctournament.bot.logging.DatabaseUnreachable;
import io.asynctournament.jobs.health.HealthCheck;
import io.asynctournament.jobs.health.HealthReport;
import io.asynctournament.jobs.health.HealthReport.Item;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code health}: the check a supervisor (systemd, a container runtime) runs (README, "Health check"). Exit 0 only
 * when the database answers, a JobRunr job server is running and every active task has run within twice its period;
 * otherwise it prints what is wrong and exits 1. Bad settings exit 2, like every command.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Check the bot's health: the database answers, a job server is running, every active task has "
                + "run within twice its period. Exit 0 when healthy, 1 otherwise (what is wrong is printed).")
public final class HealthCommand implements Callable<Integer> {
    @ParentCommand
    BotCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        root.pollInterval(); // bad settings: exit 2, before anything is tried
        AnnotationConfigApplicationContext context;
        try {
            context = root.cliContext();
        } catch (RuntimeException e) {
            print(out, new Item("database", false, "does not answer: "
                    + DatabaseUnreachable.reason(e).orElseGet(() -> innermostMessage(e))));
            out.println("unhealthy: the database does not answer");
            out.flush();
            return ExitCodes.FAILED;
        }
        try (context) {
            HealthReport report = context.getBean(HealthCheck.class).check();
            report.items().forEach(item -> print(out, item));
            int problems = report.problems().size();
            out.println(problems == 0 ? "healthy" : "unhealthy: " + problems + " problem(s)");
            out.flush();
            return problems == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private static void print(PrintWriter out, Item item) {
        out.println((item.ok() ? "ok    " : "FAIL  ") + item.subject() + ": " + item.detail());
    }

    private static String innermostMessage(Throwable e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage().strip();
    }
}
