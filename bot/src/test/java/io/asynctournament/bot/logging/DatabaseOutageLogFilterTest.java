package io.asynctournament.bot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A database outage in the log: one line about once a minute, and nothing else left out. */
class DatabaseOutageLogFilterTest {
    private static final String REFUSED = "Connection to 127.0.0.1:5432 refused. Check that the hostname and port are "
            + "correct and that the postmaster is accepting TCP/IP connections.";

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void logback() {
        DatabaseOutageLogFilter filter = new DatabaseOutageLogFilter(now::get);
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        appender.setContext(context);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
    }

    @Test
    void two_and_a_half_minutes_of_outage_messages_from_several_loggers_become_three_lines() {
        Logger steward = context.getLogger("org.jobrunr.server.JobSteward");
        Logger zooKeeper = context.getLogger("org.jobrunr.server.ServerZooKeeper");
        Logger reconcile = context.getLogger("io.asynctournament.bot.config.TaskReconcileLoop");
        for (int second = 0; second <= 150; second += 5) {
            now.set(1_700_000_000_000L + second * 1000L);
            steward.warn("JobRunr encountered a problematic exception - Processing will continue.", outage());
            zooKeeper.error("An unrecoverable error occurred. Shutting down {}...", "BackgroundJobServer", outage());
            reconcile.warn("Could not reconcile the tasks with JobRunr; trying again in {} s", 10, outage());
        }

        List<ILoggingEvent> lines = appender.list;
        assertThat(lines).hasSize(3).allSatisfy(line -> {
            assertThat(line.getLoggerName()).isEqualTo(DatabaseOutageLogFilter.SUMMARY_LOGGER);
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getThrowableProxy()).isNull();
            assertThat(line.getFormattedMessage()).contains(REFUSED);
        });
        assertThat(lines.get(0).getFormattedMessage()).startsWith("The database cannot be reached: " + REFUSED
                + " Until it can, this is logged about once a minute");
        assertThat(lines.get(1).getFormattedMessage()).startsWith("The database still cannot be reached (since "
                        + "2023-11-14T22:13:20Z, 60 s): ")
                .endsWith("36 message(s) about it left out since the last report, from JobSteward, "
                        + "ServerZooKeeper, TaskReconcileLoop.");
        assertThat(lines.get(2).getFormattedMessage()).contains("(since 2023-11-14T22:13:20Z, 120 s)");
    }

    @Test
    void other_errors_and_an_exhausted_pool_without_a_connection_failure_are_logged_as_usual() {
        Logger logger = context.getLogger("io.asynctournament.jobs.runner.TaskRunner");
        logger.error("Task {} failed", "x", new IllegalStateException("boom"));
        logger.warn("Pool busy", new SQLTransientConnectionException("bot - Connection is not available, request "
                + "timed out after 10000ms (total=10, active=10, idle=0, waiting=3)"));
        logger.info("Task run x: success");

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Task x failed", "Pool busy", "Task run x: success");
        assertThat(appender.list.get(0).getThrowableProxy()).isNotNull();
    }

    @Test
    void hikaris_warnings_about_dead_pooled_connections_are_left_out_and_counted_in_an_outage() {
        Logger poolBase = context.getLogger("com.zaxxer.hikari.pool.PoolBase");
        Logger steward = context.getLogger("org.jobrunr.server.JobSteward");
        for (int i = 0; i < 10; i++) {
            poolBase.warn("{} - Failed to validate connection {} ({}). Possibly consider using a shorter maxLifetime "
                    + "value.", "bot", "PgConnection@" + i, "This connection has been closed.");
        }
        assertThat(appender.list).as("Hikari replaces dead connections itself").isEmpty();

        steward.warn("storage", outage());
        poolBase.warn("{} - Failed to validate connection {} ({}).", "bot", "PgConnection@11", "closed");
        now.addAndGet(61_000);
        steward.warn("storage", outage());

        assertThat(appender.list).hasSize(2);
        assertThat(appender.list.get(0).getFormattedMessage()).startsWith("The database cannot be reached: " + REFUSED);
        assertThat(appender.list.get(1).getFormattedMessage())
                .endsWith("2 message(s) about it left out since the last report, from JobSteward, PoolBase.");
    }

    @Test
    void a_thread_interrupted_while_it_waited_for_a_connection_is_left_out_only_during_an_outage() {
        Logger performer = context.getLogger("org.jobrunr.server.BackgroundJobPerformer");
        RuntimeException interrupted = new RuntimeException("org.jobrunr.storage.StorageException",
                new SQLException("bot - Interrupted during connection acquisition", new InterruptedException()));
        performer.error("ERROR - could not update job to FAILED state", interrupted); // a clean shutdown, say
        performer.warn("storage", outage());
        performer.error("ERROR - could not update job to FAILED state", interrupted);

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(2)
                .first().isEqualTo("ERROR - could not update job to FAILED state");
        assertThat(appender.list.get(1).getFormattedMessage()).startsWith("The database cannot be reached: ");
    }

    @Test
    void an_outage_after_the_database_answered_again_is_reported_at_once_with_its_own_start() {
        Logger logger = context.getLogger("org.jobrunr.server.JobZooKeeper");
        logger.warn("storage", outage());
        now.addAndGet(20_000);
        DatabaseOutageLogFilter.databaseAnswered();
        now.addAndGet(10_000);
        logger.warn("storage", outage());

        assertThat(appender.list).hasSize(2).allSatisfy(line ->
                assertThat(line.getFormattedMessage()).startsWith("The database cannot be reached: "));
    }

    @Test
    void with_the_summary_logger_at_debug_nothing_is_left_out() {
        context.getLogger(DatabaseOutageLogFilter.SUMMARY_LOGGER).setLevel(Level.DEBUG);
        Logger logger = context.getLogger("org.jobrunr.server.JobZooKeeper");
        logger.warn("storage 1", outage());
        logger.warn("storage 2", outage());

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("storage 1", "storage 2");
    }

    @Test
    void tells_an_unreachable_database_from_other_failures() {
        assertThat(DatabaseUnreachable.reason(outage())).contains(REFUSED);
        assertThat(DatabaseUnreachable.reason(new RuntimeException(new SQLException("terminating connection due to "
                + "administrator command", "57P01")))).contains("terminating connection due to administrator command.");
        assertThat(DatabaseUnreachable.reason(new RuntimeException(new ConnectException("Connection refused"))))
                .contains("Connection refused.");
        assertThat(DatabaseUnreachable.reason(new SQLException("duplicate key", "23505"))).isEmpty();
        assertThat(DatabaseUnreachable.reason(new IllegalStateException("boom"))).isEmpty();
    }

    /** What JobRunr logs when the pool times out on a database that refuses connections. */
    private static RuntimeException outage() {
        SQLException refused = new SQLException(REFUSED, "08001", new ConnectException("Connection refused"));
        return new RuntimeException("org.jobrunr.storage.StorageException", new SQLTransientConnectionException(
                "bot - Connection is not available, request timed out after 10000ms", "08001", refused));
    }
}
