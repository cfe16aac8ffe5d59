package io.resequel.exec;

import io.resequel.sql.Sql;
import java.time.Duration;

/** Told about every statement Resequel runs; tests use it to assert the SQL emitted. */
@FunctionalInterface
public interface StatementListener {

    /**
     * Called when a statement is about to run.
     *
     * @param sql the statement and its binds
     */
    default void beforeStatement(Sql sql) {
    }

    /**
     * @param sql     the statement and its binds
     * @param elapsed time from execute to the end of its result
     * @param error   the error it ended with, or {@code null}
     */
    void onStatement(Sql sql, Duration elapsed, Throwable error);
}
