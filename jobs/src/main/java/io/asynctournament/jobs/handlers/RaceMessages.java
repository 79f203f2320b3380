package io.asynctournament.jobs.handlers;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.notification.NewNotification;
import io.asynctournament.db.race.TimedOutRace;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the audit entries and notifications the timeout sweeps write for the races they change. */
final class RaceMessages {
    static final String TIMEOUT_FORFEIT = "timeout_forfeit";
    static final String TIMEOUT_WARNING = "timeout_warning";
    static final String IN_PROGRESS_FORFEIT = "in_progress_forfeit";

    private RaceMessages() {
    }

    static AuditEntry forfeitAudit(TimedOutRace race, String taskId, String reason, Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("task", taskId);
        details.put("reason", reason);
        details.put("tournament_id", race.tournamentId());
        details.put("deadline", race.deadline() == null ? null : race.deadline().toString());
        return new AuditEntry(AuditEntry.SYSTEM, TIMEOUT_FORFEIT, "race:" + race.raceId(), details, now);
    }

    static NewNotification notification(TimedOutRace race, String kind, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("thread_id", race.threadId() == null ? null : race.threadId().toString());
        payload.put("discord_user_id", race.discordUserId() == null ? null : race.discordUserId().toString());
        payload.put("deadline", race.deadline() == null ? null : race.deadline().toString());
        return new NewNotification(race.raceId(), kind, payload, now);
    }
}
