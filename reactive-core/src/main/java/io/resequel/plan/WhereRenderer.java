package io.resequel.plan;

import io.resequel.error.ResequelException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import io.resequel.model.ModelDefinition;
import io.resequel.query.Where;
import io.resequel.sql.Fragment;
import io.resequel.sql.SqlWriter;
import io.resequel.validation.Values;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Renders a {@link Where} tree: attribute names become quoted columns (or JSON path expressions), values become
 * coerced bind parameters. Operators are rendered by {@link ConditionRenderer}.
 */
final class WhereRenderer {

    private WhereRenderer() {
    }

    static void render(SqlWriter w, ModelDefinition model, Where where) {
        if (where instanceof Where.Condition c) {
            ConditionRenderer.render(w, model, operand(model, c), c.op(), c.value());
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

    /** Resolves the left side: an attribute, or a path into a JSON attribute ({@code meta.theme.color}). */
    private static Operand operand(ModelDefinition model, Where.Condition c) {
        String name = c.attribute();
        int dot = name.indexOf('.');
        if (dot > 0 && !model.hasAttribute(name) && model.hasAttribute(name.substring(0, dot))
                && model.attribute(name.substring(0, dot)).type().kind() == DataType.Kind.JSON) {
            AttributeDefinition json = model.attribute(name.substring(0, dot));
            List<String> path = Arrays.asList(name.substring(dot + 1).split("\\."));
            boolean numeric = numeric(c.value());
            Fragment column = w -> w.id(json.field());
            return new Operand(model.name() + "." + name, null,
                    w -> w.dialect().jsonPath(w, column, path, numeric),
                    v -> v instanceof Number n ? new BigDecimal(n.toString()) : String.valueOf(v), null);
        }
        AttributeDefinition a = model.attribute(name);
        return new Operand(model.name() + "." + a.name(), a, w -> w.id(a.field()),
                v -> Values.coerce(model.name(), a, v), a.type());
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

        void value(SqlWriter w, ModelDefinition model, Object v) {
            if (v instanceof io.resequel.query.Col col) {
                column(w, model, col.name());
            } else {
                w.bind(coerce.apply(v), type);
            }
        }

        static void column(SqlWriter w, ModelDefinition model, String name) {
            int dot = name.indexOf('.');
            if (dot > 0 && !model.hasAttribute(name)) {
                w.id(name.substring(0, dot)).append('.').id(name.substring(dot + 1));
            } else {
                w.id(model.fieldOf(name));
            }
        }

        ResequelException error(String code, String problem) {
            return new ResequelException(code + " " + label + ": " + problem);
        }
    }
}
