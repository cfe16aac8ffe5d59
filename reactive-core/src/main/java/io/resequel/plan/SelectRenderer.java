package io.resequel.plan;

import io.resequel.error.EmptySelectionException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.query.Col;
import io.resequel.query.Expr;
import io.resequel.query.FindOptions;
import io.resequel.query.Lock;
import io.resequel.query.Order;
import io.resequel.query.Selection;
import io.resequel.sql.SqlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a SELECT: the attribute columns, then aliased attributes and expressions, FROM, WHERE, GROUP BY, HAVING,
 * ORDER BY (attributes, aliases, expressions; NULLS FIRST/LAST through the dialect), LIMIT/OFFSET.
 */
final class SelectRenderer {

    /** What the select list holds, in order: model attributes, then the extras. */
    record Columns(List<AttributeDefinition> attributes, List<SelectPlan.Extra> extras) {
    }

    private SelectRenderer() {
    }

    static Columns render(SqlWriter w, ModelDefinition model, FindOptions options) {
        List<AttributeDefinition> columns = new ArrayList<>();
        if (options.attributes() == null) {
            columns.addAll(model.attributes());
        } else {
            for (String name : options.attributes()) {
                columns.add(model.attribute(name));
            }
        }
        for (String name : options.exclude()) {
            columns.remove(model.attribute(name));
        }
        if (columns.isEmpty() && options.extra().isEmpty()) {
            throw new EmptySelectionException(model.name());
        }
        w.append(options.distinct() ? "SELECT DISTINCT " : "SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                w.append(", ");
            }
            w.id(columns.get(i).field());
        }
        List<SelectPlan.Extra> extras = new ArrayList<>();
        Map<String, Object> aliases = new LinkedHashMap<>();
        for (Selection s : options.extra()) {
            if (!columns.isEmpty() || !extras.isEmpty()) {
                w.append(", ");
            }
            if (s.target() instanceof String name) {
                AttributeDefinition a = model.attribute(name);
                w.id(a.field());
                extras.add(new SelectPlan.Extra(s.alias(), a.type()));
                aliases.put(s.alias(), new Col(name));
            } else {
                ExprRenderer.render(w, Scope.of(model), s.target());
                extras.add(new SelectPlan.Extra(s.alias(), null));
                aliases.put(s.alias(), s.target());
            }
            w.append(" AS ").id(s.alias());
        }
        w.append(" FROM ").table(model.schema(), model.tableName());
        if (options.where() != null) {
            w.append(" WHERE ");
            WhereRenderer.render(w, Scope.of(model), options.where());
        }
        if (!options.group().isEmpty()) {
            w.append(" GROUP BY ");
            for (int i = 0; i < options.group().size(); i++) {
                if (i > 0) {
                    w.append(", ");
                }
                Object g = options.group().get(i);
                ExprRenderer.render(w, Scope.of(model), g instanceof String name ? new Col(name) : g);
            }
        }
        if (options.having() != null) {
            w.append(" HAVING ");
            WhereRenderer.render(w, Scope.of(model), options.having(), aliases);
        }
        order(w, model, options.order(), aliases);
        w.dialect().limitOffset(w, options.limit(), options.offset());
        if (options.lock() != null) {
            Lock lock = options.lock();
            // the table is not aliased here: a lock of the model's name (Sequelize's of: Model) names the table
            w.dialect().lock(w, model.name().equals(lock.of()) ? lock.of(model.tableName()) : lock);
        }
        return new Columns(columns, extras);
    }

    /** @return whether the name is {@code json.path...} into a JSON attribute rather than an attribute */
    private static boolean isJsonPath(ModelDefinition model, String name) {
        int dot = name.indexOf('.');
        return dot > 0 && !model.hasAttribute(name) && model.hasAttribute(name.substring(0, dot))
                && model.attribute(name.substring(0, dot)).type().kind() == io.resequel.model.DataType.Kind.JSON;
    }

    private static void order(SqlWriter w, ModelDefinition model, List<Order> order, Map<String, Object> aliases) {
        if (order.isEmpty()) {
            return;
        }
        w.append(" ORDER BY ");
        for (int i = 0; i < order.size(); i++) {
            Order o = order.get(i);
            if (i > 0) {
                w.append(", ");
            }
            Boolean nullsFirst = o.nulls() == null ? null : o.nulls() == Order.Nulls.FIRST;
            if (o.expression() != null) {
                Expr e = o.expression();
                w.dialect().orderTerm(w, x -> ExprRenderer.render(x, Scope.of(model), e), o.descending(), nullsFirst);
            } else if (!model.hasAttribute(o.attribute()) && aliases.containsKey(o.attribute())) {
                w.dialect().orderTerm(w, x -> x.id(o.attribute()), o.descending(), nullsFirst);
            } else if (isJsonPath(model, o.attribute())) {
                // Sequelize's order: [['data.name.first']]: a path into a JSON attribute, compared as text.
                int dot = o.attribute().indexOf('.');
                String field = model.fieldOf(o.attribute().substring(0, dot));
                List<String> path = java.util.Arrays.asList(o.attribute().substring(dot + 1).split("\\."));
                w.dialect().orderTerm(w, x -> x.dialect().jsonPath(x, y -> y.id(field), path, false), o.descending(),
                        nullsFirst);
            } else {
                String field = model.fieldOf(o.attribute());
                w.dialect().orderTerm(w, x -> x.id(field), o.descending(), nullsFirst);
            }
        }
    }
}
