package io.asynctournament.bot.cli.tasks;

import io.asynctournament.bot.cli.ExitCodes;
import io.asynctournament.jobs.control.TaskControlService;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every {@code tasks} subcommand shares: the control service in a CLI context, the output, the actor. */
abstract class TaskSubcommand implements Callable<Integer> {
    @ParentCommand
    TasksCommand tasks;

    @Spec
    CommandSpec spec;

    /** The CLI context while {@link #execute} runs, for a subcommand that needs another bean. */
    AnnotationConfigApplicationContext context;

    @Override
    public final Integer call() {
        try (AnnotationConfigApplicationContext context = readsOnly() ? tasks.root.readOnlyCliContext()
                : tasks.root.cliContext()) {
            this.context = context;
            PrintWriter out = spec.commandLine().getOut();
            int code = execute(context.getBean(TaskControlService.class), out);
            out.flush();
            return code;
        }
    }

    /** Does the subcommand's work; returns the exit code. A refusal throws a {@link io.asynctournament.jobs.errors.UserError}, reported with the exit code of its kind. */
    abstract int execute(TaskControlService control, PrintWriter out);

    /** True for a subcommand that changes nothing: it refuses a data directory without a database. */
    boolean readsOnly() {
        return false;
    }

    /** Who the audit log names for changes made from this CLI. */
    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    static int ok() {
        return ExitCodes.OK;
    }
}
