package io.resequel.model;

import io.resequel.exec.Engine;
import io.resequel.query.Expr;
import io.resequel.query.FindOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
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
    Mono<Long> count(FindOptions given) {
        if (given.hooks() && model.hooks().has(io.resequel.hooks.HookType.BEFORE_COUNT)) {
            FindOptions.Builder b = given.mutate();
            return model.fire(io.resequel.hooks.HookType.BEFORE_COUNT, e -> e.find(b))
                    .then(Mono.defer(() -> count(b.hooks(false).build())));
        }
        FindOptions options = Paranoid.options(model.definition(), given);
        if (!options.includes().isEmpty()) {
            return model.finder().countIncluded(options);
        }
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
        }).contextWrite(ctx -> io.resequel.exec.Transactions.explicit(ctx, options.transaction(),
                options.outsideTransaction())); // count({transaction}) as a find: the same connection
    }

    /**
     * Sequelize's {@code count({group})}: one row per group with the group attributes and {@code count}.
     * Fails with {@link IllegalArgumentException} (through {@code onError}) when no group is given.
     */
    Flux<Map<String, Object>> countGrouped(FindOptions options) {
        return Flux.defer(() -> {
            if (options.group().isEmpty()) {
                return Flux.error(new IllegalArgumentException("RSQ-610 " + model.name()
                        + ": countGrouped needs group(...); use count(...) for a single total"));
            }
            List<String> names = new ArrayList<>();
            for (Object term : options.group()) {
                if (term instanceof String name) {
                    names.add(name);
                }
            }
            FindOptions grouped = options.mutate().attributes(names)
                    .attribute(Expr.fn("COUNT", Expr.literal("*")), "count").build();
            return model.finder().findAllRaw(grouped);
        });
    }

    /** max/min read as the attribute's type; an empty table gives an empty Mono (Sequelize's null). */
    Mono<Object> extreme(String function, String attribute, Where where) {
        return Mono.defer(() -> {
            AttributeDefinition a = model.definition().attribute(attribute);
            return engine.executor().read(engine.planner().aggregate(model.definition(), function, a, false,
                    Paranoid.where(model.definition(), where)),
                    row -> java.util.Optional.ofNullable(engine.planner().dialect().readValue(row, 0, a.type())))
                    .next().flatMap(Mono::justOrEmpty);
        });
    }

    /** sum as the database's number (BigDecimal or Long, depending on the database). */
    Mono<Number> sum(String attribute, Where where) {
        return Mono.defer(() -> {
            AttributeDefinition a = model.definition().attribute(attribute);
            return engine.executor().read(engine.planner().aggregate(model.definition(), "SUM", a, false,
                    Paranoid.where(model.definition(), where)),
                    row -> java.util.Optional.ofNullable((Number) row.get(0))).next().flatMap(Mono::justOrEmpty);
        });
    }
}
