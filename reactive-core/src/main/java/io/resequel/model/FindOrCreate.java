package io.resequel.model;

import io.resequel.error.ResequelException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.query.FindOptions;
import io.resequel.query.Op;
import io.resequel.query.Created;
import io.resequel.query.Where;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * findOrCreate and findCreateFind. Both rely on a unique constraint covering the where: of concurrent callers one
 * INSERT wins; the others get a {@link UniqueConstraintException} and find the winner's row.
 */
final class FindOrCreate<T extends Instance> {

    private final Model<T> model;

    FindOrCreate(Model<T> model) {
        this.model = model;
    }

    /** @param via the model or scoped view whose scopes the finds apply (the create applies none) */
    Mono<Created<T>> run(Model<T> via, Where where, Map<String, ?> defaults) {
        return Mono.defer(() -> {
            FindOptions find = FindOptions.builder().where(where).build();
            Map<String, Object> values = new LinkedHashMap<>();
            plainValues(where, values);
            for (Map.Entry<String, ?> d : defaults.entrySet()) {
                Object found = values.get(d.getKey());
                if (found != null && !ValueEquality.same(found, d.getValue())) {
                    // The row would be created with a value the find did not ask for: Sequelize refuses that too.
                    return Mono.error(new ResequelException("RSQ-611 " + model.name() + "#findOrCreate: value used for "
                            + d.getKey() + " was not equal for both the find and the create calls, '" + found
                            + "' vs '" + d.getValue() + "'"));
                }
            }
            values.putAll(defaults);
            return via.findOne(find).map(found -> new Created<>(found, false))
                    .switchIfEmpty(Mono.defer(() -> model.create(values).map(c -> new Created<>(c, true))))
                    .onErrorResume(UniqueConstraintException.class, e -> via.findOne(find)
                            .map(other -> new Created<>(other, false))
                            .switchIfEmpty(Mono.error(e)));
        });
    }

    /** The {@code attribute = value} conditions of a where (through ANDs), which the created row takes. */
    private static void plainValues(Where where, Map<String, Object> out) {
        if (where instanceof Where.Condition c && c.op() == Op.EQ && c.value() != null
                && !(c.value() instanceof io.resequel.query.Col) && c.attribute().indexOf('.') < 0) {
            out.put(c.attribute(), c.value());
        } else if (where instanceof Where.And a) {
            a.items().forEach(item -> plainValues(item, out));
        }
    }
}
