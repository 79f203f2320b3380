package io.asynctournament.bot.config;

import io.asynctournament.bot.logging.DatabaseOutageLogFilter;
import org.jobrunr.server.BackgroundJobServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this process's JobRunr job server running through database outages of any length (README, "Reliability and
 * security").
 *
 * <p>JobRunr 8.7.0 stops its job server for good when a database call fails: its ServerZooKeeper logs "An
 * unrecoverable error occurred. Shutting down BackgroundJobServer" as soon as a heartbeat fails (the pool waits 10 s
 * for a connection first), and its JobHandler stops the server after too many storage exceptions. Nothing starts it
 * again. This supervisor checks {@link BackgroundJobServer#isRunning()} every {@code checkEvery}; when the server is
 * not running, it waits for the database to hand out a connection, runs {@code onRecovery} (the bot records runs the
 * outage left running as failed and queues the ticks it missed, so the server's first poll picks them up), and starts
 * the server again. While it waits, its failed attempts are logged as warnings, which
 * {@link DatabaseOutageLogFilter} reduces to one line about once a minute.
 */
public final class JobServerSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobServerSupervisor.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final BackgroundJobServer server;
    private final DataSource dataSource;
    private final Runnable onRecovery;
    private final Duration checkEvery;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "job-server-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;
    private long stoppedSinceNanos = -1; // guarded by this; -1 while the server runs

    /**
     * @param server       the job server (started by its owner)
     * @param dataSource   the pool the job server's storage uses
     * @param onRecovery   run when the database answers after a stop, before the server starts (a failure is logged
     *                     and not retried)
     * @param checkEvery   how often to check the server
     */
    public JobServerSupervisor(BackgroundJobServer server, DataSource dataSource, Runnable onRecovery,
                               Duration checkEvery) {
        this.server = server;
        this.dataSource = dataSource;
        this.onRecovery = onRecovery;
        this.checkEvery = checkEvery;
    }

    /** Starts the periodic checks. */
    public void start() {
        executor.scheduleWithFixedDelay(this::check, checkEvery.toMillis(), checkEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Stops and starts the job server, so that JobRunr forgets the next runs it keeps in memory (see
     * {@link TaskReconcileLoop}). Never concurrent with a check.
     */
    public synchronized void restart() {
        if (closed) {
            return;
        }
        server.stop();
        server.start();
    }

    /** One check: starts the job server again when it stopped and the database answers. */
    synchronized void check() {
        if (closed) {
            return;
        }
        try {
            if (server.isRunning()) {
                stoppedSinceNanos = -1;
                return;
            }
            if (stoppedSinceNanos < 0) {
                stoppedSinceNanos = System.nanoTime();
                log.warn("JobRunr's job server has stopped (it stops when its database calls fail); it is started "
                        + "again as soon as the database answers");
            }
            if (!databaseAnswers() || closed) {
                return;
            }
            long stoppedFor = Duration.ofNanos(System.nanoTime() - stoppedSinceNanos).toSeconds();
            log.info("The database answers; starting JobRunr's job server again ({} s after it stopped)",
                    stoppedFor);
            DatabaseOutageLogFilter.databaseAnswered();
            try {
                onRecovery.run();
            } catch (RuntimeException e) {
                log.warn("Could not record the runs cut short or queue the missed ticks", e);
            }
            server.start();
            stoppedSinceNanos = -1;
        } catch (RuntimeException e) {
            log.warn("Could not bring JobRunr's job server back; trying again in {} ms", checkEvery.toMillis(), e);
        }
    }

    /** True when the pool hands out a working connection (waiting up to the pool's connection timeout). */
    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            if (!closed) {
                log.warn("The database does not answer; JobRunr's job server waits for it", e);
            }
            return false;
        }
    }

    /** Stops checking; a check under way is interrupted and waited for, so the server is never started after. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                log.warn("The job server supervisor did not stop within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
