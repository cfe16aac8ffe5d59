package io.resequel.dialect.h2;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Wrapped;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;

/**
 * An r2dbc-h2 result read on the {@link OffThreadConnectionFactory}'s scheduler: with lazy query execution H2 computes
 * rows as they are requested, so reading them is the engine's work too.
 */
final class OffThreadResult implements Result, Wrapped<Result> {

    private final Result delegate;
    private final OffThreadConnectionFactory off;

    OffThreadResult(Result delegate, OffThreadConnectionFactory off) {
        this.delegate = delegate;
        this.off = off;
    }

    @Override
    public Publisher<Long> getRowsUpdated() {
        return off.rows(delegate::getRowsUpdated).next();
    }

    @Override
    public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
        return off.rows(() -> delegate.map(mapping));
    }

    @Override
    public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
        return off.rows(() -> delegate.map(mapping));
    }

    @Override
    public Result filter(Predicate<Segment> filter) {
        return new OffThreadResult(delegate.filter(filter), off);
    }

    @Override
    public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
        return off.rows(() -> delegate.flatMap(mapping));
    }

    @Override
    public Result unwrap() {
        return delegate;
    }
}
