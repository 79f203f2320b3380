package io.asynctournament.db.audit;

import io.asynctournament.db.Json;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import io.asynctournament.db.generated.tables.records.AuditLogRecord;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;

/** Writes and reads the audit log. Writes run in the caller's transaction. */
public final class AuditLogRepository {

    /** Inserts all entries in one statement; does nothing for an empty collection. */
    public void insertAll(DSLContext tx, Collection<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        InsertValuesStep5<AuditLogRecord, String, String, String, JSONB, OffsetDateTime> insert =
                tx.insertInto(AUDIT_LOG, AUDIT_LOG.ACTOR, AUDIT_LOG.ACTION, AUDIT_LOG.SUBJECT, AUDIT_LOG.DETAILS,
                        AUDIT_LOG.AT);
        for (AuditEntry entry : entries) {
            insert = insert.values(entry.actor(), entry.action(), entry.subject(), Json.jsonb(entry.details()),
                    entry.at().atOffset(ZoneOffset.UTC));
        }
        insert.execute();
    }

    /**
     * The entries about one race, oldest first: those whose subject is {@code race:<id>}, and the system's entries
     * that list it in {@code details.races} (a timeout sweep writes one entry for all the races it forfeits).
     */
    public List<AuditEntry> forRace(DSLContext dsl, long raceId) {
        return dsl.selectFrom(AUDIT_LOG)
                .where(AUDIT_LOG.SUBJECT.eq("race:" + raceId))
                .or(DSL.condition("{0} -> 'races' @> {1}::jsonb", AUDIT_LOG.DETAILS, DSL.val("[" + raceId + "]")))
                .orderBy(AUDIT_LOG.ID)
                .fetch(AuditLogRepository::entry);
    }

    /** The entries for one subject, oldest first. */
    public List<AuditEntry> forSubject(DSLContext dsl, String subject) {
        return dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.SUBJECT.eq(subject)).orderBy(AUDIT_LOG.ID)
                .fetch(AuditLogRepository::entry);
    }

    /**
     * The newest {@code limit} entries about one race, newest first, with how many there are in all: those whose
     * subject is {@code race:<id>}, and the system's entries that list it in {@code details.races} (found through
     * the index of V010).
     */
    public AuditPage latestForRace(DSLContext dsl, long raceId, int limit) {
        return page(dsl, """
                select a.id from audit_log a where a.subject = {0}
                union
                select a.id from audit_log a where (a.details -> 'races') @> {1}::jsonb
                """, limit, DSL.val("race:" + raceId), DSL.val("[" + raceId + "]"));
    }

    /**
     * The newest {@code limit} entries about one tournament, newest first, with how many there are in all: those
     * whose subject is {@code tournament:<id>} or one of its races ({@code race:<id>}), and the system's entries
     * that list one of its races in {@code details.races}. Each part is an index lookup (the subject index, and
     * the GIN index of V010 once per race of the tournament), so the cost follows the tournament, not the log.
     */
    public AuditPage latestForTournament(DSLContext dsl, long tournamentId, int limit) {
        return page(dsl, """
                select a.id from audit_log a where a.subject = {0}
                union
                select a.id from race r join audit_log a on a.subject = 'race:' || r.id where r.tournament_id = {1}
                union
                select a.id from race r join audit_log a on (a.details -> 'races') @> jsonb_build_array(r.id)
                 where r.tournament_id = {1}
                """, limit, DSL.val("tournament:" + tournamentId), DSL.val(tournamentId));
    }

    private AuditPage page(DSLContext dsl, String ids, int limit, Object... bindings) {
        var matching = DSL.table("(" + ids + ")", bindings).as("m", "id");
        var id = DSL.field(DSL.name("m", "id"), Long.class);
        int total = dsl.fetchCount(DSL.selectOne().from(matching));
        List<AuditEntry> entries = dsl.select(AUDIT_LOG.fields()).from(AUDIT_LOG)
                .join(matching).on(AUDIT_LOG.ID.eq(id))
                .orderBy(AUDIT_LOG.AT.desc(), AUDIT_LOG.ID.desc())
                .limit(limit)
                .fetch(r -> entry(r.into(AUDIT_LOG)));
        return new AuditPage(entries, total);
    }

    /**
     * Some of the audit entries about a subject.
     *
     * @param entries the entries shown, newest first
     * @param total   how many entries there are in all
     */
    public record AuditPage(List<AuditEntry> entries, int total) {
        /** How many entries are not shown. */
        public int more() {
            return total - entries.size();
        }
    }

    private static AuditEntry entry(AuditLogRecord r) {
        return new AuditEntry(r.getActor(), r.getAction(), r.getSubject(), Json.map(r.getDetails()),
                r.getAt().toInstant());
    }
}
