package io.resequel.model;

import io.resequel.exec.Engine;
import io.resequel.plan.SelectPlan;
import io.resequel.query.FindOptions;
import io.resequel.query.Where;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The read operations of a model. */
final class Finder<T extends Instance> {

    private final Model<T> model;
    private final Engine engine;

    Finder(Model<T> model, Engine engine) {
        this.model = model;
        this.engine = engine;
    }

    Flux<T> findAll(FindOptions options) {
        return Flux.defer(() -> {
            SelectPlan plan = engine.planner().select(model.definition(), options);
            return engine.executor().query(plan.sql(),
                    new InstanceReader<>(model, engine.planner().dialect(), plan.columns()));
        });
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
            return findOne(FindOptions.builder().where(Where.eq(pks.get(0).name(), key)).build());
        });
    }

    Mono<Long> count(Where where) {
        return Mono.defer(() -> engine.executor()
                .query(engine.planner().count(model.definition(), where), row -> ((Number) row.get(0)).longValue())
                .next());
    }
}
