package io.resequel.model;

import java.util.Objects;

/**
 * Fluent options of one attribute, as passed to {@code define} ({@code a -> a.allowNull(false).unique(true)}).
 */
public final class AttributeSpec {

    private final String name;
    private DataType type;
    private String field;
    private boolean allowNull = true;
    private DefaultValue defaultValue;
    private boolean primaryKey;
    private boolean autoIncrement;
    private String unique;
    private String uniqueMessage;
    private String comment;
    private String refTable;
    private Object refModel;
    private String refKey = "id";
    private ReferentialAction onDelete;
    private ReferentialAction onUpdate;
    private Deferrable deferrable;
    private java.util.function.Function<Instance, Object> getter;
    private java.util.function.BiConsumer<Instance, Object> setter;
    private final java.util.List<io.resequel.validation.Check> validators = new java.util.ArrayList<>();

    private java.util.List<String> dependsOn = java.util.List.of();

    /** Why the type is missing (a Java class with no default data type), reported by {@code define}. */
    private String typeProblem;

    /** A {@code null} type is reported by {@code define}, which knows the model's name. */
    AttributeSpec(String name, DataType type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
    }

    /** @param type the data type */
    public AttributeSpec type(DataType type) { this.type = Objects.requireNonNull(type, "type"); return this; }

    void typeProblem(String problem) {
        this.typeProblem = problem;
    }

    /** @return why this attribute cannot be defined, or {@code null} */
    /** @return the default value given, or {@code null} (read by virtual attributes, which keep no column) */
    DefaultValue givenDefault() {
        return defaultValue;
    }

    String definitionProblem() {
        if (type != null) {
            return null;
        }
        return typeProblem != null ? typeProblem : "has no data type (null); pass one of DataTypes";
    }

    /** @param allowNull {@code false} adds NOT NULL and a check before any SQL (default true) */
    public AttributeSpec allowNull(boolean allowNull) { this.allowNull = allowNull; return this; }

    /** @param value a constant default, or a {@link DefaultValue} such as {@link DefaultValue#NOW} */
    public AttributeSpec defaultValue(Object value) {
        this.defaultValue = value instanceof DefaultValue d ? d : DefaultValue.of(value);
        return this;
    }

    /** @param primaryKey part of the primary key (then NOT NULL) */
    public AttributeSpec primaryKey(boolean primaryKey) { this.primaryKey = primaryKey; return this; }

    /** @param autoIncrement the database generates the value */
    public AttributeSpec autoIncrement(boolean autoIncrement) { this.autoIncrement = autoIncrement; return this; }

    /** @param unique a single-column unique constraint */
    public AttributeSpec unique(boolean unique) { this.unique = unique ? "" : null; return this; }

    /** @param name a unique constraint shared by every attribute given the same name */
    public AttributeSpec unique(String name) { this.unique = Objects.requireNonNull(name, "name"); return this; }

    /**
     * Sequelize's {@code unique: {msg}}: the message of the {@link io.resequel.error.ValidationItem} a violation of
     * this attribute's unique constraint carries ({@link io.resequel.error.UniqueConstraintException#items()});
     * makes the attribute unique (single-column) unless {@link #unique(String)} named a shared constraint.
     *
     * @param message the message
     * @return this
     */
    public AttributeSpec uniqueMessage(String message) {
        this.uniqueMessage = Objects.requireNonNull(message, "message");
        if (unique == null) {
            unique = "";
        }
        return this;
    }

    String uniqueMessage() {
        return uniqueMessage;
    }

    /** @param field the column name (default: the attribute name, or snake_case when underscored) */
    public AttributeSpec field(String field) { this.field = Objects.requireNonNull(field, "field"); return this; }

    /** @param comment the column comment */
    public AttributeSpec comment(String comment) { this.comment = comment; return this; }

    /**
     * A foreign key to a table.
     *
     * @param table the referenced table name
     * @param key   the referenced column
     */
    public AttributeSpec references(String table, String key) {
        this.refTable = Objects.requireNonNull(table, "table");
        this.refModel = null;
        this.refKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /**
     * A foreign key to a model's table.
     *
     * @param model the referenced model
     * @param key   the referenced attribute's column
     */
    public AttributeSpec references(Model<?> model, String key) {
        this.refModel = Objects.requireNonNull(model, "model");
        this.refTable = null;
        this.refKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /** @param deferrable when the foreign key may be checked (PostgreSQL; ignored elsewhere) @return this */
    public AttributeSpec deferrable(Deferrable deferrable) {
        this.deferrable = Objects.requireNonNull(deferrable, "deferrable");
        return this;
    }

    /** @param action on delete of the referenced row */
    public AttributeSpec onDelete(ReferentialAction action) { this.onDelete = action; return this; }

    /** @param action on update of the referenced key */
    public AttributeSpec onUpdate(ReferentialAction action) { this.onUpdate = action; return this; }

    /**
     * @param checks validators from {@link io.resequel.validation.V} (built-in or custom), run before any save
     * @return this
     */
    public AttributeSpec validate(io.resequel.validation.Check... checks) {
        validators.addAll(java.util.Arrays.asList(checks));
        return this;
    }

    /**
     * @param getter computes {@code get(name)}; read the stored value with {@code i.getDataValue(name)}
     * @return this
     */
    public AttributeSpec get(java.util.function.Function<Instance, Object> getter) {
        this.getter = Objects.requireNonNull(getter, "getter");
        return this;
    }

    /**
     * @param setter stores {@code set(name, v)}; write with {@code i.setDataValue(...)}. Runs before validation.
     * @return this
     */
    public AttributeSpec set(java.util.function.BiConsumer<Instance, Object> setter) {
        this.setter = Objects.requireNonNull(setter, "setter");
        return this;
    }

    /**
     * For a VIRTUAL attribute (Sequelize's {@code VIRTUAL(type, ['a', 'b'])}): the attributes its getter reads, so
     * that {@code attributes("thisVirtual")} in a find selects them.
     *
     * @param attributes the attribute names
     * @return this
     */
    public AttributeSpec dependsOn(String... attributes) {
        this.dependsOn = java.util.List.of(attributes);
        return this;
    }

    java.util.List<String> dependsOn() {
        return dependsOn;
    }

    Behaviour behaviour() {
        boolean notNullMessage = validators.stream().anyMatch(c -> c.name().equals("notNull"));
        if (notNullMessage && allowNull && !primaryKey) {
            throw new IllegalArgumentException("RSQ-203 attribute " + name + ": the notNull validator is only "
                    + "allowed with allowNull(false)");
        }
        return getter == null && setter == null && validators.isEmpty() ? Behaviour.NONE
                : new Behaviour(getter, setter, validators);
    }

    String name() {
        return name;
    }

    boolean hasReference() {
        return refTable != null || refModel != null;
    }

    boolean hasUnique() {
        return unique != null;
    }

    boolean hasField() {
        return field != null;
    }

    AttributeDefinition build(NamingContext naming) {
        String column = field != null ? field : naming.column(name);
        Reference ref = null;
        if (refTable != null || refModel != null) {
            String table = refModel != null ? ((Model<?>) refModel).definition().tableName() : refTable;
            String schema = null;
            if (refModel != null) {
                String own = ((Model<?>) refModel).definition().schema();
                schema = own != null ? own : "";
            }
            ref = new Reference(table, refModel != null ? ((Model<?>) refModel).definition().fieldOf(refKey) : refKey,
                    onDelete, onUpdate, deferrable, schema);
        }
        return new AttributeDefinition(name, column, type, allowNull && !primaryKey, defaultValue, primaryKey,
                autoIncrement, unique, comment, ref, behaviour());
    }

    /** Column naming during definition (underscored or not). */
    interface NamingContext {
        String column(String attribute);
    }
}
