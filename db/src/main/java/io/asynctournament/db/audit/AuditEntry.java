package io.asynctournament.db.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One audit_log row.
 *
 * @param actor   a Discord user id, {@code cli:<os user>} or {@code system}
 * @param action  what happened, e.g. {@code timeout_forfeit}
 * @param subject what it happened to, e.g. {@code race:42} or {@code task:async_tournament_score_calculation}
 * @param details before/after values and context, stored as jsonb
 * @param at      when, a UTC instant
 */
public record AuditEntry(String actor, String action, String subject, Map<String, ?> details, Instant at) {
    /** The actor of changes the bot makes by itself. */
    public static final String SYSTEM = "system";
}
