package io.resequel.dialect.h2;

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
import org.reactivestreams.Publisher;

/** An r2dbc-h2 connection whose publishers run on the {@link OffThreadConnectionFactory}'s scheduler. */
final class OffThreadConnection implements Connection, Wrapped<Connection> {

    private final Connection delegate;
    private final OffThreadConnectionFactory off;

    /**
     * @param delegate r2dbc-h2's connection
     * @param off      runs this connection's operations on its own lane, in order
     */
    OffThreadConnection(Connection delegate, OffThreadConnectionFactory off) {
        this.delegate = delegate;
        this.off = off;
    }

    @Override
    public Publisher<Void> beginTransaction() {
        return off.mono(delegate::beginTransaction);
    }

    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
        return off.mono(() -> delegate.beginTransaction(definition));
    }

    @Override
    public Publisher<Void> close() {
        return off.mono(delegate::close);
    }

    @Override
    public Publisher<Void> commitTransaction() {
        return off.mono(delegate::commitTransaction);
    }

    @Override
    public Batch createBatch() {
        Batch batch = delegate.createBatch();
        return new Batch() {
            @Override
            public Batch add(String sql) {
                batch.add(sql);
                return this;
            }

            @Override
            public Publisher<? extends Result> execute() {
                return off.results(batch::execute);
            }
        };
    }

    @Override
    public Publisher<Void> createSavepoint(String name) {
        return off.mono(() -> delegate.createSavepoint(name));
    }

    @Override
    public Statement createStatement(String sql) {
        return new OffThreadStatement(delegate.createStatement(sql), off);
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
    public Publisher<Void> releaseSavepoint(String name) {
        return off.mono(() -> delegate.releaseSavepoint(name));
    }

    @Override
    public Publisher<Void> rollbackTransaction() {
        return off.mono(delegate::rollbackTransaction);
    }

    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
        return off.mono(() -> delegate.rollbackTransactionToSavepoint(name));
    }

    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
        return off.mono(() -> delegate.setAutoCommit(autoCommit));
    }

    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
        return off.mono(() -> delegate.setLockWaitTimeout(timeout));
    }

    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
        return off.mono(() -> delegate.setStatementTimeout(timeout));
    }

    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
        return off.mono(() -> delegate.setTransactionIsolationLevel(level));
    }

    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
        return off.mono(() -> delegate.validate(depth));
    }

    @Override
    public Connection unwrap() {
        return delegate;
    }
}
