package io.resequel.plan;

import io.resequel.error.UnsupportedOperatorException;
import io.resequel.query.Col;
import io.resequel.query.Expr;
import io.resequel.query.Op;
import io.resequel.query.Quantified;
import io.resequel.sql.Fragment;
import io.resequel.sql.SqlWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Renders one condition {@code operand op value}; dialect differences go through the {@code Dialect} operator SPI. */
final class ConditionRenderer {

    /** The LIKE escape character the dialects declare with {@code ESCAPE '!'}. */
    static final char LIKE_ESCAPE = '!';

    private ConditionRenderer() {
    }

    static void render(SqlWriter w, Scope model, WhereRenderer.Operand o, Op op, Object value) {
        if (value == null) {
            nullCheck(w, o, op);
            return;
        }
        if (value instanceof Quantified q) {
            quantified(w, model, o, op, q);
            return;
        }
        switch (op) {
            case NOT -> {
                // Sequelize's Op.not: IS NOT for booleans, NOT IN for a list, != for any other value.
                if (value instanceof Boolean b) {
                    o.left().render(w);
                    w.append(" IS NOT ").append(b ? "TRUE" : "FALSE");
                } else if (value instanceof Collection<?> || value instanceof Object[]
                        || value instanceof Expr.Literal) {
                    render(w, model, o, Op.NOT_IN, value);
                } else {
                    render(w, model, o, Op.NE, value);
                }
            }
            case IS -> {
                if (!(value instanceof Boolean b)) {
                    throw o.error("RSQ-304", op + " takes only null, true or false, got " + value);
                }
                o.left().render(w);
                w.append(" IS ").append(b ? "TRUE" : "FALSE");
            }
            case IS_NOT -> throw o.error("RSQ-304", "IS_NOT takes only null; use NE or NOT for values");
            case IN, NOT_IN -> {
                if (value instanceof Expr.Literal subQuery) {
                    subQuery(w, o, op == Op.NOT_IN, subQuery);
                } else {
                    in(w, model, o, op == Op.NOT_IN, list(o, op, value));
                }
            }
            case BETWEEN, NOT_BETWEEN -> {
                List<?> range = list(o, op, value);
                if (range.size() != 2) {
                    throw o.error("RSQ-303", op + " needs exactly two values, got " + range.size());
                }
                o.left().render(w);
                w.append(op == Op.BETWEEN ? " BETWEEN " : " NOT BETWEEN ");
                o.value(w, model, range.get(0));
                w.append(" AND ");
                o.value(w, model, range.get(1));
            }
            case LIKE, NOT_LIKE, ILIKE, NOT_ILIKE -> w.dialect().like(w, o.left(), pattern(w, model, o, op, value, null),
                    op == Op.NOT_LIKE || op == Op.NOT_ILIKE, op == Op.ILIKE || op == Op.NOT_ILIKE, false);
            case STARTS_WITH -> w.dialect().like(w, o.left(), pattern(w, model, o, op, value, "%s%%"), false, false,
                    true);
            case ENDS_WITH -> w.dialect().like(w, o.left(), pattern(w, model, o, op, value, "%%%s"), false, false,
                    true);
            case SUBSTRING -> w.dialect().like(w, o.left(), pattern(w, model, o, op, value, "%%%s%%"), false, false,
                    true);
            case REGEXP, NOT_REGEXP, IREGEXP, NOT_IREGEXP -> w.dialect().regexp(w, o.left(),
                    pattern(w, model, o, op, value, null), op == Op.NOT_REGEXP || op == Op.NOT_IREGEXP,
                    op == Op.IREGEXP || op == Op.NOT_IREGEXP);
            case MATCH -> {
                if (!(value instanceof Expr)) {
                    throw o.error("RSQ-306", "MATCH takes a tsquery expression such as Expr.fn(\"to_tsquery\", "
                            + "text), got " + value.getClass().getSimpleName());
                }
                w.dialect().match(w, o.left(), x -> o.value(x, model, value));
            }
            case EQ, NE, GT, GTE, LT, LTE -> {
                o.left().render(w);
                w.append(' ').append(symbol(op)).append(' ');
                o.value(w, model, value);
            }
            default -> {
                if (o.attribute() == null) {
                    throw new UnsupportedOperatorException(op.name(), w.dialect().name(),
                            "not on a JSON path (" + o.label() + ")");
                }
                w.dialect().containment(w, op, o.attribute(), o.left(), value);
            }
        }
    }

    private static void nullCheck(SqlWriter w, WhereRenderer.Operand o, Op op) {
        switch (op) {
            case EQ, IS -> {
                o.left().render(w);
                w.append(" IS NULL");
            }
            case NE, IS_NOT, NOT -> {
                o.left().render(w);
                w.append(" IS NOT NULL");
            }
            default -> throw o.error("RSQ-305", op + " needs a value, got null; use EQ/IS (IS NULL) or NE/NOT "
                    + "(IS NOT NULL)");
        }
    }

    /** Sequelize's semantics: {@code IN ()} is {@code IN (NULL)} (never true), {@code NOT IN ()} is left out. */
    private static void in(SqlWriter w, Scope model, WhereRenderer.Operand o, boolean negate,
            List<?> values) {
        if (values.isEmpty()) {
            if (negate) {
                w.append("1=1");
            } else {
                o.left().render(w);
                w.append(" IN (NULL)");
            }
            return;
        }
        o.left().render(w);
        w.append(negate ? " NOT IN (" : " IN (");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                w.append(", ");
            }
            o.value(w, model, values.get(i));
        }
        w.append(')');
    }

    /**
     * {@code IN (SELECT ...)} with the caller's sub-query (Sequelize's {@code [Op.in]: literal('(SELECT ...)')});
     * parentheses are added unless the text already opens with one.
     */
    private static void subQuery(SqlWriter w, WhereRenderer.Operand o, boolean negate, Expr.Literal subQuery) {
        o.left().render(w);
        boolean wrapped = subQuery.sql().stripLeading().startsWith("(");
        w.append(negate ? " NOT IN " : " IN ").append(wrapped ? "" : "(");
        ExprRenderer.literal(w, subQuery);
        w.append(wrapped ? "" : ")");
    }

    private static void quantified(SqlWriter w, Scope model, WhereRenderer.Operand operand, Op op,
            Quantified q) {
        WhereRenderer.Operand o = operand;
        String operator = switch (op) {
            case EQ, NE, GT, GTE, LT, LTE -> symbol(op);
            case LIKE, ILIKE -> "LIKE";
            case NOT_LIKE, NOT_ILIKE -> "NOT LIKE";
            default -> throw o.error("RSQ-306", "ANY/ALL combine only with EQ, NE, GT, GTE, LT, LTE, LIKE, "
                    + "NOT_LIKE, ILIKE and NOT_ILIKE, not " + op);
        };
        if (q.values().isEmpty()) {
            w.append(q.all() ? "1=1" : "1=0");
            return;
        }
        boolean like = op == Op.LIKE || op == Op.NOT_LIKE || op == Op.ILIKE || op == Op.NOT_ILIKE;
        boolean ci = op == Op.ILIKE || op == Op.NOT_ILIKE;
        List<Fragment> values = new ArrayList<>(q.values().size());
        for (Object v : q.values()) {
            if (v == null) {
                throw o.error("RSQ-305", "ANY/ALL elements must not be null");
            }
            // ILIKE ANY/ALL: both sides lower-cased, which every database (and PostgreSQL's ANY) understands
            Fragment text = x -> x.bind(String.valueOf(v), null);
            values.add(!like ? x -> operand.value(x, model, v) : !ci ? text : x -> {
                x.append("LOWER(");
                text.render(x);
                x.append(")");
            });
        }
        if (ci) {
            Fragment left = o.left();
            o = new WhereRenderer.Operand(o.label(), o.attribute(), x -> {
                x.append("LOWER(");
                left.render(x);
                x.append(")");
            }, o.coerce(), o.type());
        }
        if (o.type() != null && o.type().kind() == io.resequel.model.DataType.Kind.ARRAY) {
            // ARRAY[array, array] would be one two-dimensional array whose ANY iterates scalars: expand instead.
            w.append('(');
            for (int i = 0; i < values.size(); i++) {
                w.append(i > 0 ? (q.all() ? " AND " : " OR ") : "");
                o.left().render(w);
                w.append(' ').append(operator).append(' ');
                values.get(i).render(w);
            }
            w.append(')');
            return;
        }
        w.dialect().quantified(w, o.left(), operator, values, q.all());
    }

    /** The pattern operand; with a format, the value is LIKE-escaped and wrapped ({@code %s%%} = starts with). */
    private static Fragment pattern(SqlWriter w, Scope model, WhereRenderer.Operand o, Op op, Object value,
            String format) {
        if (value instanceof Col col) {
            if (format != null) {
                throw o.error("RSQ-306", op + " takes a string, not a column reference");
            }
            return x -> WhereRenderer.Operand.column(x, model, col.name());
        }
        if (!(value instanceof CharSequence)) {
            throw o.error("RSQ-306", op + " takes a string pattern, got " + value.getClass().getSimpleName());
        }
        String text = format == null ? value.toString() : String.format(format, escapeLike(value.toString()));
        return x -> x.bind(text, null);
    }

    /** @param value text to match literally @return it with {@code !}, {@code %} and {@code _} escaped by {@code !} */
    static String escapeLike(String value) {
        StringBuilder b = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == LIKE_ESCAPE || c == '%' || c == '_') {
                b.append(LIKE_ESCAPE);
            }
            b.append(c);
        }
        return b.toString();
    }

    private static List<?> list(WhereRenderer.Operand o, Op op, Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        if (value instanceof Collection<?> col) {
            return List.copyOf(col);
        }
        if (value instanceof Object[] arr) {
            return List.of(arr);
        }
        throw o.error("RSQ-302", op + " needs a list of values, got " + value.getClass().getSimpleName());
    }

    static String symbol(Op op) {
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
