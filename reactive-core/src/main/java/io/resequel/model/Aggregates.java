package io.resequel.model;

import io.resequel.exec.Engine;
import io.resequel.query.FindOptions;
import io.resequel.query.Where;
import reactor.core.publisher.Mono;

/** count, max, min, sum of a model. */
final class Aggregates {

    private final Model<?> model;
    private final Engine engine;

    Aggregates(Model<?> model, Engine engine) {
        this.model = model;
        this.engine = engine;
    }

    /**
     * Sequelize's {@code count}: {@code COUNT(*)}, or of the first listed attribute; {@code distinct} counts
     * distinct values (of the primary key when no attribute is listed). Limit, offset and order are ignored.
     */
    Mono<Long> count(FindOptions options) {
        return Mono.defer(() -> {
            ModelDefinition d = model.definition();
            AttributeDefinition column = null;
            if (options.attributes() != null && !options.attributes().isEmpty()) {
                column = d.attribute(options.attributes().get(0));
            } else if (options.distinct() && !d.primaryKeys().isEmpty()) {
                column = d.primaryKeys().get(0);
            }
            return engine.executor().read(engine.planner().aggregate(d, "COUNT", column, options.distinct(),
                    options.where()), row -> ((Number) row.get(0)).longValue()).next();
        });
    }

    /** max/min read as the attribute's type; an empty table gives an empty Mono (Sequelize's null). */
    Mono<Object> extreme(String function, String attribute, Where where) {
        return Mono.defer(() -> {
            AttributeDefinition a = model.definition().attribute(attribute);
            return engine.executor().read(engine.planner().aggregate(model.definition(), function, a, false, where),
                    row -> java.util.Optional.ofNullable(engine.planner().dialect().read(row, 0, a.type())))
                    .next().flatMap(Mono::justOrEmpty);
        });
    }

    /** sum as the database's number (BigDecimal or Long, depending on the database). */
    Mono<Number> sum(String attribute, Where where) {
        return Mono.defer(() -> {
            AttributeDefinition a = model.definition().attribute(attribute);
            return engine.executor().read(engine.planner().aggregate(model.definition(), "SUM", a, false, where),
                    row -> java.util.Optional.ofNullable((Number) row.get(0))).next().flatMap(Mono::justOrEmpty);
        });
    }
}
