package io.resequel.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A filter: conditions on attributes combined with {@code and}, {@code or} and {@code not}. Immutable.
 * Attribute names are resolved against the model when the query runs; an unknown name fails with
 * {@link io.resequel.error.UnknownAttributeException}.
 */
public sealed interface Where permits Where.Condition, Where.ExprCondition, Where.Raw, Where.And, Where.Or,
        Where.Not {

    /**
     * A condition on one attribute.
     *
     * @param attribute the attribute name
     * @param op        the operator
     * @param value     the operand (a list for IN / BETWEEN)
     */
    record Condition(String attribute, Op op, Object value) implements Where {
        /** Checks the arguments. */
        public Condition {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(op, "op");
        }
    }

    /**
     * A condition on an expression (Sequelize's {@code sequelize.where(fn(...), op, value)}).
     *
     * @param left  the expression
     * @param op    the operator
     * @param value the operand
     */
    record ExprCondition(Expr left, Op op, Object value) implements Where {
        /** Checks the arguments. */
        public ExprCondition {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(op, "op");
        }
    }

    /** @param left an expression @param op operator @param value operand @return {@code left op value} */
    static Where where(Expr left, Op op, Object value) {
        return new ExprCondition(left, op, value);
    }

    /**
     * A condition written as raw SQL (Sequelize's {@code where: sequelize.literal('...')}), rendered in parentheses
     * so that an {@code OR} inside it cannot escape the surrounding {@code AND}.
     *
     * @param sql the SQL and its binds
     */
    record Raw(Expr.Literal sql) implements Where {
        /** Checks the argument. */
        public Raw {
            Objects.requireNonNull(sql, "sql");
        }
    }

    /**
     * @param sql   raw SQL of a condition with {@code ?} per value (never built from user input)
     * @param binds the values
     * @return the condition
     */
    static Where literal(String sql, Object... binds) {
        return new Raw(new Expr.Literal(sql, Arrays.asList(binds)));
    }

    /** @param items all must hold */
    record And(List<Where> items) implements Where {
        /** Copies the list. */
        public And {
            items = List.copyOf(items);
        }
    }

    /** @param items one must hold */
    record Or(List<Where> items) implements Where {
        /** Copies the list. */
        public Or {
            items = List.copyOf(items);
        }
    }

    /** @param item must not hold */
    record Not(Where item) implements Where {
        /** Checks the argument. */
        public Not {
            Objects.requireNonNull(item, "item");
        }
    }

    /**
     * A condition. The name is an attribute, or a path into a JSON attribute ({@code "meta.theme.color"}), compared
     * as text (as a number when the value is a number). The value may be a {@link Col} or a {@link Quantified}.
     *
     * @param attribute name
     * @param op        operator
     * @param value     operand
     * @return the condition
     */
    static Where where(String attribute, Op op, Object value) {
        return new Condition(attribute, op, value);
    }

    /** @param attribute name @param value the value, {@code null} for IS NULL @return {@code attribute = value} */
    static Where eq(String attribute, Object value) {
        return new Condition(attribute, Op.EQ, value);
    }

    /** @param attribute name @param values the values @return {@code attribute IN (values)} */
    static Where in(String attribute, Iterable<?> values) {
        List<Object> list = new ArrayList<>();
        values.forEach(list::add);
        return new Condition(attribute, Op.IN, list);
    }

    /**
     * @param attribute name
     * @param subQuery  a sub-query, e.g. {@code Expr.literal("SELECT id FROM t WHERE x = ?", v)}
     * @return {@code attribute IN (sub-query)}
     */
    static Where in(String attribute, Expr subQuery) {
        return new Condition(attribute, Op.IN, requireLiteral(subQuery));
    }

    /** @param attribute name @param subQuery a sub-query literal @return {@code attribute NOT IN (sub-query)} */
    static Where notIn(String attribute, Expr subQuery) {
        return new Condition(attribute, Op.NOT_IN, requireLiteral(subQuery));
    }

    private static Expr requireLiteral(Expr subQuery) {
        if (!(subQuery instanceof Expr.Literal)) {
            throw new io.resequel.error.ResequelException("RSQ-302 IN takes a sub-query as Expr.literal(...), got " + subQuery);
        }
        return subQuery;
    }

    /** @param attribute name @param value a value, {@code null} for IS NOT NULL @return {@code attribute <> value} */
    static Where ne(String attribute, Object value) {
        return new Condition(attribute, Op.NE, value);
    }

    /** @param attribute name @param values the values @return {@code attribute NOT IN (values)} */
    static Where notIn(String attribute, Iterable<?> values) {
        List<Object> list = new ArrayList<>();
        values.forEach(list::add);
        return new Condition(attribute, Op.NOT_IN, list);
    }

    /** @param attribute name @param low lower bound @param high upper bound @return {@code BETWEEN low AND high} */
    static Where between(String attribute, Object low, Object high) {
        return new Condition(attribute, Op.BETWEEN, Arrays.asList(low, high));
    }

    /**
     * A reference to another column as a condition's value (Sequelize's {@code col}).
     *
     * @param name an attribute name or {@code table.column}
     * @return the reference
     */
    static Col col(String name) {
        return new Col(name);
    }

    /** @param values elements @return a value matching when the comparison holds for any element */
    static Quantified any(java.util.Collection<?> values) {
        return new Quantified(false, new ArrayList<>(values));
    }

    /** @param values elements @return a value matching when the comparison holds for every element */
    static Quantified all(java.util.Collection<?> values) {
        return new Quantified(true, new ArrayList<>(values));
    }

    /** @param items conditions @return all of them */
    static Where and(Where... items) {
        return new And(Arrays.asList(items));
    }

    /** @param items conditions @return any of them */
    static Where or(Where... items) {
        return new Or(Arrays.asList(items));
    }

    /** @param item a condition @return its negation */
    static Where not(Where item) {
        return new Not(item);
    }

    /** @param other another condition @return both */
    default Where and(Where other) {
        return new And(List.of(this, other));
    }

    /** @param other another condition @return either */
    default Where or(Where other) {
        return new Or(List.of(this, other));
    }
}
