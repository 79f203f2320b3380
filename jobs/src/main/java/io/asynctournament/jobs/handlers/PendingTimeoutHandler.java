package io.asynctournament.jobs.handlers;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.jobs.tasks.PendingTimeoutSettings;
import io.asynctournament.jobs.tasks.TaskType;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * {@code async_tournament_timeout_pending}: races opened but not started. In one transaction:
 * <ol>
 *   <li>give each pending race with a thread its deadline, {@code thread_opened_at + timeout_minutes};</li>
 *   <li>forfeit the races at or past their deadline (a race found past it, say after downtime, is forfeited without
 *   a warning), with an audit row ({@code timeout_forfeit}, system) and a notification each;</li>
 *   <li>warn, exactly once, the races whose deadline is at most {@code warning_minutes} away.</li>
 * </ol>
 * A tournament's own {@code timeout_minutes} / {@code warning_minutes} beat the task's. Each step is one statement
 * over all due races (audit entries and notifications written by the same statement, {@link RaceTimeoutRepository}).
 */
public final class PendingTimeoutHandler implements TaskHandler {
    static final String REASON = "not started before the deadline";

    private final DSLContext dsl;
    private final Clock clock;
    private final RaceTimeoutRepository races;

    public PendingTimeoutHandler(DSLContext dsl, Clock clock, RaceTimeoutRepository races) {
        this.dsl = dsl;
        this.clock = clock;
        this.races = races;
    }

    @Override
    public TaskType type() {
        return TaskType.TIMEOUT_PENDING;
    }

    @Override
    public TaskOutcome run(Map<String, Object> config, TournamentScope scope) {
        PendingTimeoutSettings settings = PendingTimeoutSettings.from(config);
        Instant now = clock.instant();
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            int deadlines = races.assignDeadlines(c, settings.timeoutMinutes(), scope);
            int forfeited = races.forfeitPendingPastDeadline(c, now, type().id(), REASON, scope);
            int warned = races.warnPendingNearDeadline(c, now, settings.warningMinutes(), scope);
            return TaskOutcome.success(Map.of("deadlines_set", deadlines, "warned", warned, "forfeited", forfeited));
        });
    }
}
