package io.resequel.plan;

import io.resequel.error.ResequelException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.query.Op;
import io.resequel.query.Where;
import io.resequel.sql.SqlWriter;
import io.resequel.validation.Values;
import java.util.Collection;
import java.util.List;

/** Renders a {@link Where} tree: attribute names become quoted columns, values become coerced bind parameters. */
final class WhereRenderer {

    private WhereRenderer() {
    }

    static void render(SqlWriter w, ModelDefinition model, Where where) {
        if (where instanceof Where.Condition c) {
            condition(w, model, c);
        } else if (where instanceof Where.And a) {
            group(w, model, a.items(), " AND ", "1=1");
        } else if (where instanceof Where.Or o) {
            group(w, model, o.items(), " OR ", "1=0");
        } else if (where instanceof Where.Not n) {
            w.append("NOT (");
            render(w, model, n.item());
            w.append(')');
        }
    }

    private static void group(SqlWriter w, ModelDefinition model, List<Where> items, String joiner, String empty) {
        if (items.isEmpty()) {
            w.append(empty);
            return;
        }
        w.append('(');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                w.append(joiner);
            }
            render(w, model, items.get(i));
        }
        w.append(')');
    }

    private static void condition(SqlWriter w, ModelDefinition model, Where.Condition c) {
        AttributeDefinition a = model.attribute(c.attribute());
        Op op = c.op();
        Object value = c.value();
        if (value == null && (op == Op.EQ || op == Op.IS)) {
            w.id(a.field()).append(" IS NULL");
            return;
        }
        if (value == null && (op == Op.NE || op == Op.IS_NOT)) {
            w.id(a.field()).append(" IS NOT NULL");
            return;
        }
        switch (op) {
            case IN, NOT_IN -> in(w, model, a, op == Op.NOT_IN, list(model, c));
            case BETWEEN, NOT_BETWEEN -> {
                List<?> range = list(model, c);
                if (range.size() != 2) {
                    throw new ResequelException("RSQ-303 " + model.name() + "." + a.name() + ": " + op
                            + " needs exactly two values, got " + range.size());
                }
                w.id(a.field()).append(op == Op.BETWEEN ? " BETWEEN " : " NOT BETWEEN ");
                w.bind(Values.coerce(model.name(), a, range.get(0)), a.type()).append(" AND ");
                w.bind(Values.coerce(model.name(), a, range.get(1)), a.type());
            }
            case IS, IS_NOT -> throw new ResequelException("RSQ-304 " + model.name() + "." + a.name() + ": " + op
                    + " takes only null; use EQ or NE for values");
            case LIKE, NOT_LIKE -> {
                w.id(a.field()).append(op == Op.LIKE ? " LIKE " : " NOT LIKE ");
                w.bind(String.valueOf(value), null);
            }
            default -> {
                w.id(a.field()).append(' ').append(symbol(op)).append(' ');
                w.bind(Values.coerce(model.name(), a, value), a.type());
            }
        }
    }

    private static void in(SqlWriter w, ModelDefinition model, AttributeDefinition a, boolean negate, List<?> values) {
        if (values.isEmpty()) {
            // Sequelize's semantics: IN () matches nothing, NOT IN () matches everything.
            w.append(negate ? "1=1" : "1=0");
            return;
        }
        w.id(a.field()).append(negate ? " NOT IN (" : " IN (");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                w.append(", ");
            }
            w.bind(Values.coerce(model.name(), a, values.get(i)), a.type());
        }
        w.append(')');
    }

    private static List<?> list(ModelDefinition model, Where.Condition c) {
        if (c.value() instanceof List<?> l) {
            return l;
        }
        if (c.value() instanceof Collection<?> col) {
            return List.copyOf(col);
        }
        if (c.value() instanceof Object[] arr) {
            return List.of(arr);
        }
        throw new ResequelException("RSQ-302 " + model.name() + "." + c.attribute() + ": " + c.op()
                + " needs a list of values, got " + (c.value() == null ? "null" : c.value().getClass().getSimpleName()));
    }

    private static String symbol(Op op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
            default -> throw new IllegalStateException(op.name());
        };
    }
}
