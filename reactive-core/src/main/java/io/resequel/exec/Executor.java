package io.resequel.exec;

import org.reactivestreams.Publisher;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.Statement;
import io.resequel.error.DeadlockException;
import io.resequel.sql.Bind;
import io.resequel.sql.Dialect;
import io.resequel.sql.Feature;
import io.resequel.sql.Sql;
import io.resequel.tx.ConnectionSource;
import io.resequel.tx.TransactionContext;
import io.resequel.tx.TransactionFinishedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The one place statements run: binds values through the dialect, borrows the connection from the
 * {@link ConnectionSource} (the transaction's, or a pooled one released on complete, error and cancel), reports to
 * the listeners and translates driver errors into typed ones.
 */
public final class Executor {

    private final ConnectionSource source;
    private final Dialect dialect;
    private final List<StatementListener> listeners;
    private final Duration defaultTimeout;
    private final List<StatementObserver> observers;
    private final CancelsInFlight cancels = new CancelsInFlight();

    /**
     * @param source    where connections come from
     * @param dialect   the dialect
     * @param logging   log statements to {@code io.resequel.sql}
     * @param benchmark log each statement's duration
     * @param listeners further listeners
     */
    public Executor(ConnectionSource source, Dialect dialect, boolean logging, boolean benchmark,
            List<StatementListener> listeners) {
        this(source, dialect, logging, benchmark, listeners, null);
    }

    /**
     * @param source         where connections come from
     * @param dialect        the dialect
     * @param logging        log statements to {@code io.resequel.sql}
     * @param benchmark      log each statement's duration
     * @param listeners      further listeners
     * @param defaultTimeout every statement's timeout unless the operation sets one ({@link QueryTimeouts}), or
     *                       {@code null} for none
     */
    public Executor(ConnectionSource source, Dialect dialect, boolean logging, boolean benchmark,
            List<StatementListener> listeners, Duration defaultTimeout) {
        this(source, dialect, logging, benchmark, listeners, defaultTimeout, List.of());
    }

    /**
     * @param source         where connections come from
     * @param dialect        the dialect
     * @param logging        log statements to {@code io.resequel.sql}
     * @param benchmark      log each statement's duration
     * @param listeners      further listeners
     * @param defaultTimeout every statement's timeout unless the operation sets one, or {@code null} for none
     * @param observers      wrap each statement's execution (tracing, metrics)
     */
    public Executor(ConnectionSource source, Dialect dialect, boolean logging, boolean benchmark,
            List<StatementListener> listeners, Duration defaultTimeout, List<StatementObserver> observers) {
        this.observers = List.copyOf(observers);
        this.defaultTimeout = defaultTimeout;
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
     * Runs any statement and maps each result segment (rows and update counts), for raw queries. A failure the
     * database reports inside the result (a {@link Result.Message} segment: PostgreSQL's simple protocol, MariaDB),
     * which {@code flatMap} hands over as data where {@code map} and {@code getRowsUpdated} would raise it, becomes
     * the translated error once the result is drained, so the connection goes back clean. Notices and warnings
     * ({@link Dialect#isError}) pass silently.
     *
     * @param sql    the statement
     * @param mapper maps a segment to zero or more elements
     * @param <T>    element type
     * @return the mapped segments
     */
    public <T> Flux<T> segments(Sql sql, Function<Result.Segment, Publisher<T>> mapper) {
        return Flux.defer(() -> {
            AtomicReference<Throwable> failed = new AtomicReference<>();
            return run(sql, null, result -> result.flatMap(segment -> {
                if (segment instanceof Result.Message m) {
                    if (dialect.isError(m)) {
                        failed.compareAndSet(null, m.exception());
                    }
                    return Mono.<T>empty();
                }
                return mapper.apply(segment);
            }), false).concatWith(Mono.defer(() -> failed.get() == null ? Mono.empty()
                    : Mono.error(dialect.translate(failed.get(), sql.text()))));
        });
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
        return Mono.deferContextual(ctx -> {
            List<String> recorder = DdlRecording.recorder(ctx);
            if (recorder != null) {
                recorder.addAll(statements);
                return Mono.<Void>empty();
            }
            return Flux.fromIterable(statements).concatMap(s -> update(Sql.of(s))).then();
        });
    }

    private <T> Flux<T> run(Sql sql, String[] generated,
            Function<Result, Publisher<T>> read, boolean replica) {
        return Flux.deferContextual(ctx -> {
            // A connection that turns out dead before anything came back (the server dropped it, the pool had not
            // noticed yet) is replaced, for reads outside a transaction: nothing ran, so running again is safe. Each
            // retry needs another dead connection, so the pool's size bounds them.
            return retried(once(sql, generated, read, replica, ctx), sql, generated, read, replica, ctx, -1)
                    .onErrorMap(LostConnection.class, Throwable::getCause);
        });
    }

    /** @param left retries left, or -1 before the first failure (the pool size is read only then) */
    private <T> Flux<T> retried(Flux<T> attempt, Sql sql, String[] generated, Function<Result, Publisher<T>> read,
            boolean replica, ContextView ctx, int left) {
        return attempt.onErrorResume(LostConnection.class, lost -> {
            int budget = left >= 0 ? left : retryable(sql, replica) ? source.metrics().max() : 0;
            if (budget == 0) {
                return Flux.error(lost);
            }
            return TransactionContext.current(source.transactionKey()).flatMapMany(tx -> tx.isPresent()
                    ? Flux.<T>error(lost)
                    : retried(once(sql, generated, read, replica, ctx), sql, generated, read, replica, ctx,
                            budget - 1));
        });
    }

    private <T> Flux<T> once(Sql sql, String[] generated, Function<Result, Publisher<T>> read, boolean replica,
            ContextView ctx) {
        StatementGuard guard = new StatementGuard(source, QueryTimeouts.find(ctx).orElse(defaultTimeout), sql.text(),
                dialect::connectionLost, cancels);
        Function<io.r2dbc.spi.Connection, Publisher<T>> run = connection -> Flux.defer(() -> {
            Statement statement = connection.createStatement(sql.text());
            bind(statement, sql.binds());
            if (generated != null) {
                String[] names = new String[generated.length];
                for (int i = 0; i < names.length; i++) {
                    names[i] = dialect.generatedColumn(generated[i]);
                }
                statement.returnGeneratedValues(names);
            }
            Flux<T> rows = guard.watch(connection, Flux.from(statement.execute()).concatMap(read))
                    .onErrorMap(e -> guard.lostBeforeAnswer() ? new LostConnection(dialect.translate(e, sql.text()))
                            : dialect.translate(e, sql.text()));
            if (!observers.isEmpty()) {
                StatementInfo info = OperationLabel.describe(sql.text(), dialect.name(), ctx);
                for (StatementObserver o : observers) {
                    rows = o.observe(info, rows);
                }
            }
            if (listeners.isEmpty()) {
                // The common case in production: no per-statement timing operators on the hot path.
                return rows;
            }
            for (StatementListener l : listeners) {
                l.beforeStatement(sql);
            }
            long start = System.nanoTime();
            return rows.doOnError(e -> notify(sql, start, e instanceof LostConnection ? e.getCause() : e))
                    .doOnComplete(() -> notify(sql, start, null))
                    .doOnCancel(() -> notify(sql, start, null));
        });
        // A cancel request for an earlier statement on this connection (same transaction) still on its way would
        // stop this one: wait for its delivery first. Nothing is added when none is (the usual case).
        Function<io.r2dbc.spi.Connection, Publisher<T>> work = connection -> {
            Mono<Void> wait = cancels.awaitDelivered(connection, StatementGuard.GRACE);
            return wait == null ? run.apply(connection) : wait.thenMany(run.apply(connection));
        };
        // a finished transaction is refused before any statement is created: name the statement in the error
        Flux<T> out = (replica ? source.read(work, guard::settle) : source.use(work, guard::settle))
                .onErrorMap(TransactionFinishedException.class, e -> e.withSql(sql.text()));
        return dialect.supports(Feature.DEADLOCK_ENDS_TRANSACTION)
                ? out.onErrorResume(DeadlockException.class, Executor::endAborted)
                : out;
    }

    /**
     * The database rolled the deadlock victim's whole transaction back: end it as rolled back too (as Sequelize
     * does on MySQL and MariaDB), so that a caller who catches the error cannot go on writing outside it (in
     * auto-commit mode, or in a new implicit transaction on H2) and then commit half of its work.
     */
    private static <T> Flux<T> endAborted(DeadlockException e) {
        return Flux.deferContextual(ctx -> TransactionContext.find(ctx)
                .map(tx -> tx.rollbackAborted().onErrorResume(x -> {
                    e.addSuppressed(x);
                    return Mono.empty();
                }))
                .orElse(Mono.empty())
                .then(Mono.error(e)));
    }

    /** Outside a transaction, a read (a SELECT) may run again on a fresh connection. */
    private static boolean retryable(Sql sql, boolean replica) {
        if (replica) {
            return true;
        }
        String text = sql.text().stripLeading();
        return text.regionMatches(true, 0, "SELECT", 0, 6) && !text.toUpperCase(java.util.Locale.ROOT).contains(" FOR ");
    }

    /** Marks a statement whose connection was gone before any answer came (the cause is the typed error). */
    private static final class LostConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostConnection(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private void bind(Statement statement, List<Bind> binds) {
        for (int i = 0; i < binds.size(); i++) {
            Bind b = binds.get(i);
            if (b.value() == null) {
                statement.bindNull(i, dialect.nullType(b.type()));
            } else {
                // A custom type's value goes out as its toDriver form, which the dialect binds as the storage type.
                Object value = b.type() == null ? b.value() : b.type().toStorage(b.value());
                statement.bind(i, dialect.toDriver(b.type(), value));
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
