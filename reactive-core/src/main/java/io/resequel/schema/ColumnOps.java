package io.resequel.schema;

import io.resequel.model.AttributeDefinition;
import io.resequel.model.AttributeSpec;
import io.resequel.model.DataType;
import io.resequel.model.ModelDefinition;
import io.resequel.model.Reference;
import io.resequel.model.TableConstraint;
import io.resequel.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/** Columns: add, remove, change, rename; each checks the table and column first and names them when missing. */
final class ColumnOps {

    private final Catalog catalog;
    private final Dialect dialect;

    ColumnOps(Catalog catalog) {
        this.catalog = catalog;
        this.dialect = catalog.dialect();
    }

    Mono<Void> add(String table, String column, DataType type, Consumer<AttributeSpec> spec) {
        return catalog.describe(table).flatMap(existing -> {
            ModelDefinition model = single(table, column, type, spec);
            return add(model, model.byField(column));
        });
    }

    /**
     * @param model     the table, as a model
     * @param attribute the column to add, with its unique key and foreign key
     * @return completes when added
     */
    Mono<Void> add(ModelDefinition model, AttributeDefinition attribute) {
        return Mono.defer(() -> {
            List<String> statements = new ArrayList<>(dialect.addColumn(model, attribute));
            statements.addAll(keys(model, attribute));
            return catalog.executor().executeAll(statements);
        });
    }

    /**
     * The column brought to the attribute's type and nullability, knowing how it is now: the dialect may change
     * less (PostgreSQL adds enum labels in place). Keys are left alone; the caller compares them.
     *
     * @param model     the table, as a model
     * @param attribute the column as it should be
     * @param described the column as it is
     * @return completes when changed
     */
    Mono<Void> change(ModelDefinition model, AttributeDefinition attribute, ColumnDescription described) {
        return Mono.defer(() -> catalog.executor()
                .executeAll(dialect.changeColumn(model, attribute, Catalog.info(described))));
    }

    /** A foreign key on the column goes first: MySQL refuses to drop a column a foreign key uses. */
    Mono<Void> remove(String table, String column) {
        return catalog.requireColumn(table, column).then(catalog.constraints(table)).flatMap(constraints -> {
            ModelDefinition bare = catalog.bare(table);
            List<String> statements = new ArrayList<>();
            for (ConstraintDescription c : constraints) {
                if ("FOREIGN KEY".equals(c.type()) && c.fields().contains(column)) {
                    statements.addAll(dialect.dropConstraint(bare, c.name(), c.type()));
                }
            }
            statements.addAll(dialect.removeColumn(bare, column));
            return catalog.executor().executeAll(statements);
        });
    }

    /**
     * The comment and a literal default the caller does not restate are kept (MySQL's MODIFY would drop them);
     * nullability, type and everything given are as the caller says, as in Sequelize.
     */
    Mono<Void> change(String table, String column, DataType type, Consumer<AttributeSpec> spec) {
        return catalog.requireColumn(table, column).flatMap(columns -> {
            ColumnDescription old = columns.get(column);
            ModelDefinition given = single(table, column, type, spec);
            AttributeDefinition g = given.byField(column);
            boolean keepComment = g.comment() == null && old.comment() != null;
            boolean keepDefault = g.defaultValue() == null && !g.autoIncrement() && Catalog.isLiteral(old.defaultValue());
            ModelDefinition model = !keepComment && !keepDefault ? given : single(table, column, type, a -> {
                spec.accept(a);
                if (keepComment) {
                    a.comment(old.comment());
                }
                if (keepDefault) {
                    a.defaultValue(old.defaultValue());
                }
            });
            AttributeDefinition a = model.byField(column);
            List<String> statements = new ArrayList<>(dialect.changeColumn(model, a));
            statements.addAll(keys(model, a));
            return catalog.executor().executeAll(statements);
        });
    }

    Mono<Void> rename(String table, String from, String to) {
        return catalog.requireColumn(table, from).then(Mono.defer(() -> catalog.executor()
                .executeAll(dialect.renameColumn(catalog.bare(table), from, to))));
    }

    private ModelDefinition single(String table, String column, DataType type, Consumer<AttributeSpec> spec) {
        return ModelDefinition.table(catalog.schema(), table, m -> m.attribute(column, type, spec));
    }

    /** The column definition of a model carries neither UNIQUE nor REFERENCES: they become constraints. */
    private List<String> keys(ModelDefinition model, AttributeDefinition a) {
        List<String> out = new ArrayList<>();
        if (a.unique() != null) {
            TableConstraint u = TableConstraint.unique(a.field());
            out.addAll(dialect.addConstraint(model, a.unique().isEmpty() ? u : u.name(a.unique()), null));
        }
        if (a.references() != null) {
            out.addAll(dialect.addConstraint(model, foreignKey(a), null));
        }
        return out;
    }

    /** @param a an attribute with a reference @return its foreign key as a constraint */
    static TableConstraint foreignKey(AttributeDefinition a) {
        Reference r = a.references();
        TableConstraint fk = TableConstraint.foreignKey(a.field()).references(r.table(), r.key())
                .onDelete(r.onDelete()).onUpdate(r.onUpdate());
        return r.deferrable() == null ? fk : fk.deferrable(r.deferrable());
    }
}
