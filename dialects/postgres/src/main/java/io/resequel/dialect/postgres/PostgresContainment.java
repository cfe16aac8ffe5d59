package io.resequel.dialect.postgres;

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
 * PostgreSQL's containment-style operators: JSONB {@code @>}/{@code <@}; arrays {@code @>}, {@code <@},
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
        if (op != Op.CONTAINS && op != Op.CONTAINED) {
            throw unsupported(op, attribute, "JSON attributes support CONTAINS and CONTAINED");
        }
        w.append("CAST(");
        left.render(w);
        w.append(op == Op.CONTAINS ? " AS JSONB) @> CAST(" : " AS JSONB) <@ CAST(");
        w.bind(Json.write(value), null).append(" AS JSONB)");
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
