package io.resequel.dialect.postgres;

import io.resequel.error.ResequelException;
import io.resequel.error.UnsupportedOperatorException;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataType;
import io.resequel.model.Range;
import io.resequel.query.Op;
import io.resequel.sql.Fragment;
import io.resequel.sql.Json;
import io.resequel.sql.SqlWriter;
import io.resequel.validation.Values;
import java.util.Collection;
import java.util.List;

/**
 * PostgreSQL's containment-style operators: JSONB {@code @>}/{@code <@} and key existence {@code ?}, {@code ?|},
 * {@code ?&}; arrays {@code @>}, {@code <@},
 * {@code &&}; ranges {@code @>} (a range or one element), {@code <@}, {@code &&}, {@code -|-}, {@code <<},
 * {@code >>}, {@code &<}, {@code &>}. Values are always bound, cast to the column's type (or the range's subtype for
 * an element) so the server never has to guess between overloads.
 */
final class PostgresContainment {

    private final PostgresDialect dialect;

    PostgresContainment(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    void render(SqlWriter w, Op op, AttributeDefinition attribute, Fragment left, Object value) {
        DataType type = attribute.type();
        switch (type.kind()) {
            case JSON -> json(w, op, attribute, left, value);
            case ARRAY -> array(w, op, attribute, left, value);
            case RANGE -> range(w, op, attribute, left, value);
            default -> throw unsupported(op, attribute, "needs an ARRAY, RANGE or JSON attribute");
        }
    }

    private void json(SqlWriter w, Op op, AttributeDefinition attribute, Fragment left, Object value) {
        switch (op) {
            case CONTAINS, CONTAINED -> {
                w.append("CAST(");
                left.render(w);
                w.append(op == Op.CONTAINS ? " AS JSONB) @> CAST(" : " AS JSONB) <@ CAST(");
                w.bind(Json.write(value), null).append(" AS JSONB)");
            }
            case KEY_EXISTS -> {
                if (!(value instanceof String key)) {
                    throw new ResequelException("RSQ-307 " + op + " on '" + attribute.name()
                            + "' needs one key as a String, got " + describe(value));
                }
                w.append("CAST(");
                left.render(w);
                w.append(" AS JSONB) ? CAST(");
                w.bind(key, null).append(" AS TEXT)");
            }
            case ANY_KEY_EXISTS, ALL_KEYS_EXIST -> {
                if (!(value instanceof Collection<?> keys) || keys.stream().anyMatch(k -> !(k instanceof String))) {
                    throw new ResequelException("RSQ-307 " + op + " on '" + attribute.name()
                            + "' needs a list of String keys, got " + describe(value));
                }
                w.append("CAST(");
                left.render(w);
                // Each key bound as text: ARRAY[...] of one type, no array codec needed.
                w.append(op == Op.ANY_KEY_EXISTS ? " AS JSONB) ?| " : " AS JSONB) ?& ").append("ARRAY[");
                boolean first = true;
                for (Object k : keys) {
                    w.append(first ? "CAST(" : ", CAST(");
                    w.bind(k, null).append(" AS TEXT)");
                    first = false;
                }
                w.append("]::TEXT[]");
            }
            default -> throw unsupported(op, attribute, "JSON attributes support CONTAINS, CONTAINED, KEY_EXISTS,"
                    + " ANY_KEY_EXISTS and ALL_KEYS_EXIST");
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    private void array(SqlWriter w, Op op, AttributeDefinition attribute, Fragment left, Object value) {
        if (op != Op.CONTAINS && op != Op.CONTAINED && op != Op.OVERLAP) {
            throw unsupported(op, attribute, "ARRAY attributes support CONTAINS, CONTAINED and OVERLAP");
        }
        Object list = value instanceof Collection<?> || value.getClass().isArray() ? value : List.of(value);
        Object coerced = Values.coerce("where", attribute.name(), attribute.type(), list);
        left.render(w);
        w.append(' ').append(symbol(op)).append(" CAST(");
        w.bind(coerced, attribute.type()).append(" AS ").append(dialect.columnType(attribute.type())).append(')');
    }

    private void range(SqlWriter w, Op op, AttributeDefinition attribute, Fragment left, Object value) {
        DataType type = attribute.type();
        left.render(w);
        w.append(' ').append(symbol(op)).append(" CAST(");
        if (op == Op.CONTAINS && !(value instanceof Range<?>)) {
            // range @> element
            Object element = Values.coerce("where", attribute.name(), type.element(), value);
            w.bind(element, type.element()).append(" AS ").append(dialect.columnType(type.element())).append(')');
            return;
        }
        Object range = Values.coerce("where", attribute.name(), type, value);
        w.bind(range, type).append(" AS ").append(dialect.columnType(type)).append(')');
    }

    static String symbol(Op op) {
        return switch (op) {
            case CONTAINS -> "@>";
            case CONTAINED -> "<@";
            case OVERLAP -> "&&";
            case ADJACENT -> "-|-";
            case STRICT_LEFT -> "<<";
            case STRICT_RIGHT -> ">>";
            case NO_EXTEND_RIGHT -> "&<";
            case NO_EXTEND_LEFT -> "&>";
            default -> throw new IllegalStateException(op.name());
        };
    }

    private UnsupportedOperatorException unsupported(Op op, AttributeDefinition attribute, String detail) {
        return new UnsupportedOperatorException(op.name(), dialect.name(), "attribute '" + attribute.name()
                + "' is " + attribute.type() + "; " + op.name() + " " + detail);
    }
}
