package io.resequel.dialect.h2;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs r2dbc-h2 off the subscriber's thread. r2dbc-h2 calls H2's in-process engine synchronously, so a statement
 * that waits for a row lock blocks whichever thread subscribed: two transactions driven from one thread deadlock
 * until H2's lock timeout, and an event-loop thread stalls. Every operation that enters the engine (connect, execute,
 * read rows, commit, rollback, savepoints, session settings, close) is subscribed on a bounded elastic scheduler,
 * meant for blocking work. Signals then arrive on that scheduler's threads; no hop back is needed, as downstream
 * code does not care which thread it runs on.
 */
final class OffThreadConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

    /** Set while one of this class's tasks runs the engine on a scheduler thread. */
    private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();

    private final ConnectionFactory delegate;
    private final Scheduler scheduler;

    /**
     * @param delegate  r2dbc-h2's factory
     * @param scheduler where the engine's work runs (bounded elastic)
     */
    OffThreadConnectionFactory(ConnectionFactory delegate, Scheduler scheduler) {
        this.delegate = delegate;
        this.scheduler = scheduler;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return mono(delegate::create).map(c -> {
            VarcharCodecs.install(c);
            // One lane per connection: its operations run one after another, in the order they were subscribed,
            // as on a network connection. On the shared scheduler an INSERT subscribed before a ROLLBACK could run
            // after it, in auto-commit mode: the rollback would not undo it.
            Scheduler lane = Schedulers.fromExecutor(new Lane(scheduler));
            return new OffThreadConnection(c, new OffThreadConnectionFactory(delegate, lane));
        });
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return delegate;
    }

    /** @return the engine's work, run on the scheduler when subscribed */
    <T> Mono<T> mono(Supplier<? extends Publisher<T>> work) {
        return Mono.from(marked(work)).subscribeOn(scheduler);
    }

    /** @return the engine's work, subscribed and requested on the scheduler */
    <T> Flux<T> flux(Supplier<? extends Publisher<T>> work) {
        return Flux.from(marked(work)).subscribeOn(scheduler);
    }

    /** @return the results of executing a statement or batch, each read on the scheduler too */
    Flux<Result> results(Supplier<? extends Publisher<? extends Result>> execute) {
        return this.<Result>flux(() -> Flux.from(execute.get())).map(r -> new OffThreadResult(r, this));
    }

    /**
     * @return rows read in place when subscribed inside one of this factory's tasks (a result is usually read as
     *         the statement's task emits it: a second hop would only add a thread switch), else on the scheduler
     */
    <T> Flux<T> rows(Supplier<? extends Publisher<T>> read) {
        return Flux.defer(() -> Boolean.TRUE.equals(INSIDE.get()) ? Flux.from(read.get()) : flux(read));
    }

    /** Subscribes to the work with {@link #INSIDE} set, so that what it emits synchronously knows where it runs. */
    private static <T> Publisher<T> marked(Supplier<? extends Publisher<T>> work) {
        return subscriber -> {
            boolean outer = Boolean.TRUE.equals(INSIDE.get());
            INSIDE.set(Boolean.TRUE);
            try {
                Publisher<T> publisher;
                try {
                    publisher = work.get();
                } catch (RuntimeException e) {
                    Operators.error(subscriber, e);
                    return;
                }
                publisher.subscribe(subscriber);
            } finally {
                if (!outer) {
                    INSIDE.remove();
                }
            }
        };
    }
}
