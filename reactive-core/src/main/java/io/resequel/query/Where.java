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
public sealed interface Where permits Where.Condition, Where.And, Where.Or, Where.Not {

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

    /** @param attribute name @param op operator @param value operand @return the condition */
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
