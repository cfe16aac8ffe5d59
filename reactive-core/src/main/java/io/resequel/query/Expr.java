package io.resequel.query;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SQL expression usable in attributes, order, group, having and where: Sequelize's {@code fn}, {@code col},
 * {@code literal} and {@code cast}. Values inside are always bound; names are quoted by the dialect.
 */
public sealed interface Expr permits Col, Expr.Fn, Expr.Literal, Expr.Cast, Expr.Random {

    /** Function names: an identifier of letters, digits and underscores, optionally after {@code schema.}. */
    Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    /**
     * A function call {@code NAME(args)}.
     *
     * @param name the function name (checked against {@link #NAME})
     * @param args arguments: {@link Expr}s, or values that are bound
     */
    record Fn(String name, List<Object> args) implements Expr {
        /** Checks the name. @throws io.resequel.error.InvalidNameException for a name other than {@link #NAME} */
        public Fn {
            if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
                throw new io.resequel.error.InvalidNameException("function", name);
            }
            args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
        }
    }

    /**
     * Raw SQL inserted as written, with its values passed separately: each {@code ?} outside quotes and comments
     * is a bind parameter taking the next value.
     *
     * @param sql   the SQL (never built from user input)
     * @param binds one value per {@code ?}
     */
    record Literal(String sql, List<Object> binds) implements Expr {
        /** Copies the binds. */
        public Literal {
            Objects.requireNonNull(sql, "sql");
            binds = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(binds));
        }
    }

    /**
     * {@code CAST(value AS type)}.
     *
     * @param value an {@link Expr} or a bound value
     * @param type  the SQL type, e.g. {@code INTEGER}, {@code DECIMAL(10,2)}
     */
    record Cast(Object value, String type) implements Expr {
        /** Checks the type. @throws io.resequel.error.InvalidNameException for anything but a plain type name */
        public Cast {
            if (!Objects.requireNonNull(type, "type").matches("[A-Za-z][A-Za-z0-9_ ]*(\\(\\d+(,\\s*\\d+)?\\))?")) {
                throw new io.resequel.error.InvalidNameException("SQL type", type);
            }
        }
    }

    /** A random number in [0, 1), in each database's spelling ({@code RANDOM()}, MySQL's {@code RAND()}). */
    record Random() implements Expr {
    }

    /** @return a random number in [0, 1), e.g. for {@code order(Order.asc(Expr.random()))} (Sequelize's random()) */
    static Expr random() {
        return new Random();
    }

    /** @param name function name @param args arguments @return {@code name(args)} */
    static Expr fn(String name, Object... args) {
        return new Fn(name, Arrays.asList(args));
    }

    /** @param name an attribute name or {@code table.column} @return the column */
    static Col col(String name) {
        return new Col(name);
    }

    /** @param sql raw SQL with {@code ?} per value @param binds the values @return the literal */
    static Expr literal(String sql, Object... binds) {
        return new Literal(sql, Arrays.asList(binds));
    }

    /** @param value an expression or value @param type a SQL type @return {@code CAST(value AS type)} */
    static Expr cast(Object value, String type) {
        return new Cast(value, type);
    }
}
