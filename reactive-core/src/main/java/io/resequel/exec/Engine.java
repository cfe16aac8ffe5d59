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
 * @param coalescing   how primary-key lookups are coalesced, or {@code null} when they are not
 */
public record Engine(Planner planner, Executor executor, TransactionManager transactions, LookupCoalescing coalescing) {
    /** Checks the parts. */
    public Engine {
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(transactions, "transactions");
    }

    /** @param planner the planner @param executor the executor @param transactions the transactions; no coalescing */
    public Engine(Planner planner, Executor executor, TransactionManager transactions) {
        this(planner, executor, transactions, null);
    }
}
