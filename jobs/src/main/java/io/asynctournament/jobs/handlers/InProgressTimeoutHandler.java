package io.asynctournament.jobs.handlers;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.db.race.TimedOutRace;
import io.asynctournament.jobs.tasks.InProgressTimeoutSettings;
import io.asynctournament.jobs.tasks.TaskType;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code async_tournament_timeout_in_progress}: in-progress races with {@code started_at + max_hours <= now} are
 * forfeited, audited ({@code timeout_forfeit}, system) and their racer notified, in one transaction. A tournament's
 * own {@code max_hours} beats the task's.
 */
public final class InProgressTimeoutHandler implements TaskHandler {
    static final String REASON = "running longer than max_hours";

    private final DSLContext dsl;
    private final Clock clock;
    private final RaceTimeoutRepository races;
    private final AuditLogRepository audit;
    private final NotificationRepository notifications;

    public InProgressTimeoutHandler(DSLContext dsl, Clock clock, RaceTimeoutRepository races,
                                    AuditLogRepository audit, NotificationRepository notifications) {
        this.dsl = dsl;
        this.clock = clock;
        this.races = races;
        this.audit = audit;
        this.notifications = notifications;
    }

    @Override
    public TaskType type() {
        return TaskType.TIMEOUT_IN_PROGRESS;
    }

    @Override
    public TaskOutcome run(Map<String, Object> config, TournamentScope scope) {
        InProgressTimeoutSettings settings = InProgressTimeoutSettings.from(config);
        Instant now = clock.instant();
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            List<TimedOutRace> forfeited = races.forfeitInProgressOverLimit(c, now, settings.maxHours(), scope);
            audit.insertAll(c, forfeited.stream()
                    .map(race -> RaceMessages.forfeitAudit(race, type().id(), REASON, now)).toList());
            notifications.insertAll(c, forfeited.stream()
                    .map(race -> RaceMessages.notification(race, RaceMessages.IN_PROGRESS_FORFEIT, now)).toList());
            return TaskOutcome.success(Map.of("forfeited", forfeited.size()));
        });
    }
}
