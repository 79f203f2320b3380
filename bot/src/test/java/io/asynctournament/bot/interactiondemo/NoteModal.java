package io.asynctournament.bot.interactiondemo;

import io.asynctournament.bot.discord.interaction.ComponentId;
import io.asynctournament.bot.discord.interaction.ModalHandler;
import io.asynctournament.bot.discord.interaction.ModalRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.db.TournamentRepository;
import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.jobs.errors.UserError;
import org.jooq.DSLContext;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The demo's modal: records the note on the tournament in its id as an audit entry ({@code demo_note}). A blank or
 * over-long note is bad input; a tournament that is gone makes the modal stale.
 */
public final class NoteModal implements ModalHandler {
    static final String TEXT = "text";
    static final int MAX_LENGTH = 100;
    /** A note that makes the handler fail as a bug would (not a user error). */
    static final String CRASH = "crash";

    private final DSLContext dsl;
    private final TournamentRepository tournaments;
    private final AuditLogRepository audit;
    private final Clock clock;

    public NoteModal(DSLContext dsl, TournamentRepository tournaments, AuditLogRepository audit, Clock clock) {
        this.dsl = dsl;
        this.tournaments = tournaments;
        this.audit = audit;
        this.clock = clock;
    }

    static ComponentId id(long tournamentId) {
        return ComponentId.of("demo", "note", tournamentId);
    }

    @Override
    public String key() {
        return "demo:note";
    }

    @Override
    public Reply handle(ModalRequest request) {
        long tournamentId = request.id().longArg(0)
                .orElseThrow(() -> UserError.notFound("this form names no tournament"));
        String text = request.required(TEXT, "the note");
        if (text.equals(CRASH)) {
            throw new IllegalStateException("the demo modal fails on purpose");
        }
        if (text.length() > MAX_LENGTH) {
            throw UserError.badInput("the note has " + text.length() + " characters; accepted: at most " + MAX_LENGTH);
        }
        dsl.transaction(tx -> {
            if (tournaments.existingIds(tx.dsl(), List.of(tournamentId), null).isEmpty()) {
                throw UserError.notFound("tournament " + tournamentId + " no longer exists");
            }
            audit.insertAll(tx.dsl(), List.of(new AuditEntry(request.caller().actor(), "demo_note",
                    "tournament:" + tournamentId, Map.of("text", text), clock.instant())));
        });
        return Reply.text("Noted: " + text);
    }
}
