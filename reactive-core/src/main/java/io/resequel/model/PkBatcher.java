package io.resequel.model;

import io.resequel.exec.Engine;
import io.resequel.exec.LookupCoalescing;
import io.resequel.plan.SelectPlan;
import io.resequel.query.FindOptions;
import io.resequel.query.Where;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Coalesces one model's concurrent primary-key lookups ({@link LookupCoalescing}): waiting lookups go out together
 * as one {@code WHERE pk IN (...)} query when fewer than {@code maxInFlight} of its queries run, and each row goes
 * back to the lookup of its key. A query carries each key once; a second lookup of the same key waits for the next
 * query, so every caller gets an instance of its own. A cancelled lookup leaves its query to the others; a query
 * whose lookups were all cancelled is cancelled, which releases its connection.
 */
final class PkBatcher<T extends Instance> {

    private final Model<T> model;
    private final Engine engine;
    private final AttributeDefinition pk;
    private final LookupCoalescing limits;
    private final ArrayDeque<Lookup> waiting = new ArrayDeque<>();
    private int running;

    private PkBatcher(Model<T> model, Engine engine, AttributeDefinition pk, LookupCoalescing limits) {
        this.model = model;
        this.engine = engine;
        this.pk = pk;
        this.limits = limits;
    }

    /**
     * @return a batcher for the model's lookups, or {@code null} when coalescing is off or the key does not qualify
     *         (not one integer or UUID column)
     */
    static <T extends Instance> PkBatcher<T> of(Model<T> model, Engine engine) {
        List<AttributeDefinition> pks = model.definition().primaryKeys();
        if (engine.coalescing() == null || pks.size() != 1 || pks.get(0).type().custom() != null) {
            return null;
        }
        return switch (pks.get(0).type().kind()) {
            case INTEGER, BIGINT, SMALLINT, TINYINT, MEDIUMINT, UUID ->
                    new PkBatcher<>(model, engine, pks.get(0), engine.coalescing());
            default -> null;
        };
    }

    /**
     * @param value the coerced key
     * @param ctx   the lookup's context; the query it joins runs with the context of its first lookup
     * @return the row of {@code value}, or empty
     */
    Mono<T> find(Object value, ContextView ctx) {
        return Mono.defer(() -> {
            Lookup lookup = new Lookup(key(value), value, ctx);
            synchronized (this) {
                waiting.add(lookup);
            }
            drain();
            // Sinks.One keeps a result that comes before (or after) its subscriber, and never drops an error.
            return lookup.sink.asMono().doOnCancel(lookup::cancel);
        });
    }

    /** Integer keys compare as longs whatever their Java class (a caller's Integer, the column's Long). */
    private static Object key(Object value) {
        return value instanceof Number n ? (Object) n.longValue() : value;
    }

    private void drain() {
        while (true) {
            Batch batch;
            synchronized (this) {
                if (running >= limits.maxInFlight()) {
                    return;
                }
                List<Lookup> taken = take();
                if (taken.isEmpty()) {
                    return;
                }
                running++;
                batch = new Batch(taken);
            }
            run(batch);
        }
    }

    /** Up to maxBatch waiting lookups with distinct keys, in arrival order; cancelled ones are dropped. */
    private List<Lookup> take() {
        List<Lookup> taken = new ArrayList<>();
        Set<Object> keys = new HashSet<>();
        for (Iterator<Lookup> it = waiting.iterator(); it.hasNext() && taken.size() < limits.maxBatch(); ) {
            Lookup l = it.next();
            if (l.cancelled) {
                it.remove();
            } else if (keys.add(l.key)) {
                it.remove();
                taken.add(l);
            }
        }
        return taken;
    }

    private void run(Batch batch) {
        List<Object> values = new ArrayList<>(batch.lookups.size());
        for (Lookup l : batch.lookups) {
            values.add(l.value);
        }
        Where byKey = values.size() == 1 ? Where.eq(pk.name(), values.get(0)) : Where.in(pk.name(), values);
        Map<Object, T> found = new HashMap<>();
        Disposable subscription;
        try {
            SelectPlan plan = engine.planner().select(model.definition(),
                    FindOptions.builder().where(Paranoid.where(model.definition(), byKey)).build());
            subscription = engine.executor().read(plan.sql(),
                            new InstanceReader<>(model, engine.planner().dialect(), plan))
                    .contextWrite(Context.of(batch.lookups.get(0).ctx))
                    .subscribe(row -> found.put(key(row.getDataValue(pk.name())), row),
                            error -> finish(batch, null, error), () -> finish(batch, found, null));
        } catch (RuntimeException e) {
            finish(batch, null, e);
            return;
        }
        batch.subscription(subscription);
    }

    private void finish(Batch batch, Map<Object, T> found, Throwable error) {
        if (!batch.done.compareAndSet(false, true)) {
            return;
        }
        for (Lookup l : batch.lookups) {
            if (error != null) {
                l.sink.tryEmitError(error);
            } else {
                T row = found.get(l.key);
                if (row == null) {
                    l.sink.tryEmitEmpty();
                } else {
                    l.sink.tryEmitValue(row);
                }
            }
        }
        synchronized (this) {
            running--;
        }
        drain();
    }

    /** One waiting or running lookup. */
    private final class Lookup {
        final Object key;
        final Object value;
        final ContextView ctx;
        final Sinks.One<T> sink = Sinks.one();
        volatile boolean cancelled;
        volatile Batch batch;

        Lookup(Object key, Object value, ContextView ctx) {
            this.key = key;
            this.value = value;
            this.ctx = ctx;
        }

        void cancel() {
            cancelled = true;
            Batch b = batch;
            if (b != null) {
                b.cancelled();
            }
        }
    }

    /** One query's lookups; cancelled once all of them are. */
    private final class Batch {
        final List<Lookup> lookups;
        final AtomicInteger live;
        final AtomicBoolean done = new AtomicBoolean();
        private volatile Disposable subscription;

        Batch(List<Lookup> lookups) {
            this.lookups = lookups;
            this.live = new AtomicInteger(lookups.size());
            for (Lookup l : lookups) {
                l.batch = this;
            }
        }

        void subscription(Disposable s) {
            subscription = s;
            if (live.get() <= 0) {
                cancelQuery();
            }
        }

        void cancelled() {
            if (live.decrementAndGet() == 0 && subscription != null) {
                cancelQuery();
            }
        }

        private void cancelQuery() {
            if (done.compareAndSet(false, true)) {
                subscription.dispose();
                synchronized (PkBatcher.this) {
                    running--;
                }
                drain();
            }
        }
    }
}
