package io.asynctournament.jobs.leaderboards;

import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.testing.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The leaderboard change signal (V009, README "Leaderboards") takes no lock on the tournament row, so it adds no lock
 * cycle: a timeout sweep that forfeited race R0 and then wants race R1, while a racer's finish of R1 (a finish at the
 * 12-hour mark, say) holds R1, of one tournament with a live message. With the signal updating the tournament row,
 * the finish's trigger waited for the sweep's lock on the tournament, the sweep for the finish's lock on R1, and
 * PostgreSQL aborted one of them ("deadlock detected"). Two transactions on two connections, step by step.
 */
@ExtendWith(DatabaseExtension.class)
class LeaderboardChangeDeadlockTest {
    private static final Instant STARTED = Instant.parse("2026-04-01T08:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);

    @Test
    void a_sweep_and_a_finish_crossing_on_two_races_of_one_tournament_both_commit_without_waiting_on_the_tournament()
            throws Exception {
        long tournament = fixtures.tournament(fixtures.guild());
        long permalink = fixtures.permalink(fixtures.pool(tournament));
        long r0 = fixtures.inProgressRace(tournament, permalink, STARTED);
        long r1 = fixtures.inProgressRace(tournament, permalink, STARTED);
        dsl.update(TOURNAMENT).set(TOURNAMENT.LEADERBOARD_CHANNEL_ID, 1L).set(TOURNAMENT.LEADERBOARD_MESSAGE_ID, 2L)
                .where(TOURNAMENT.ID.eq(tournament)).execute();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection sweep = begin("10s"); Connection finish = begin("1s")) {
            // The sweep forfeits R0: the signal fires in its transaction.
            assertThat(forfeitIfInProgress(sweep, r0)).isEqualTo(1);

            // The racer's finish of R1 fires the signal too, while the sweep is open: it must not wait for it.
            long before = System.nanoTime();
            assertThat(finish(finish, r1)).as("the finish is not blocked by the open sweep").isEqualTo(1);
            Duration took = Duration.ofNanos(System.nanoTime() - before);
            assertThat(took).isLessThan(Duration.ofSeconds(1));

            // The sweep now wants R1: it waits for the finish's row lock on R1, and for nothing else.
            Future<Integer> sweepOfR1 = pool.submit(() -> forfeitIfInProgress(sweep, r1));
            assertThatThrownBy(() -> sweepOfR1.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

            // The finish commits (no "deadlock detected": deadlock_timeout is 1 s and it never waits), then the
            // sweep finds R1 finished and leaves it.
            finish.commit();
            assertThat(sweepOfR1.get(5, TimeUnit.SECONDS)).as("R1 is finished: not forfeited").isZero();
            sweep.commit();
        } finally {
            pool.shutdownNow();
        }
        assertThat(dsl.fetchValue("select status::text from race where id = " + r0)).isEqualTo("forfeit");
        assertThat(dsl.fetchValue("select status::text from race where id = " + r1)).isEqualTo("finished");
        assertThat(dsl.fetchValue("select count(*) from leaderboard_change where tournament_id = " + tournament,
                Long.class)).as("one change row per transaction").isEqualTo(2L);
    }

    @Test
    void many_finishes_of_one_tournament_do_not_queue_behind_an_open_score_calculation_or_each_other()
            throws Exception {
        long tournament = fixtures.tournament(fixtures.guild());
        long[] races = new long[3];
        for (int i = 0; i < races.length; i++) { // one permalink each: a finish also locks its permalink (V004)
            races[i] = fixtures.inProgressRace(tournament, fixtures.permalink(fixtures.pool(tournament)), STARTED);
        }
        dsl.update(TOURNAMENT).set(TOURNAMENT.LEADERBOARD_CHANNEL_ID, 1L).set(TOURNAMENT.LEADERBOARD_MESSAGE_ID, 2L)
                .where(TOURNAMENT.ID.eq(tournament)).execute();
        try (Connection scores = begin("1s"); Connection a = begin("1s"); Connection b = begin("1s");
             Connection c = begin("1s")) {
            // what the score calculation does after writing scores, its transaction left open
            try (PreparedStatement s = scores.prepareStatement("select leaderboard_changed(array[?]::bigint[])")) {
                s.setLong(1, tournament);
                s.execute();
            }
            Connection[] open = {a, b, c};
            for (int i = 0; i < races.length; i++) {
                assertThat(finish(open[i], races[i])).as("finish %d while the others are open", i).isEqualTo(1);
            }
            for (Connection each : open) {
                each.commit();
            }
            scores.commit();
        }
        assertThat(dsl.fetchValue("select count(*) from leaderboard_change where tournament_id = " + tournament,
                Long.class)).as("one change row per transaction").isEqualTo(4L);
    }

    /** A connection in a transaction whose lock waits fail after {@code lockTimeout} (a wait shows as an error). */
    private static Connection begin(String lockTimeout) throws SQLException {
        Connection connection = TestDatabase.get().dataSource().getConnection();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("set local lock_timeout = '" + lockTimeout + "'"); // this transaction only
        }
        return connection;
    }

    private static int forfeitIfInProgress(Connection tx, long race) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("update race set status = 'forfeit', finished_at = now() "
                + "where id = ? and status = 'in_progress'")) {
            s.setLong(1, race);
            return s.executeUpdate();
        }
    }

    private static int finish(Connection tx, long race) throws SQLException {
        try (PreparedStatement s = tx.prepareStatement("update race set status = 'finished', finished_at = now(), "
                + "elapsed_seconds = 43199.5 where id = ? and status = 'in_progress'")) {
            s.setLong(1, race);
            return s.executeUpdate();
        }
    }
}
