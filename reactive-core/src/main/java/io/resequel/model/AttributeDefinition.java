package io.resequel.model;

import java.util.Objects;

/**
 * One attribute of a model, as declared and resolved: its name, column, type and constraints. Immutable.
 */
public final class AttributeDefinition {

    private final String name;
    private final String field;
    private final DataType type;
    private final boolean allowNull;
    private final DefaultValue defaultValue;
    private final boolean primaryKey;
    private final boolean autoIncrement;
    private final String unique;
    private final String comment;
    private final Reference references;
    private final Behaviour behaviour;

    AttributeDefinition(String name, String field, DataType type, boolean allowNull, DefaultValue defaultValue,
            boolean primaryKey, boolean autoIncrement, String unique, String comment, Reference references) {
        this(name, field, type, allowNull, defaultValue, primaryKey, autoIncrement, unique, comment, references,
                Behaviour.NONE);
    }

    AttributeDefinition(String name, String field, DataType type, boolean allowNull, DefaultValue defaultValue,
            boolean primaryKey, boolean autoIncrement, String unique, String comment, Reference references,
            Behaviour behaviour) {
        this.behaviour = behaviour;
        this.name = Objects.requireNonNull(name, "name");
        this.field = Objects.requireNonNull(field, "field");
        this.type = Objects.requireNonNull(type, "type");
        this.allowNull = allowNull;
        this.defaultValue = defaultValue;
        this.primaryKey = primaryKey;
        this.autoIncrement = autoIncrement;
        this.unique = unique;
        this.comment = comment;
        this.references = references;
    }

    /** @return the attribute name used in code */
    public String name() { return name; }

    /** @return the column name */
    public String field() { return field; }

    /** @return the data type */
    public DataType type() { return type; }

    /** @return whether NULL is allowed */
    public boolean allowNull() { return allowNull; }

    /** @return the default, or {@code null} */
    public DefaultValue defaultValue() { return defaultValue; }

    /** @return whether the attribute is (part of) the primary key */
    public boolean primaryKey() { return primaryKey; }

    /** @return whether the database generates the value */
    public boolean autoIncrement() { return autoIncrement; }

    /** @return the unique constraint name, {@code ""} for an unnamed single-column one, {@code null} for none */
    public String unique() { return unique; }

    /** @return the column comment, or {@code null} */
    public String comment() { return comment; }

    /** @return the foreign key, or {@code null} */
    public Reference references() { return references; }

    /** @return the getter, setter and validators */
    public Behaviour behaviour() { return behaviour; }

    AttributeDefinition withField(String newField) {
        return new AttributeDefinition(name, newField, type, allowNull, defaultValue, primaryKey, autoIncrement,
                unique, comment, references, behaviour);
    }

    @Override
    public String toString() {
        return name + (field.equals(name) ? "" : "(" + field + ")") + " " + type;
    }
}
