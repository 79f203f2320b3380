package io.asynctournament.bot.cli.notifications;

import io.asynctournament.jobs.notifications.NotificationBacklogService;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every {@code notifications} subcommand shares: the backlog service in a CLI context, the output. */
abstract class NotificationSubcommand implements Callable<Integer> {
    @ParentCommand
    NotificationsCommand notifications;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try (AnnotationConfigApplicationContext context = readsOnly() ? notifications.root.readOnlyCliContext()
                : notifications.root.cliContext()) {
            PrintWriter out = spec.commandLine().getOut();
            int code = execute(context.getBean(NotificationBacklogService.class), out);
            out.flush();
            return code;
        }
    }

    /** Does the work; returns the exit code. A refusal throws a UserError, reported with its kind's exit code. */
    abstract int execute(NotificationBacklogService backlog, PrintWriter out);

    /** True for a subcommand that changes nothing: it refuses a data directory without a database. */
    boolean readsOnly() {
        return false;
    }
}
