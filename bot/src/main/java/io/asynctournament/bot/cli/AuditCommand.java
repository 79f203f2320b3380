package io.asynctournament.bot.cli;

import io.asynctournament.db.Json;
import io.asynctournament.db.TournamentRepository;
import io.asynctournament.db.TournamentRepository.TournamentSummary;
import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository.AuditPage;
import io.asynctournament.jobs.audit.AuditService;
import org.jooq.DSLContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code audit --race ID | --tournament NAME [--limit N]}: who did what, when, with the details before and after,
 * newest first, one entry a line (README "Audit").
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Print the audit log of a race or a tournament (its races included), newest first: when, who, "
                + "what, on what, and the details (values before and after) as JSON.")
public final class AuditCommand implements Callable<Integer> {
    @ParentCommand
    BotCommand root;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    @Option(names = "--guild", paramLabel = "NAME", description = "The guild, when several have this tournament name.")
    String guild;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + AuditService.DEFAULT_LIMIT,
            description = "How many entries, 1 to " + AuditService.MAX_LIMIT + " (default "
                    + AuditService.DEFAULT_LIMIT + ").")
    int limit;

    /** Exactly one of the two. */
    static final class Subject {
        @Option(names = "--race", paramLabel = "ID", required = true, description = "A race's id.")
        Long race;

        @Option(names = "--tournament", paramLabel = "NAME", required = true, description = "A tournament's name.")
        String tournament;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AnnotationConfigApplicationContext context = root.readOnlyCliContext()) {
            AuditService audit = context.getBean(AuditService.class);
            AuditPage page;
            if (subject.race != null) {
                page = audit.race(subject.race, limit);
            } else {
                DSLContext dsl = context.getBean(DSLContext.class);
                TournamentSummary found = TournamentLookup.find(dsl, context.getBean(TournamentRepository.class),
                        subject.tournament, guild);
                page = audit.tournament(found.id(), limit);
            }
            for (AuditEntry entry : page.entries()) {
                out.println(entry.at() + "  " + entry.actor() + "  " + entry.action() + "  " + entry.subject() + "  "
                        + Json.text(entry.details()));
            }
            out.flush();
            if (page.total() == 0) {
                spec.commandLine().getErr().println("note: no audit entries");
            } else if (page.more() > 0) {
                spec.commandLine().getErr().println("note: " + page.entries().size() + " of " + page.total()
                        + " entries shown, newest first; --limit N (at most " + AuditService.MAX_LIMIT
                        + ") shows more");
            }
            return ExitCodes.OK;
        }
    }
}
