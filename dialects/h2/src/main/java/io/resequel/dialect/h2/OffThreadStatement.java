package io.resequel.dialect.h2;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;

/** An r2dbc-h2 statement executed on the {@link OffThreadConnectionFactory}'s scheduler; binding stays in place. */
final class OffThreadStatement implements Statement, Wrapped<Statement> {

    private final Statement delegate;
    private final OffThreadConnectionFactory off;

    OffThreadStatement(Statement delegate, OffThreadConnectionFactory off) {
        this.delegate = delegate;
        this.off = off;
    }

    @Override
    public Statement add() {
        delegate.add();
        return this;
    }

    @Override
    public Statement bind(int index, Object value) {
        delegate.bind(index, value);
        return this;
    }

    @Override
    public Statement bind(String name, Object value) {
        delegate.bind(name, value);
        return this;
    }

    @Override
    public Statement bindNull(int index, Class<?> type) {
        delegate.bindNull(index, type);
        return this;
    }

    @Override
    public Statement bindNull(String name, Class<?> type) {
        delegate.bindNull(name, type);
        return this;
    }

    @Override
    public Statement returnGeneratedValues(String... columns) {
        delegate.returnGeneratedValues(columns);
        return this;
    }

    @Override
    public Statement fetchSize(int rows) {
        delegate.fetchSize(rows);
        return this;
    }

    @Override
    public Publisher<? extends Result> execute() {
        return off.results(delegate::execute);
    }

    @Override
    public Statement unwrap() {
        return delegate;
    }
}
