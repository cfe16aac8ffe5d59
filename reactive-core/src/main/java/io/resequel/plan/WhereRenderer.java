package io.resequel.plan;

import io.resequel.error.ResequelException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import io.resequel.model.ValueLimits;
import io.resequel.query.Where;
import io.resequel.sql.Fragment;
import io.resequel.sql.SqlWriter;
import io.resequel.validation.Fits;
import io.resequel.validation.Values;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Renders a {@link Where} tree: attribute names become quoted columns (or JSON path expressions), values become
 * coerced bind parameters. Operators are rendered by {@link ConditionRenderer}.
 */
final class WhereRenderer {

    private WhereRenderer() {
    }

    static void render(SqlWriter w, Scope model, Where where) {
        render(w, model, where, Map.of());
    }

    /**
     * @param aliases select-list aliases a name may refer to (HAVING), rendered as their expression since
     *                PostgreSQL does not accept output aliases there
     */
    static void render(SqlWriter w, Scope model, Where where, Map<String, Object> aliases) {
        if (where instanceof Where.Condition c) {
            Object aliased = model.hasAttribute(c.attribute()) ? null : aliases.get(c.attribute());
            WhereRenderer.Operand o = aliased != null
                    ? new Operand(c.attribute(), null, x -> ExprRenderer.render(x, model, aliased), v -> v, null)
                    : operand(model, c, w.dialect().valueLimits());
            ConditionRenderer.render(w, model, o, c.op(), c.value());
        } else if (where instanceof Where.ExprCondition e) {
            ConditionRenderer.render(w, model, new Operand(model.name() + " expression", null,
                    x -> ExprRenderer.render(x, model, e.left()), v -> v, null), e.op(), e.value());
        } else if (where instanceof Where.Raw r) {
            w.append('(');
            ExprRenderer.literal(w, r.sql());
            w.append(')');
        } else if (where instanceof Where.And a) {
            group(w, model, a.items(), " AND ", "1=1", aliases);
        } else if (where instanceof Where.Or o) {
            group(w, model, o.items(), " OR ", "1=0", aliases);
        } else if (where instanceof Where.Not n) {
            w.append("NOT (");
            render(w, model, n.item(), aliases);
            w.append(')');
        }
    }

    private static void group(SqlWriter w, Scope model, List<Where> items, String joiner, String empty,
            Map<String, Object> aliases) {
        if (items.isEmpty()) {
            w.append(empty);
            return;
        }
        w.append('(');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                w.append(joiner);
            }
            render(w, model, items.get(i), aliases);
        }
        w.append(')');
    }

    /** Resolves the left side: an attribute, or a path into a JSON attribute ({@code meta.theme.color}). */
    private static Operand operand(Scope model, Where.Condition c, ValueLimits limits) {
        String name = c.attribute();
        if (Scope.isNested(name)) {
            Scope.Resolved r = model.nested(name);
            AttributeDefinition a = r.attribute();
            Scope owner = r.scope();
            return new Operand(owner.name() + "." + a.name(), a, w -> owner.column(w, a.field()),
                    v -> comparable(owner.name(), a, v, limits), a.type());
        }
        int dot = name.indexOf('.');
        if (dot > 0 && !model.hasAttribute(name) && model.hasAttribute(name.substring(0, dot))
                && model.attribute(name.substring(0, dot)).type().kind() == DataType.Kind.JSON) {
            AttributeDefinition json = model.attribute(name.substring(0, dot));
            List<String> path = new java.util.ArrayList<>(Arrays.asList(name.substring(dot + 1).split("\\.")));
            String cast = JsonCast.split(model.name() + "." + name, path);
            boolean numeric = cast == null && numeric(c.value());
            Fragment column = w -> model.column(w, json.field());
            Fragment extract = w -> w.dialect().jsonPath(w, column, path, numeric);
            // compared with text, a number or (cast) the value as it is: a date with a timestamp cast
            UnaryOperator<Object> coerce = v -> v instanceof Number n ? new BigDecimal(n.toString())
                    : cast == null || v instanceof CharSequence || v instanceof Boolean ? String.valueOf(v) : v;
            return new Operand(model.name() + "." + name, null, cast == null ? extract : JsonCast.wrap(extract, cast),
                    coerce, null);
        }
        AttributeDefinition a = model.attribute(name);
        return new Operand(model.name() + "." + a.name(), a, w -> model.column(w, a.field()),
                v -> comparable(model.name(), a, v, limits), a.type());
    }

    /** A value compared with an attribute: of its type, and one the database sees as it is. */
    private static Object comparable(String model, AttributeDefinition a, Object v, ValueLimits limits) {
        return Fits.requireComparable(model, a, Values.coerce(model, a, v), limits);
    }

    private static boolean numeric(Object value) {
        Object v = value;
        if (v instanceof io.resequel.query.Quantified q) {
            v = q.values();
        }
        if (v instanceof Collection<?> col) {
            return !col.isEmpty() && col.iterator().next() instanceof Number;
        }
        return v instanceof Number;
    }

    /**
     * The left side of a condition.
     *
     * @param label     {@code Model.attribute} for messages
     * @param attribute the attribute, or {@code null} for a JSON path
     * @param left      renders the column or path expression
     * @param coerce    brings a value to what is bound
     * @param type      the bind type, or {@code null}
     */
    record Operand(String label, AttributeDefinition attribute, Fragment left, UnaryOperator<Object> coerce,
            DataType type) {

        void value(SqlWriter w, Scope model, Object v) {
            if (v instanceof io.resequel.query.Col col) {
                column(w, model, col.name());
            } else if (v instanceof io.resequel.query.Expr e) {
                // Sequelize's {name: fn('LOWER', 'DERP')}: a function, cast or literal is compared as SQL.
                ExprRenderer.render(w, model, e);
            } else {
                w.bind(coerce.apply(v), type);
            }
        }

        /** A column reference, resolved against the model and the query's includes ({@link Scope#reference}). */
        static void column(SqlWriter w, Scope model, String name) {
            Scope.Resolved r = model.reference(name);
            r.scope().column(w, r.attribute().field());
        }

        ResequelException error(String code, String problem) {
            return new ResequelException(code + " " + label + ": " + problem);
        }
    }
}
