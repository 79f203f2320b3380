package io.asynctournament.jobs.handlers;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.jobs.tasks.InProgressTimeoutSettings;
import io.asynctournament.jobs.tasks.TaskType;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * {@code async_tournament_timeout_in_progress}: in-progress races with {@code started_at + max_hours <= now} are
 * forfeited, audited ({@code timeout_forfeit}, system) and their racer notified, in one transaction. A tournament's
 * own {@code max_hours} beats the task's. One statement over all due races ({@link RaceTimeoutRepository}).
 */
public final class InProgressTimeoutHandler implements TaskHandler {
    static final String REASON = "running longer than max_hours";

    private final DSLContext dsl;
    private final Clock clock;
    private final RaceTimeoutRepository races;

    public InProgressTimeoutHandler(DSLContext dsl, Clock clock, RaceTimeoutRepository races) {
        this.dsl = dsl;
        this.clock = clock;
        this.races = races;
    }

    @Override
    public TaskType type() {
        return TaskType.TIMEOUT_IN_PROGRESS;
    }

    @Override
    public TaskOutcome run(Map<String, Object> config, TournamentScope scope) {
        InProgressTimeoutSettings settings = InProgressTimeoutSettings.from(config);
        Instant now = clock.instant();
        int forfeited = dsl.transactionResult(tx -> races.forfeitInProgressOverLimit(tx.dsl(), now,
                settings.maxHours(), type().id(), REASON, scope));
        return TaskOutcome.success(Map.of("forfeited", forfeited));
    }
}
