package io.resequel.exec;

import io.resequel.plan.Planner;
import io.resequel.tx.TransactionManager;
import java.util.Objects;

/**
 * What a model needs to run its operations: the planner (options → SQL), the executor (SQL → rows) and the
 * transaction manager (for multi-statement writes that must be atomic).
 *
 * @param planner      renders statements for the dialect
 * @param executor     runs them
 * @param transactions wraps multi-statement writes
 */
public record Engine(Planner planner, Executor executor, TransactionManager transactions) {
    /** Checks the parts. */
    public Engine {
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(transactions, "transactions");
    }
}
