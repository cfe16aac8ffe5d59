package io.resequel.tx;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The connection a transaction's body sees. Every statement it runs passes the transaction's gate: it reaches the
 * driver only while the transaction is active, and the check and the hand-over to the driver happen under the same
 * lock as the start of COMMIT or ROLLBACK. So once a rollback has begun, no statement of the body can reach the
 * database — not even one subscribed late by a branch that ignored cancellation, which would otherwise run after
 * the ROLLBACK in auto-commit mode or on a connection already back in the pool.
 *
 * <p>Ending the transaction through the connection ({@code commitTransaction}, {@code close}, ...) is refused:
 * that is the {@link Transaction}'s job.
 */
final class GuardedConnection implements Connection, Wrapped<Connection> {

    private final Transaction owner;
    private final Connection delegate;

    GuardedConnection(Transaction owner, Connection delegate) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Connection unwrap() {
        return delegate;
    }

    @Override
    public Statement createStatement(String sql) {
        // after the transaction ended the pooled connection may already serve someone else: do not touch it
        return new GuardedStatement(sql, owner.isActive() ? delegate.createStatement(sql) : null);
    }

    @Override
    public Batch createBatch() {
        Batch batch = owner.isActive() ? delegate.createBatch() : null;
        return new Batch() {
            @Override
            public Batch add(String sql) {
                if (batch != null) {
                    batch.add(sql);
                }
                return this;
            }

            @Override
            public Publisher<? extends Result> execute() {
                return owner.gate(() -> batch != null ? batch.execute()
                        : Mono.error(TransactionFinishedException.statement(owner, owner.finalState(), null)));
            }
        };
    }

    @Override
    public Publisher<Void> createSavepoint(String name) {
        return owner.gate(() -> delegate.createSavepoint(name));
    }

    @Override
    public Publisher<Void> releaseSavepoint(String name) {
        return owner.gate(() -> delegate.releaseSavepoint(name));
    }

    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
        return owner.gate(() -> delegate.rollbackTransactionToSavepoint(name));
    }

    @Override
    public Publisher<Void> beginTransaction() {
        return refused("beginTransaction");
    }

    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
        return refused("beginTransaction");
    }

    @Override
    public Publisher<Void> commitTransaction() {
        return refused("commitTransaction");
    }

    @Override
    public Publisher<Void> rollbackTransaction() {
        return refused("rollbackTransaction");
    }

    @Override
    public Publisher<Void> close() {
        return refused("close");
    }

    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
        return refused("setAutoCommit");
    }

    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
        return owner.gate(() -> delegate.setTransactionIsolationLevel(level));
    }

    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
        return owner.gate(() -> delegate.setLockWaitTimeout(timeout));
    }

    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
        return owner.gate(() -> delegate.setStatementTimeout(timeout));
    }

    @Override
    public boolean isAutoCommit() {
        return delegate.isAutoCommit();
    }

    @Override
    public ConnectionMetadata getMetadata() {
        return delegate.getMetadata();
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
        return delegate.getTransactionIsolationLevel();
    }

    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
        return delegate.validate(depth);
    }

    private static Mono<Void> refused(String what) {
        return Mono.error(new UnsupportedOperationException("RSQ-102 " + what + " on a transaction's connection:"
                + " end the transaction with Transaction.commit()/rollback() (or let db.transaction(...) do it)"));
    }

    @Override
    public String toString() {
        return "GuardedConnection(" + owner.id() + ", " + delegate + ")";
    }

    /**
     * A statement whose execution passes the gate; building it (binds) needs none. Without a driver statement (made
     * after the transaction ended) it only collects binds and fails on execute.
     */
    private final class GuardedStatement implements Statement {
        private final String sql;
        private final Statement statement;

        GuardedStatement(String sql, Statement statement) {
            this.sql = sql;
            this.statement = statement;
        }

        @Override
        public Statement add() {
            if (statement != null) {
                statement.add();
            }
            return this;
        }

        @Override
        public Statement bind(int index, Object value) {
            if (statement != null) {
                statement.bind(index, value);
            }
            return this;
        }

        @Override
        public Statement bind(String name, Object value) {
            if (statement != null) {
                statement.bind(name, value);
            }
            return this;
        }

        @Override
        public Statement bindNull(int index, Class<?> type) {
            if (statement != null) {
                statement.bindNull(index, type);
            }
            return this;
        }

        @Override
        public Statement bindNull(String name, Class<?> type) {
            if (statement != null) {
                statement.bindNull(name, type);
            }
            return this;
        }

        @Override
        public Statement returnGeneratedValues(String... columns) {
            if (statement != null) {
                statement.returnGeneratedValues(columns);
            }
            return this;
        }

        @Override
        public Statement fetchSize(int rows) {
            if (statement != null) {
                statement.fetchSize(rows);
            }
            return this;
        }

        @Override
        public Publisher<? extends Result> execute() {
            return owner.gate(sql, () -> statement != null ? statement.execute()
                    : Mono.error(TransactionFinishedException.statement(owner, owner.finalState(), sql)));
        }
    }
}
