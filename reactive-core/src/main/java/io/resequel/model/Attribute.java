package io.resequel.model;

import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A typed attribute constant of a Java model class, so {@code where}, {@code order} and {@code get} are checked by
 * the compiler:
 * <pre>{@code
 * public class User extends Instance {
 *     public static final Attribute<User, String> FIRST_NAME = Attribute.of("firstName", String.class, a -> a.allowNull(false));
 *     public static final Attribute<User, Integer> AGE = Attribute.of("age", Integer.class);
 * }
 * users.findAll(q -> q.where(User.AGE.gte(18)).order(User.FIRST_NAME.asc()));
 * }</pre>
 *
 * @param <M> the model class
 * @param <T> the value class
 */
public final class Attribute<M extends Instance, T> {

    private final String name;
    private final Class<T> javaType;
    private final DataType type;
    private final Consumer<AttributeSpec> options;

    private Attribute(String name, Class<T> javaType, DataType type, Consumer<AttributeSpec> options) {
        this.name = Objects.requireNonNull(name, "name");
        this.javaType = Objects.requireNonNull(javaType, "javaType");
        this.type = type; // null: no default type for the Java class, reported by define with the model's name
        this.options = Objects.requireNonNull(options, "options");
    }

    /** @param name attribute name @param javaType value class (its data type is inferred) @return the attribute */
    public static <M extends Instance, T> Attribute<M, T> of(String name, Class<T> javaType) {
        return of(name, javaType, a -> { });
    }

    /** @param name attribute name @param javaType value class @param options attribute options @return the attribute */
    public static <M extends Instance, T> Attribute<M, T> of(String name, Class<T> javaType,
            Consumer<AttributeSpec> options) {
        return new Attribute<>(name, javaType, JavaTypes.forJavaTypeOrNull(javaType), options);
    }

    /** @param name attribute name @param javaType value class @param type the data type @return the attribute */
    public static <M extends Instance, T> Attribute<M, T> of(String name, Class<T> javaType, DataType type) {
        return new Attribute<>(name, javaType, type, a -> { });
    }

    /**
     * @param name     attribute name
     * @param javaType value class
     * @param type     the data type
     * @param options  attribute options
     * @return the attribute
     */
    public static <M extends Instance, T> Attribute<M, T> of(String name, Class<T> javaType, DataType type,
            Consumer<AttributeSpec> options) {
        return new Attribute<>(name, javaType, type, options);
    }

    /** @return the attribute name */
    public String name() { return name; }

    /** @return the value class */
    public Class<T> javaType() { return javaType; }

    /** @return the data type */
    public DataType type() { return type; }

    void declare(ModelSpec spec) {
        spec.attribute(name, type, options);
        if (type == null && JavaTypes.forJavaTypeOrNull(javaType) == null) {
            spec.find(name).typeProblem("has Java type " + javaType.getName() + ", which has no default data type; "
                    + "pass one explicitly, e.g. Attribute.of(name, type, DataTypes.TEXT)");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    T cast(Object stored) {
        if (stored == null) {
            return null;
        }
        if (javaType.isEnum() && stored instanceof String s) {
            return (T) Enum.valueOf((Class) javaType, s);
        }
        return javaType.cast(stored);
    }

    /** @param value a value, {@code null} for IS NULL @return {@code attribute = value} */
    public Where eq(T value) { return Where.where(name, Op.EQ, value); }

    /** @param value a value, {@code null} for IS NOT NULL @return {@code attribute <> value} */
    public Where ne(T value) { return Where.where(name, Op.NE, value); }

    /** @param value a value @return {@code attribute > value} */
    public Where gt(T value) { return Where.where(name, Op.GT, value); }

    /** @param value a value @return {@code attribute >= value} */
    public Where gte(T value) { return Where.where(name, Op.GTE, value); }

    /** @param value a value @return {@code attribute < value} */
    public Where lt(T value) { return Where.where(name, Op.LT, value); }

    /** @param value a value @return {@code attribute <= value} */
    public Where lte(T value) { return Where.where(name, Op.LTE, value); }

    /** @param values values @return {@code attribute IN (values)} */
    @SafeVarargs
    public final Where in(T... values) { return Where.where(name, Op.IN, Arrays.asList(values)); }

    /** @param values values @return {@code attribute IN (values)} */
    public Where in(Collection<? extends T> values) { return Where.where(name, Op.IN, List.copyOf(values)); }

    /** @param values values @return {@code attribute NOT IN (values)} */
    public Where notIn(Collection<? extends T> values) { return Where.where(name, Op.NOT_IN, List.copyOf(values)); }

    /** @return {@code attribute IS NULL} */
    public Where isNull() { return Where.where(name, Op.IS, null); }

    /** @return {@code attribute IS NOT NULL} */
    public Where isNotNull() { return Where.where(name, Op.IS_NOT, null); }

    /** @param pattern a LIKE pattern @return {@code attribute LIKE pattern} */
    public Where like(String pattern) { return Where.where(name, Op.LIKE, pattern); }

    /** @param values values @return {@code attribute NOT IN (values)} */
    @SafeVarargs
    public final Where notIn(T... values) { return Where.where(name, Op.NOT_IN, Arrays.asList(values)); }

    /** @param low lower bound @param high upper bound @return {@code attribute BETWEEN low AND high} */
    public Where between(T low, T high) { return Where.where(name, Op.BETWEEN, Arrays.asList(low, high)); }

    /** @param low lower bound @param high upper bound @return {@code attribute NOT BETWEEN low AND high} */
    public Where notBetween(T low, T high) { return Where.where(name, Op.NOT_BETWEEN, Arrays.asList(low, high)); }

    /** @param value {@code true} or {@code false} @return {@code attribute IS TRUE/FALSE} */
    public Where is(Boolean value) { return Where.where(name, Op.IS, value); }

    /** @param value {@code null}, {@code true} or {@code false} @return {@code attribute IS NOT ...} */
    public Where not(Boolean value) { return Where.where(name, Op.NOT, value); }

    /** @param pattern a LIKE pattern @return {@code attribute NOT LIKE pattern} */
    public Where notLike(String pattern) { return Where.where(name, Op.NOT_LIKE, pattern); }

    /** @param pattern a LIKE pattern @return case-insensitive LIKE */
    public Where iLike(String pattern) { return Where.where(name, Op.ILIKE, pattern); }

    /** @param pattern a LIKE pattern @return case-insensitive NOT LIKE */
    public Where notILike(String pattern) { return Where.where(name, Op.NOT_ILIKE, pattern); }

    /** @param prefix text matched literally @return {@code attribute LIKE 'prefix%'} */
    public Where startsWith(String prefix) { return Where.where(name, Op.STARTS_WITH, prefix); }

    /** @param suffix text matched literally @return {@code attribute LIKE '%suffix'} */
    public Where endsWith(String suffix) { return Where.where(name, Op.ENDS_WITH, suffix); }

    /** @param part text matched literally @return {@code attribute LIKE '%part%'} */
    public Where substring(String part) { return Where.where(name, Op.SUBSTRING, part); }

    /** @param pattern a regular expression @return a regular expression match */
    public Where regexp(String pattern) { return Where.where(name, Op.REGEXP, pattern); }

    /** @param pattern a regular expression @return a negated regular expression match */
    public Where notRegexp(String pattern) { return Where.where(name, Op.NOT_REGEXP, pattern); }

    /** @param pattern a regular expression @return a case-insensitive match */
    public Where iRegexp(String pattern) { return Where.where(name, Op.IREGEXP, pattern); }

    /** @param pattern a regular expression @return a negated case-insensitive match */
    public Where notIRegexp(String pattern) { return Where.where(name, Op.NOT_IREGEXP, pattern); }

    /**
     * Compares with another column of the same type (Sequelize's {@code col}).
     *
     * @param op    the comparison
     * @param other the other attribute
     * @return {@code attribute op other}
     */
    public Where compare(Op op, Attribute<M, T> other) { return Where.where(name, op, Where.col(other.name)); }

    /** @param op any operator @param value its operand (a value, list, {@link io.resequel.query.Quantified}) @return the condition */
    public Where where(Op op, Object value) { return Where.where(name, op, value); }

    /** @return ascending order by this attribute */
    public Order asc() { return Order.asc(name); }

    /** @return descending order by this attribute */
    public Order desc() { return Order.desc(name); }

    @Override
    public String toString() {
        return name;
    }
}
