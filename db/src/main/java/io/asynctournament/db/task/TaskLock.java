package io.asynctournament.db.task;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A PostgreSQL session advisory lock per task id, held on its own connection for the length of a run, so the same
 * task never runs twice at once, whichever process or trigger starts it. The lock goes with the connection if the
 * process dies.
 */
public final class TaskLock implements AutoCloseable {
    private final Connection connection;
    private final String taskId;

    private TaskLock(Connection connection, String taskId) {
        this.connection = connection;
        this.taskId = taskId;
    }

    /**
     * Takes the task's lock if no one holds it.
     *
     * @return the held lock (close it to release), or empty when another run holds it
     * @throws SQLException when the database cannot be reached
     */
    public static Optional<TaskLock> tryAcquire(DataSource dataSource, String taskId) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            boolean locked = on(connection).select(DSL.function("pg_try_advisory_lock", Boolean.class, key(taskId)))
                    .fetchSingle().value1();
            if (locked) {
                return Optional.of(new TaskLock(connection, taskId));
            }
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /**
     * Whether some run (in any process) holds the task's lock right now.
     *
     * @throws SQLException when the database cannot be reached
     */
    public static boolean isHeld(DataSource dataSource, String taskId) throws SQLException {
        Optional<TaskLock> lock = tryAcquire(dataSource, taskId);
        if (lock.isPresent()) {
            lock.get().close();
            return false;
        }
        return true;
    }

    /** Releases the lock and returns the connection to the pool. */
    @Override
    public void close() throws SQLException {
        try (connection) {
            on(connection).select(DSL.function("pg_advisory_unlock", Boolean.class, key(taskId))).fetch();
        }
    }

    private static DSLContext on(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES);
    }

    private static Field<Long> key(String taskId) {
        return DSL.function("hashtextextended", Long.class, DSL.val(taskId), DSL.val(0L));
    }
}
