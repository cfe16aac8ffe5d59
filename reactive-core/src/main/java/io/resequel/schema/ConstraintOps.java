package io.resequel.schema;

import io.resequel.error.UnknownColumnException;
import io.resequel.error.UnknownConstraintException;
import io.resequel.model.ModelDefinition;
import io.resequel.model.TableConstraint;
import io.resequel.plan.Planner;
import io.resequel.sql.Dialect;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Constraints: add (check, unique, primary key, foreign key, default), remove by name, list, foreign keys. */
final class ConstraintOps {

    private final Catalog catalog;
    private final Dialect dialect;

    ConstraintOps(Catalog catalog) {
        this.catalog = catalog;
        this.dialect = catalog.dialect();
    }

    /** A CHECK's condition is rendered against the described table, with its values as escaped literals. */
    Mono<Void> add(String table, TableConstraint constraint) {
        return catalog.describe(table).flatMap(columns -> {
            for (String f : constraint.fields()) {
                if (!columns.containsKey(f)) {
                    return Mono.error(new UnknownColumnException(table, f, columns.keySet()));
                }
            }
            ModelDefinition model = catalog.model(table, columns);
            return catalog.executor().executeAll(dialect.addConstraint(model, constraint,
                    constraint.where() == null ? null : Planner.condition(model, constraint.where())));
        });
    }

    /** @param model a model @param constraint a constraint on its table @return completes when added */
    Mono<Void> add(ModelDefinition model, TableConstraint constraint) {
        return Mono.defer(() -> catalog.executor().executeAll(dialect.addConstraint(model, constraint,
                constraint.where() == null ? null : Planner.condition(model, constraint.where()))));
    }

    /** Looked up first: MySQL drops each kind differently, and a missing one is named in the error. */
    Mono<Void> remove(String table, String name) {
        return catalog.describe(table).then(catalog.constraints(table)).flatMap(all -> {
            for (ConstraintDescription c : all) {
                if (c.name().equals(name)) {
                    return catalog.executor().executeAll(dialect.dropConstraint(catalog.bare(table), name, c.type()));
                }
            }
            return Mono.error(new UnknownConstraintException(table, name,
                    all.stream().map(ConstraintDescription::name).toList()));
        });
    }

    Flux<ConstraintDescription> show(String table) {
        return catalog.constraints(table).flatMapIterable(l -> l);
    }

    Mono<List<ForeignKeyReference>> foreignKeys(String table) {
        return catalog.foreignKeys(table);
    }
}
