package io.asynctournament.jobs.races;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.jobs.errors.UserError;
import java.util.List;
import java.util.Map;
import io.asynctournament.db.generated.enums.ReviewStatus;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.race.RaceResultRepository.RaceRef;
import io.asynctournament.db.scoring.ScoringRepository;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * Racers' and admins' changes to one race's result (finish, forfeit, disqualify, reattempt, review), each scored in
 * the same transaction: the permalink's par time and scores are recomputed with the change, so a finished race has
 * its score when {@link #finish} returns, not at the next scheduled score calculation. The permalink is locked
 * before the race (the order the scheduled calculation locks in), so two changes on one permalink, or a change and
 * the scheduled calculation, never compute it at once.
 */
public final class RaceResultService {
    private final DSLContext dsl;
    private final Clock clock;
    private final RaceResultRepository races;
    private final ScoringRepository scoring;
    private final AuditLogRepository auditLog;

    public RaceResultService(DSLContext dsl, Clock clock, RaceResultRepository races, ScoringRepository scoring,
                             AuditLogRepository auditLog) {
        this.auditLog = auditLog;
        this.dsl = dsl;
        this.clock = clock;
        this.races = races;
        this.scoring = scoring;
    }

    /**
     * Finishes an in-progress race now (elapsed = now - started_at) and scores it.
     *
     * @return false, changing nothing, when the race is not in progress
     * @throws UserError (not found) when there is no such race
     */
    public boolean finish(long raceId) {
        Instant now = clock.instant();
        return change(raceId, now, (tx, id) -> races.finish(tx, id, now));
    }

    /**
     * Finishes an in-progress race at {@code at} (the racer's press, UTC), scores it and writes the audit entry
     * ({@code race_finish} by {@code actor}), all in one transaction.
     *
     * @return false, changing nothing, when the race is not in progress or {@code at} is not after its GO
     * @throws UserError (not found) when there is no such race
     */
    public boolean finish(long raceId, Instant at, String actor) {
        return change(raceId, at, (tx, id) -> races.finish(tx, id, at) && audit(tx, actor, "race_finish", id, at));
    }

    /** The racer forfeits a pending or in-progress race. @return false, changing nothing, for any other status */
    public boolean forfeit(long raceId) {
        Instant now = clock.instant();
        return change(raceId, now, (tx, id) -> races.forfeit(tx, id, now));
    }

    /**
     * The racer forfeits a pending or in-progress race at {@code at} (UTC), with its audit entry
     * ({@code race_forfeit} by {@code actor}) in the same transaction.
     *
     * @return false, changing nothing, for any other status
     */
    public boolean forfeit(long raceId, Instant at, String actor) {
        return change(raceId, at, (tx, id) -> races.forfeit(tx, id, at) && audit(tx, actor, "race_forfeit", id, at));
    }

    /** An admin disqualifies the race. @return false when it already is disqualified */
    public boolean disqualify(long raceId) {
        Instant now = clock.instant();
        return change(raceId, now, (tx, id) -> races.disqualify(tx, id, now));
    }

    /** Marks the run as reattempted. @return false when it already is */
    public boolean markReattempted(long raceId) {
        return change(raceId, clock.instant(), races::markReattempted);
    }

    /** Sets the run's review status. @return false when it already has it */
    public boolean review(long raceId, ReviewStatus status) {
        return change(raceId, clock.instant(), (tx, id) -> races.review(tx, id, status));
    }

    /**
     * Runs another service's change of a race (a review, a reattempt) in one transaction with this service's locking
     * and rescoring: the race's permalink is locked first, {@code change} runs (its conditional updates, audit and
     * notification rows), then the permalink's par time and scores are recomputed, all before the commit. A
     * {@link UserError} thrown by {@code change} rolls everything back.
     *
     * @param now UTC instant stored as the par time's and scores' update time
     * @throws UserError (not found) when there is no such race, and whatever {@code change} throws
     */
    public <T> T changeScored(long raceId, Instant now, BiFunction<DSLContext, RaceRef, T> change) {
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            long permalink = lockPermalinkOf(c, raceId);
            T result = change.apply(c, find(c, raceId));
            scoring.recompute(c, scoring.claimLocked(c, permalink), now);
            return result;
        });
    }

    /**
     * Locks the race's permalink in the caller's transaction (the lock every change here and the scheduled
     * calculation take first) and returns it, for a change made elsewhere that is rescored with {@link #rescore}.
     *
     * @throws UserError (not found) when there is no such race
     */
    public long lockPermalink(DSLContext tx, long raceId) {
        return lockPermalinkOf(tx, raceId);
    }

    /** Recomputes the par time and scores of a permalink locked with {@link #lockPermalink}, in that transaction. */
    public void rescore(DSLContext tx, long permalinkId, Instant now) {
        scoring.recompute(tx, scoring.claimLocked(tx, permalinkId), now);
    }

    private boolean change(long raceId, Instant now, BiPredicate<DSLContext, Long> update) {
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            long permalink = lockPermalinkOf(c, raceId);
            if (!update.test(c, raceId)) {
                return false;
            }
            scoring.recompute(c, scoring.claimLocked(c, permalink), now);
            return true;
        });
    }

    private boolean audit(DSLContext tx, String actor, String action, long raceId, Instant at) {
        auditLog.insertAll(tx, List.of(new AuditEntry(actor, action, "race:" + raceId, Map.of(), at)));
        return true;
    }

    /**
     * Locks the race's permalink and returns it; reads the race again after the lock, in case it was moved to another
     * permalink meanwhile (then that one is locked too: the triggers queue both, so holding the old one is harmless).
     */
    private long lockPermalinkOf(DSLContext tx, long raceId) {
        long permalink = find(tx, raceId).permalinkId();
        while (true) {
            scoring.lockPermalink(tx, permalink);
            long now = find(tx, raceId).permalinkId();
            if (now == permalink) {
                return permalink;
            }
            permalink = now;
        }
    }

    private RaceRef find(DSLContext tx, long raceId) {
        return races.find(tx, raceId)
                .orElseThrow(() -> UserError.notFound("There is no race " + raceId + "."));
    }
}
