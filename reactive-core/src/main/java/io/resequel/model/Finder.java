package io.resequel.model;

import io.resequel.error.LockWithoutTransactionException;
import io.resequel.exec.Engine;
import io.resequel.tx.ReadRouting;
import io.resequel.exec.Transactions;
import io.resequel.plan.SelectPlan;
import io.resequel.query.FindOptions;
import io.resequel.query.Where;
import io.resequel.sql.Bind;
import io.resequel.sql.Sql;
import io.resequel.validation.Values;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The read operations of a model. */
final class Finder<T extends Instance> {

    private final Model<T> model;
    private final Engine engine;
    private volatile PkQuery byPk;

    Finder(Model<T> model, Engine engine) {
        this.model = model;
        this.engine = engine;
    }

    Flux<T> findAll(FindOptions options) {
        return engine.transactions().current().flatMapMany(tx -> {
            if (options.lock() != null && tx.isEmpty()) {
                return Flux.error(new LockWithoutTransactionException(model.name(), options.lock()));
            }
            SelectPlan plan = engine.planner().select(model.definition(), options);
            return engine.executor().read(plan.sql(),
                    new InstanceReader<>(model, engine.planner().dialect(), plan.columns()));
        }).contextWrite(ctx -> Transactions.explicit(options.useMaster() ? ReadRouting.useMaster(ctx) : ctx,
                options.transaction()));
    }

    Mono<T> findOne(FindOptions options) {
        return findAll(options.mutate().limit(1).build()).next();
    }

    Mono<T> findByPk(Object key) {
        return Mono.defer(() -> {
            List<AttributeDefinition> pks = model.definition().primaryKeys();
            if (pks.size() != 1) {
                return Mono.error(new io.resequel.error.ResequelException("RSQ-602 " + model.name()
                        + " has " + (pks.isEmpty() ? "no primary key" : "a composite primary key")
                        + "; use findOne with a where on its key attributes"));
            }
            if (key == null) {
                return Mono.empty();
            }
            AttributeDefinition pk = pks.get(0);
            Object value = Values.coerce(model.name(), pk, key);
            // The hottest finder: its statement text and row reader are built once and reused with new binds.
            PkQuery cached = byPk;
            if (cached == null) {
                SelectPlan plan = engine.planner().select(model.definition(),
                        FindOptions.builder().where(Where.eq(pk.name(), value)).limit(1).build());
                cached = new PkQuery(plan, new InstanceReader<>(model, engine.planner().dialect(), plan.columns()));
                byPk = cached;
            }
            List<Bind> binds = new ArrayList<>(cached.plan.sql().binds());
            binds.set(0, new Bind(value, pk.type()));
            return engine.executor().read(new Sql(cached.plan.sql().text(), binds), cached.reader).next();
        });
    }

    /** The cached statement and reader of {@code findByPk}. */
    private final class PkQuery {
        final SelectPlan plan;
        final InstanceReader<T> reader;

        PkQuery(SelectPlan plan, InstanceReader<T> reader) {
            this.plan = plan;
            this.reader = reader;
        }
    }

    Mono<Long> count(Where where) {
        return Mono.defer(() -> engine.executor()
                .read(engine.planner().count(model.definition(), where), row -> ((Number) row.get(0)).longValue())
                .next());
    }
}
