package io.asynctournament.jobs.handlers;

import io.asynctournament.db.TournamentScope;
import io.asynctournament.db.scoring.ScoringRepository;
import io.asynctournament.db.scoring.ScoringRepository.Recalculation;
import io.asynctournament.db.scoring.ScoringRepository.TournamentRef;
import io.asynctournament.jobs.tasks.ScoreCalculationSettings;
import io.asynctournament.jobs.tasks.TaskType;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code async_tournament_score_calculation}: recomputes the par times and scores (rules in {@link ScoringRepository})
 * of the queued permalinks of the active tournaments of the scope, or of {@code tournament_ids} when set: only
 * permalinks with new, changed or re-flagged runs since the last run, and only values that changed are written. A
 * run with nothing queued is one query.
 *
 * <p>Tournaments are recomputed in batches of whole tournaments, a batch closing once it holds
 * {@value #BATCH_PERMALINKS} queued permalinks or more, each batch one transaction: few commits for a full
 * recalculation, and a permalink is held for one batch at most (a racer's finish on it waits for that: about half a
 * second for a batch of 1,000 permalinks of 100 runs, rescored from scratch). A batch that fails is retried tournament by
 * tournament, so one failing tournament is rolled back (its permalinks stay queued) and reported while the others are
 * scored; the run is then partial (failed only when every tournament failed). A permalink another recalculation
 * holds is skipped and stays queued for the next run.
 */
public final class ScoreCalculationHandler implements TaskHandler {
    /** Queued permalinks at which a batch of whole tournaments closes. */
    public static final int BATCH_PERMALINKS = 1000;
    private static final Logger log = LoggerFactory.getLogger(ScoreCalculationHandler.class);

    private final DSLContext dsl;
    private final Clock clock;
    private final ScoringRepository scoring;

    public ScoreCalculationHandler(DSLContext dsl, Clock clock, ScoringRepository scoring) {
        this.dsl = dsl;
        this.clock = clock;
        this.scoring = scoring;
    }

    @Override
    public TaskType type() {
        return TaskType.SCORE_CALCULATION;
    }

    @Override
    public TaskOutcome run(Map<String, Object> config, TournamentScope scope) {
        ScoreCalculationSettings settings = ScoreCalculationSettings.from(config);
        TournamentScope effective = settings.tournamentIds().isEmpty() ? scope
                : new TournamentScope(settings.tournamentIds(), scope.onlyGuildId(), scope.excludedGuildIds());
        Instant now = clock.instant();
        List<TournamentRef> tournaments = scoring.tournamentsWithQueuedPermalinks(dsl, effective);
        Recalculation done = new Recalculation(0, 0, 0);
        List<String> errors = new ArrayList<>();
        for (List<TournamentRef> batch : batches(tournaments)) {
            try {
                done = done.plus(recompute(batch, now));
            } catch (RuntimeException e) {
                if (lostDatabase(e) || batch.size() == 1) {
                    failed(batch.get(0), e, errors);
                    continue;
                }
                for (TournamentRef tournament : batch) { // find the failing tournament(s); the others are scored
                    try {
                        done = done.plus(recompute(List.of(tournament), now));
                    } catch (RuntimeException alone) {
                        failed(tournament, alone, errors);
                    }
                }
            }
        }
        Map<String, Integer> counts = Map.of(
                "tournaments", tournaments.size() - errors.size(),
                "tournaments_failed", errors.size(),
                "permalinks", done.permalinks(),
                "par_times_changed", done.parTimes(),
                "scores_written", done.scoresWritten());
        boolean failed = !tournaments.isEmpty() && errors.size() == tournaments.size();
        return new TaskOutcome(counts, errors, failed);
    }

    private Recalculation recompute(List<TournamentRef> batch, Instant now) {
        List<Long> ids = batch.stream().map(TournamentRef::id).toList();
        return dsl.transactionResult(tx -> scoring.recompute(tx.dsl(), scoring.claimQueued(tx.dsl(), ids), now));
    }

    /** Records the tournament's failure, or rethrows when the database is gone. */
    private static void failed(TournamentRef tournament, RuntimeException e, List<String> errors) {
        if (lostDatabase(e)) {
            throw e; // the other tournaments would fail the same way, each after a connection timeout
        }
        log.warn("Scoring tournament {} ({}) failed", tournament.id(), tournament.name(), e);
        errors.add("tournament " + tournament.id() + " (" + tournament.name() + "): " + rootMessage(e));
    }

    /** Consecutive tournaments grouped until a group holds at least {@link #BATCH_PERMALINKS} queued permalinks. */
    static List<List<TournamentRef>> batches(List<TournamentRef> tournaments) {
        List<List<TournamentRef>> batches = new ArrayList<>();
        List<TournamentRef> current = new ArrayList<>();
        int queued = 0;
        for (TournamentRef tournament : tournaments) {
            current.add(tournament);
            queued += tournament.queued();
            if (queued >= BATCH_PERMALINKS) {
                batches.add(current);
                current = new ArrayList<>();
                queued = 0;
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** True when the database cannot be reached at all (SQL state class 08, or no connection from the pool). */
    private static boolean lostDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException || cause instanceof java.net.ConnectException
                    || (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
    }
}
