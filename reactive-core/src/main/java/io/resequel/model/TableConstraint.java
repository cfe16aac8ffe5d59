package io.resequel.model;

import io.resequel.query.Where;
import java.util.List;
import java.util.Objects;

/**
 * A table constraint for {@code queryInterface().addConstraint(table, constraint)} (Sequelize's
 * {@code addConstraint(table, {type, fields, name, where, defaultValue, references, onDelete, onUpdate})}): the
 * factory method fixes the type, so a constraint without one cannot be built.
 *
 * <pre>{@code
 * qi.addConstraint("users", TableConstraint.foreignKey("team_id").references("teams", "id")
 *         .onDelete(ReferentialAction.CASCADE));
 * qi.addConstraint("users", TableConstraint.check(Where.gt("age", 0), "age").name("age_positive"));
 * }</pre>
 */
public final class TableConstraint {

    /** The kinds of constraint. */
    public enum Type {
        /** {@code CHECK (condition)}. */
        CHECK("CHECK", "ck"),
        /** {@code UNIQUE (columns)}. */
        UNIQUE("UNIQUE", "uk"),
        /** {@code PRIMARY KEY (columns)}. */
        PRIMARY_KEY("PRIMARY KEY", "pk"),
        /** {@code FOREIGN KEY (columns) REFERENCES table (column)}. */
        FOREIGN_KEY("FOREIGN KEY", "fk"),
        /** A column default ({@code ALTER COLUMN ... SET DEFAULT}): no database here names default constraints. */
        DEFAULT("DEFAULT", "df");

        private final String sql;
        private final String suffix;

        Type(String sql, String suffix) {
            this.sql = sql;
            this.suffix = suffix;
        }

        /** @return the SQL keyword(s) */
        public String sql() {
            return sql;
        }
    }

    private final Type type;
    private final List<String> fields;
    private final Where where;
    private final Object defaultValue;
    private String name;
    private String refTable;
    private List<String> refFields = List.of();
    private ReferentialAction onDelete;
    private ReferentialAction onUpdate;
    private Deferrable deferrable;

    private TableConstraint(Type type, List<String> fields, Where where, Object defaultValue) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("RSQ-953 a " + type.sql + " constraint needs at least one column");
        }
        this.type = type;
        this.fields = List.copyOf(fields);
        this.where = where;
        this.defaultValue = defaultValue;
    }

    /** @param columns the columns @return a UNIQUE constraint */
    public static TableConstraint unique(String... columns) {
        return new TableConstraint(Type.UNIQUE, List.of(columns), null, null);
    }

    /** @param columns the columns @return a PRIMARY KEY constraint */
    public static TableConstraint primaryKey(String... columns) {
        return new TableConstraint(Type.PRIMARY_KEY, List.of(columns), null, null);
    }

    /**
     * @param condition the condition every row must meet, on column names
     * @param columns   the columns it is about (they name the constraint by default)
     * @return a CHECK constraint
     */
    public static TableConstraint check(Where condition, String... columns) {
        return new TableConstraint(Type.CHECK, List.of(columns), Objects.requireNonNull(condition, "condition"), null);
    }

    /** @param columns the referencing columns @return a FOREIGN KEY constraint; name its target with {@link #references} */
    public static TableConstraint foreignKey(String... columns) {
        return new TableConstraint(Type.FOREIGN_KEY, List.of(columns), null, null);
    }

    /** @param column a column @param value its new default (not null) @return a DEFAULT constraint */
    public static TableConstraint defaultValue(String column, Object value) {
        return new TableConstraint(Type.DEFAULT, List.of(column), null, Objects.requireNonNull(value, "value"));
    }

    /** @param name the constraint name @return this */
    public TableConstraint name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** @param table the referenced table @param column its referenced column @return this */
    public TableConstraint references(String table, String column) {
        return references(table, List.of(Objects.requireNonNull(column, "column")));
    }

    /**
     * A composite foreign key (Sequelize's {@code references: {table, fields: [...]}}).
     *
     * @param table   the referenced table
     * @param columns its referenced columns, one per constrained column, in the same order
     * @return this
     * @throws IllegalArgumentException when the count differs from the constrained columns
     */
    public TableConstraint references(String table, List<String> columns) {
        List<String> copy = List.copyOf(Objects.requireNonNull(columns, "columns"));
        if (copy.size() != fields.size()) {
            throw new IllegalArgumentException("RSQ-954 foreign key on " + fields + " references " + copy.size()
                    + " column(s) of " + table + ": name one per constrained column");
        }
        this.refTable = Objects.requireNonNull(table, "table");
        this.refFields = copy;
        return this;
    }

    /** @param action ON DELETE @return this */
    public TableConstraint onDelete(ReferentialAction action) {
        this.onDelete = action;
        return this;
    }

    /** @param action ON UPDATE @return this */
    public TableConstraint onUpdate(ReferentialAction action) {
        this.onUpdate = action;
        return this;
    }

    /**
     * @param deferrable when a FOREIGN KEY is checked (PostgreSQL, as Sequelize's {@code deferrable}; ignored where the
     *                   database has no deferrable keys, as a model's reference is)
     * @return this
     */
    public TableConstraint deferrable(Deferrable deferrable) {
        this.deferrable = Objects.requireNonNull(deferrable, "deferrable");
        return this;
    }

    /** @return when a FOREIGN KEY is checked, or {@code null} for the database default */
    public Deferrable deferrable() { return deferrable; }

    /** @return the kind */
    public Type type() { return type; }

    /** @return the columns */
    public List<String> fields() { return fields; }

    /** @return a CHECK's condition, else {@code null} */
    public Where where() { return where; }

    /** @return a DEFAULT's value, else {@code null} */
    public Object defaultValue() { return defaultValue; }

    /** @return the referenced table of a FOREIGN KEY, else {@code null} */
    public String referencedTable() { return refTable; }

    /** @return the (first) referenced column of a FOREIGN KEY, else {@code null} */
    public String referencedField() { return refFields.isEmpty() ? null : refFields.get(0); }

    /** @return the referenced columns of a FOREIGN KEY in order, else empty */
    public List<String> referencedFields() { return refFields; }

    /** @return ON DELETE, or {@code null} */
    public ReferentialAction onDelete() { return onDelete; }

    /** @return ON UPDATE, or {@code null} */
    public ReferentialAction onUpdate() { return onUpdate; }

    /**
     * @param table the constrained table
     * @return the given name, else Sequelize's: {@code table_col1_col2_uk} ({@code _ck}, {@code _pk}, {@code _df}),
     *         foreign keys {@code table_col_reftable_fk}
     */
    public String nameFor(String table) {
        if (name != null) {
            return name;
        }
        return table + "_" + String.join("_", fields) + (type == Type.FOREIGN_KEY ? "_" + refTable : "") + "_"
                + type.suffix;
    }
}
