package io.resequel.exec;

import org.reactivestreams.Publisher;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.Statement;
import io.resequel.sql.Bind;
import io.resequel.sql.Dialect;
import io.resequel.sql.Sql;
import io.resequel.tx.ConnectionSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one place statements run: binds values through the dialect, borrows the connection from the
 * {@link ConnectionSource} (the transaction's, or a pooled one released on complete, error and cancel), reports to
 * the listeners and translates driver errors into typed ones.
 */
public final class Executor {

    private final ConnectionSource source;
    private final Dialect dialect;
    private final List<StatementListener> listeners;

    /**
     * @param source    where connections come from
     * @param dialect   the dialect
     * @param logging   log statements to {@code io.resequel.sql}
     * @param benchmark log each statement's duration
     * @param listeners further listeners
     */
    public Executor(ConnectionSource source, Dialect dialect, boolean logging, boolean benchmark,
            List<StatementListener> listeners) {
        this.source = Objects.requireNonNull(source, "source");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        List<StatementListener> all = new ArrayList<>(listeners);
        if (logging || benchmark) {
            all.add(new SqlLog(benchmark));
        }
        this.listeners = List.copyOf(all);
    }

    /** @return the dialect */
    public Dialect dialect() {
        return dialect;
    }

    /** @return the connection source */
    public ConnectionSource source() {
        return source;
    }

    /**
     * Runs a query and maps each row. Rows stream with backpressure; cancelling releases the connection.
     *
     * @param sql    the statement
     * @param mapper row mapper
     * @param <T>    element type
     * @return the mapped rows
     */
    public <T> Flux<T> query(Sql sql, Function<? super Row, ? extends T> mapper) {
        return run(sql, null, result -> result.map((row, meta) -> mapper.apply(row)), false);
    }

    /**
     * Runs a read-only query that may go to a read replica: outside a transaction and without {@code useMaster},
     * when read replication is configured. Otherwise the same as {@link #query}.
     *
     * @param sql    a SELECT
     * @param mapper row mapper
     * @param <T>    element type
     * @return the mapped rows
     */
    public <T> Flux<T> read(Sql sql, Function<? super Row, ? extends T> mapper) {
        return run(sql, null, result -> result.map((row, meta) -> mapper.apply(row)), true);
    }

    /**
     * Runs an INSERT and maps the generated key rows.
     *
     * @param sql     the statement
     * @param columns the generated columns to return
     * @param mapper  row mapper
     * @param <T>     element type
     * @return one element per generated row the driver reports
     */
    public <T> Flux<T> insert(Sql sql, String[] columns, Function<? super Row, ? extends T> mapper) {
        return run(sql, columns, result -> result.map((row, meta) -> mapper.apply(row)), false);
    }

    /**
     * Runs any statement and maps each result segment (rows and update counts), for raw queries.
     *
     * @param sql    the statement
     * @param mapper maps a segment to zero or more elements
     * @param <T>    element type
     * @return the mapped segments
     */
    public <T> Flux<T> segments(Sql sql, Function<Result.Segment, Publisher<T>> mapper) {
        return run(sql, null, result -> result.flatMap(mapper), false);
    }

    /** @param sql a write or DDL statement @return the rows it affected */
    public Mono<Long> update(Sql sql) {
        return run(sql, null, result -> Flux.from(result.getRowsUpdated()), false)
                .reduce(0L, Long::sum);
    }

    /**
     * Runs statements one after the other on one connection.
     *
     * @param statements DDL or writes without parameters
     * @return completes after the last
     */
    public Mono<Void> executeAll(List<String> statements) {
        return Flux.fromIterable(statements).concatMap(s -> update(Sql.of(s))).then();
    }

    private <T> Flux<T> run(Sql sql, String[] generated,
            Function<Result, Publisher<T>> read, boolean replica) {
        Function<io.r2dbc.spi.Connection, Publisher<T>> work = connection -> Flux.defer(() -> {
            Statement statement = connection.createStatement(sql.text());
            bind(statement, sql.binds());
            if (generated != null) {
                String[] names = new String[generated.length];
                for (int i = 0; i < names.length; i++) {
                    names[i] = dialect.generatedColumn(generated[i]);
                }
                statement.returnGeneratedValues(names);
            }
            Flux<T> rows = Flux.from(statement.execute())
                    .concatMap(read)
                    .onErrorMap(e -> dialect.translate(e, sql.text()));
            if (listeners.isEmpty()) {
                // The common case in production: no per-statement timing operators on the hot path.
                return rows;
            }
            for (StatementListener l : listeners) {
                l.beforeStatement(sql);
            }
            long start = System.nanoTime();
            return rows.doOnError(e -> notify(sql, start, e))
                    .doOnComplete(() -> notify(sql, start, null))
                    .doOnCancel(() -> notify(sql, start, null));
        });
        return replica ? source.read(work) : source.use(work);
    }

    private void bind(Statement statement, List<Bind> binds) {
        for (int i = 0; i < binds.size(); i++) {
            Bind b = binds.get(i);
            if (b.value() == null) {
                statement.bindNull(i, dialect.nullType(b.type()));
            } else {
                statement.bind(i, dialect.toDriver(b.type(), b.value()));
            }
        }
    }

    private void notify(Sql sql, long start, Throwable error) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        for (StatementListener l : listeners) {
            l.onStatement(sql, elapsed, error);
        }
    }
}
