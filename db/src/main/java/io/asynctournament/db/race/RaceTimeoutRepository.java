package io.asynctournament.db.race;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.generated.enums.RaceStatus;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.asynctournament.db.Intervals.plusMinutes;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * The timeout sweeps' SQL. Each method is one statement over all due races of the scope: a conditional UPDATE, so
 * two overlapping sweeps can never warn or forfeit the same race twice (the second UPDATE re-checks its WHERE on the
 * row the first one changed, and skips it), whose RETURNING rows feed the audit entries and notifications written by
 * the same statement. Cost follows the due races (partial indexes on pending and in-progress races), not history.
 * A tournament's own setting beats the task's default.
 *
 * <p>A forfeiting statement writes one audit entry for all the races it forfeited: actor {@code system}, action
 * {@code timeout_forfeit}, subject {@code task:<task id>}, details {@code {task, reason, races: [ids]}} (one row per
 * sweep rather than per race: a row per race cost as much as the forfeit itself). Each warned or forfeited race gets
 * a notification: kind as given, payload {@code {deadline}} (ISO-8601 with offset); the dispatcher reads the thread
 * and the racer from the race.
 */
public final class RaceTimeoutRepository {
    /** Notification kind of a pending race forfeited at its deadline. */
    public static final String TIMEOUT_FORFEIT = "timeout_forfeit";
    /** Notification kind of a pending race warned before its deadline. */
    public static final String TIMEOUT_WARNING = "timeout_warning";
    /** Notification kind of an in-progress race forfeited after max_hours. */
    public static final String IN_PROGRESS_FORFEIT = "in_progress_forfeit";

    /** One audit entry for all the races a statement forfeited ({@code changed}); none when it forfeited none. */
    private static final String AUDIT = """
            , audited as (
                insert into audit_log (actor, action, subject, details, at)
                select 'system', 'timeout_forfeit', 'task:' || {1},
                       jsonb_build_object('task', {1}, 'reason', {2}, 'races', jsonb_agg(c.id order by c.id)), {0}
                  from changed c
                having count(*) > 0
            )
            """;

    /** A notification for each changed race; the main statement, so its row count is the number of races. */
    private static final String NOTIFY = """
            insert into notification (race_id, kind, payload, created_at)
            select c.id, {3}, jsonb_build_object('deadline', c.deadline), {0}
              from changed c
            """;

    /**
     * Sets {@code timeout_at = thread_opened_at + timeout minutes} on pending races with a thread and no deadline yet.
     *
     * @param defaultTimeoutMinutes the task's timeout, used where the tournament has no override
     * @return how many races got a deadline
     */
    public int assignDeadlines(DSLContext tx, int defaultTimeoutMinutes, TournamentScope scope) {
        return tx.update(RACE)
                .set(RACE.TIMEOUT_AT, plusMinutes(RACE.THREAD_OPENED_AT,
                        DSL.coalesce(TOURNAMENT.TIMEOUT_MINUTES, DSL.val(defaultTimeoutMinutes))))
                .from(TOURNAMENT)
                .where(RACE.TOURNAMENT_ID.eq(TOURNAMENT.ID))
                // inlined: a bound enum is cast at run time, and the partial index's predicate is then not provable
                .and(RACE.STATUS.eq(DSL.inline(RaceStatus.pending)))
                .and(RACE.THREAD_OPENED_AT.isNotNull())
                .and(RACE.TIMEOUT_AT.isNull())
                .and(scope.sweepCondition())
                .execute();
    }

    /**
     * Forfeits pending races whose deadline has passed ({@code timeout_at <= now}), with an audit entry and a
     * {@link #TIMEOUT_FORFEIT} notification each.
     *
     * @param taskId the task, recorded in the audit details
     * @param reason why, recorded in the audit details
     * @return how many races were forfeited
     */
    public int forfeitPendingPastDeadline(DSLContext tx, Instant now, String taskId, String reason,
                                          TournamentScope scope) {
        return tx.execute("""
                with changed as (
                    update race r set status = 'forfeit', ended_at = {0}
                      from tournament
                     where r.tournament_id = tournament.id
                       and r.status = 'pending' and r.timeout_at <= {0}
                       and {4}
                    returning r.id, r.timeout_at as deadline
                )
                """ + AUDIT + NOTIFY,
                DSL.val(at(now)), DSL.val(taskId), DSL.val(reason), DSL.val(TIMEOUT_FORFEIT), scope.sweepCondition());
    }

    /**
     * Marks the warning as sent on pending races whose deadline is within the warning window
     * ({@code timeout_at - warning minutes <= now < timeout_at}) and that were not warned yet, with a
     * {@link #TIMEOUT_WARNING} notification each: every race is warned exactly once.
     *
     * @param defaultWarningMinutes the task's warning lead, used where the tournament has no override
     * @return how many races were warned
     */
    public int warnPendingNearDeadline(DSLContext tx, Instant now, int defaultWarningMinutes, TournamentScope scope) {
        return tx.execute("""
                with changed as (
                    update race r set warning_sent_at = {0}
                      from tournament
                     where r.tournament_id = tournament.id
                       and r.status = 'pending' and r.warning_sent_at is null
                       and r.timeout_at > {0}
                       -- the longest lead any tournament can have bounds the index scan; the exact one follows
                       and r.timeout_at <= {0} + make_interval(mins => greatest({1},
                                                   (select max(t.warning_minutes) from tournament t)))
                       and r.timeout_at <= {0} + make_interval(mins => coalesce(tournament.warning_minutes, {1}))
                       and {4}
                    returning r.id, r.timeout_at as deadline
                )
                """ + NOTIFY,
                DSL.val(at(now)), DSL.val(defaultWarningMinutes), DSL.val(""), DSL.val(TIMEOUT_WARNING),
                scope.sweepCondition());
    }

    /**
     * Forfeits in-progress races running for at least the limit ({@code started_at + max hours <= now}), with an
     * audit entry and an {@link #IN_PROGRESS_FORFEIT} notification each; their deadline is
     * {@code started_at + max hours}.
     *
     * @param defaultMaxHours the task's limit, used where the tournament has no override
     * @return how many races were forfeited
     */
    public int forfeitInProgressOverLimit(DSLContext tx, Instant now, int defaultMaxHours, String taskId,
                                          String reason, TournamentScope scope) {
        return tx.execute("""
                with changed as (
                    update race r set status = 'forfeit', ended_at = {0}
                      from tournament
                     where r.tournament_id = tournament.id
                       and r.status = 'in_progress'
                       -- the shortest limit any tournament can have bounds the index scan; the exact one follows
                       and r.started_at <= {0} - make_interval(hours => least({5}, (select min(t.max_hours) from tournament t)))
                       and r.started_at + make_interval(hours => coalesce(tournament.max_hours, {5})) <= {0}
                       and {4}
                    returning r.id,
                              r.started_at + make_interval(hours => coalesce(tournament.max_hours, {5})) as deadline
                )
                """ + AUDIT + NOTIFY,
                DSL.val(at(now)), DSL.val(taskId), DSL.val(reason), DSL.val(IN_PROGRESS_FORFEIT), scope.sweepCondition(),
                DSL.val(defaultMaxHours));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
