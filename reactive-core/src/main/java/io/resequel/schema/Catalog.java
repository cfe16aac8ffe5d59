package io.resequel.schema;

import io.r2dbc.spi.Row;
import io.resequel.error.UnknownColumnException;
import io.resequel.error.UnknownTableException;
import io.resequel.exec.Executor;
import io.resequel.model.DataType;
import io.resequel.model.ModelDefinition;
import io.resequel.sql.ColumnInfo;
import io.resequel.sql.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Reads tables, columns and constraints from the catalog through the dialect's queries, for one schema (or the
 * current one), and turns a described table into a {@link ModelDefinition} so the dialect's model DDL and the
 * where renderer serve bare tables too.
 *
 * @param executor runs the queries (in the caller's transaction, if any)
 * @param schema   the schema, or {@code null} for the connection's current one
 */
record Catalog(Executor executor, String schema) {

    private static final java.util.Set<String> YES = java.util.Set.of("YES", "TRUE", "T", "1", "Y");
    private static final Pattern CALL = Pattern.compile("(?i)^[a-z_][a-z0-9_.]*\\s*\\(.*\\)$|^(?i)current_[a-z_]+$|^(?i)localtimestamp$");
    private static final Pattern PG_CAST = Pattern.compile("^(.*?)::[A-Za-z_\" ]+(\\(\\d+(,\\d+)?\\))?(\\[\\])?$");

    Dialect dialect() {
        return executor.dialect();
    }

    /** @param table a table @return its columns in order; empty when the table does not exist */
    Mono<Map<String, ColumnDescription>> columns(String table) {
        return executor.query(dialect().describeTable(schema, table), Catalog::column)
                .collect(LinkedHashMap<String, ColumnDescription>::new, (m, c) -> m.put(c.name(), c))
                .map(m -> (Map<String, ColumnDescription>) m);
    }

    /** @param table a table @return its columns in order, or {@link UnknownTableException} */
    Mono<Map<String, ColumnDescription>> describe(String table) {
        return columns(table).flatMap(m -> m.isEmpty() ? Mono.error(new UnknownTableException(schema, table))
                : Mono.just(m));
    }

    /**
     * @param table  a table
     * @param column one of its columns
     * @return the table's columns, or {@link UnknownTableException} / {@link UnknownColumnException}
     */
    Mono<Map<String, ColumnDescription>> requireColumn(String table, String column) {
        return describe(table).flatMap(m -> m.containsKey(column) ? Mono.just(m)
                : Mono.error(new UnknownColumnException(table, column, m.keySet())));
    }

    /** @param table a table @param columns its described columns @return it as a definition with the closest types */
    ModelDefinition model(String table, Map<String, ColumnDescription> columns) {
        return ModelDefinition.table(schema, table, m -> columns.values().forEach(c -> m.attribute(c.name(),
                type(c), a -> a.allowNull(c.allowNull()).primaryKey(c.primaryKey()).autoIncrement(c.autoIncrement()))));
    }

    /** @param table a table @return a definition naming only the table */
    ModelDefinition bare(String table) {
        return ModelDefinition.table(schema, table, m -> { });
    }

    static DataType type(ColumnDescription c) {
        return CatalogTypes.of(c.type());
    }

    /** @param table a table @return its constraints, grouped, in name order */
    Mono<List<ConstraintDescription>> constraints(String table) {
        return executor.query(dialect().constraints(schema, table), ConstraintRow::of).collectList()
                .map(Catalog::group);
    }

    /** One row of {@link Dialect#constraints}. */
    record ConstraintRow(String name, String type, String column, String refSchema, String refTable,
            String refColumn, String onDelete, String onUpdate, String check, String deferrable) {

        /** A tenth column, where the dialect has deferrable keys, says how a foreign key is checked. */
        static ConstraintRow of(Row r) {
            return new ConstraintRow(text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4), text(r, 5),
                    text(r, 6), text(r, 7), text(r, 8),
                    r.getMetadata().getColumnMetadatas().size() > 9 ? text(r, 9) : null);
        }
    }

    private static List<ConstraintDescription> group(List<ConstraintRow> rows) {
        Map<String, List<ConstraintRow>> byName = new LinkedHashMap<>();
        for (ConstraintRow r : rows) {
            byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        }
        List<ConstraintDescription> out = new ArrayList<>();
        byName.forEach((name, parts) -> {
            List<String> fields = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            for (ConstraintRow p : parts) {
                if (p.column() != null && !fields.contains(p.column())) {
                    fields.add(p.column());
                }
                if (p.refColumn() != null && !refs.contains(p.refColumn())) {
                    refs.add(p.refColumn());
                }
            }
            ConstraintRow first = parts.get(0);
            out.add(new ConstraintDescription(name, first.type(), fields, first.refTable(), refs, first.onDelete(),
                    first.onUpdate(), first.check()));
        });
        return out;
    }

    /** @param table a table @return each column of each of its foreign keys */
    Mono<List<ForeignKeyReference>> foreignKeys(String table) {
        return executor.query(dialect().constraints(schema, table), ConstraintRow::of)
                .filter(r -> "FOREIGN KEY".equals(r.type()))
                .map(r -> new ForeignKeyReference(r.name(), table, r.column(), r.refSchema(), r.refTable(),
                        r.refColumn(), r.onDelete(), r.onUpdate(), r.deferrable()))
                .collectList();
    }

    private static ColumnDescription column(Row r) {
        String type = text(r, 1);
        boolean auto = flag(r.get(5));
        List<String> values = type.toLowerCase(Locale.ROOT).startsWith("enum(") ? CatalogTypes.enumValues(type)
                : List.of();
        String shown = values.isEmpty() ? type.toUpperCase(Locale.ROOT)
                : enumType(values) + (type.endsWith("[]") ? "[]" : "");
        String comment = text(r, 6);
        return new ColumnDescription(text(r, 0), shown, "YES".equalsIgnoreCase(text(r, 2)),
                auto ? null : defaultValue(text(r, 3)), flag(r.get(4)), auto,
                comment == null || comment.isEmpty() ? null : comment, values);
    }

    /**
     * @param c a described column
     * @return it as the dialect's {@code columnMatches} and {@code changeColumn} read it: the type in lower case,
     *         an enum's labels as they are
     */
    static ColumnInfo info(ColumnDescription c) {
        String type = c.values().isEmpty() ? c.type().toLowerCase(Locale.ROOT)
                : "enum" + enumType(c.values()).substring(4) + (c.type().endsWith("[]") ? "[]" : "");
        return new ColumnInfo(c.name(), type, c.allowNull());
    }

    private static String enumType(List<String> values) {
        List<String> quoted = new ArrayList<>();
        for (String v : values) {
            quoted.add("'" + v.replace("'", "''") + "'");
        }
        return "ENUM(" + String.join(",", quoted) + ")";
    }

    /** Unquotes a literal default and drops PostgreSQL's casts; NULL is no default. */
    static String defaultValue(String d) {
        if (d == null) {
            return null;
        }
        String v = d.trim();
        for (var m = PG_CAST.matcher(v); m.matches(); m = PG_CAST.matcher(v)) {
            v = m.group(1).trim();
        }
        if (v.startsWith("(") && v.endsWith(")") && v.length() > 1) {
            v = v.substring(1, v.length() - 1).trim();
        }
        if (v.equalsIgnoreCase("NULL")) {
            return null;
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        return v;
    }

    /** @return whether a described default is a value that can be restated (not an expression such as NOW()) */
    static boolean isLiteral(String described) {
        return described != null && !CALL.matcher(described).matches();
    }

    static String text(Row r, int i) {
        Object o = r.get(i);
        return o == null ? null : o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                : o.toString();
    }

    static boolean flag(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Number n) {
            return n.intValue() != 0;
        }
        return o != null && YES.contains(o.toString().toUpperCase(Locale.ROOT));
    }
}
