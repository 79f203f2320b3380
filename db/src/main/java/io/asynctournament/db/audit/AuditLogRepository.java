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

    private static AuditEntry entry(AuditLogRecord r) {
        return new AuditEntry(r.getActor(), r.getAction(), r.getSubject(), Json.map(r.getDetails()),
                r.getAt().toInstant());
    }
}
