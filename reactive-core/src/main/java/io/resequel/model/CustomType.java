package io.resequel.model;

import java.util.Objects;

/**
 * A user-defined data type (Sequelize's custom {@code ABSTRACT} subclass): a Java value class stored through one of
 * the portable types. Subclass it, then turn it into a {@link DataType} once with {@link DataTypes#custom} and use
 * that constant in {@code define}, in typed attributes and in where conditions like any built-in type.
 *
 * <p>The core converts every value of the type: a value set on an instance or compared in a where is first
 * accepted ({@link #accept}) and validated ({@link #validate}), failing with a
 * {@link io.resequel.error.ValidationException} naming model and attribute; it is bound as {@link #toDriver} of it
 * and read back through {@link #fromDriver}. Change tracking compares values with {@link #same}. The column's DDL
 * is the storage type's unless {@link #sqlType} names another for the dialect.
 *
 * @param <J> the Java class attribute values have
 * @param <D> the storage type's Java class (see {@link DataTypes}: {@code Long} for BIGINT, {@code String} for
 *            STRING...), which {@link #toDriver} returns and {@link #fromDriver} receives
 */
public abstract class CustomType<J, D> {

    private final String name;
    private final Class<J> javaType;
    private final DataType storage;

    /**
     * @param name     the type's name, for messages and {@link DataType#toString()}
     * @param javaType the Java class of attribute values
     * @param storage  a built-in type the values are stored as
     */
    protected CustomType(String name, Class<J> javaType, DataType storage) {
        this.name = Objects.requireNonNull(name, "name");
        this.javaType = Objects.requireNonNull(javaType, "javaType");
        this.storage = Objects.requireNonNull(storage, "storage");
        if (storage.custom() != null) {
            throw new IllegalArgumentException("custom type " + name + " must be stored as a built-in type, not "
                    + storage);
        }
    }

    /** @return the type's name */
    public final String name() { return name; }

    /** @return the Java class of attribute values */
    public final Class<J> javaType() { return javaType; }

    /** @return the built-in type values are stored as */
    public final DataType storage() { return storage; }

    /**
     * @param value a non-null Java value of this type
     * @return the value to store, of the storage type's Java class
     */
    public abstract D toDriver(J value);

    /**
     * @param value a non-null value read from the database, of the storage type's Java class
     * @return the Java value
     */
    public abstract J fromDriver(D value);

    /**
     * Brings an input value to the Java class; by default only instances of it are accepted.
     *
     * @param value a non-null value given by the caller
     * @return the value as {@code J}, or {@code null} when it cannot be one (a type error is raised)
     */
    public J accept(Object value) {
        return javaType.isInstance(value) ? javaType.cast(value) : null;
    }

    /**
     * @param value a non-null value of this type
     * @return what is wrong with it, completing "Model.attribute ..." (e.g. "must have at most 2 decimals"), or
     *         {@code null} when it is valid
     */
    public String validate(J value) {
        return null;
    }

    /**
     * Change tracking's equality: setting a value {@code same} as the current one does not mark the attribute
     * changed.
     *
     * @param a a non-null value
     * @param b a non-null value
     * @return whether they are the same value of this type; {@link Object#equals} by default
     */
    public boolean same(J a, J b) {
        return a.equals(b);
    }

    /**
     * @param dialect a dialect's name ({@code postgres}, {@code mariadb}, {@code mysql}, {@code h2})
     * @return the column type in that dialect's DDL, or {@code null} for the storage type's
     */
    public String sqlType(String dialect) {
        return null;
    }

    // ---- untyped entry points the core uses ------------------------------------------------------------------

    Object driverValue(Object value) {
        // Operators that bind other values with the attribute's type (a LIKE pattern) pass them through as given.
        return javaType.isInstance(value) ? toDriver(javaType.cast(value)) : value;
    }

    @SuppressWarnings("unchecked")
    Object javaValue(Object stored) {
        return fromDriver((D) stored);
    }

    String problem(Object value) {
        return validate(javaType.cast(value));
    }

    boolean sameValue(Object a, Object b) {
        return javaType.isInstance(a) && javaType.isInstance(b) ? same(javaType.cast(a), javaType.cast(b))
                : Objects.equals(a, b);
    }

    @Override
    public String toString() {
        return name;
    }
}
