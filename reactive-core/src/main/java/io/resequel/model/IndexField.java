package io.resequel.model;

import java.util.Objects;

/**
 * One column of an {@link Index}: an attribute name with Sequelize's per-field options ({@code length},
 * {@code order}, {@code collate}, {@code operator}). Immutable; each option returns a new field.
 */
public final class IndexField {

    private final String attribute;
    private final Integer length;
    private final Boolean descending;
    private final String collate;
    private final String operator;

    private IndexField(String attribute, Integer length, Boolean descending, String collate, String operator) {
        this.attribute = attribute;
        this.length = length;
        this.descending = descending;
        this.collate = collate;
        this.operator = operator;
    }

    /** @param attribute an attribute name of the model @return the field, in the database's default order */
    public static IndexField of(String attribute) {
        return new IndexField(Objects.requireNonNull(attribute, "attribute"), null, null, null, null);
    }

    /**
     * @param length index only the first {@code length} characters (MySQL/MariaDB prefix index)
     * @return a new field
     * @throws IllegalArgumentException when not positive
     */
    public IndexField length(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("RSQ-205 index length of '" + attribute + "' must be positive, got "
                    + length);
        }
        return new IndexField(attribute, length, descending, collate, operator);
    }

    /** @return a new field sorted ascending ({@code ASC}) */
    public IndexField asc() {
        return new IndexField(attribute, length, false, collate, operator);
    }

    /** @return a new field sorted descending ({@code DESC}) */
    public IndexField desc() {
        return new IndexField(attribute, length, true, collate, operator);
    }

    /** @param collation a collation name, quoted as an identifier (PostgreSQL) @return a new field */
    public IndexField collate(String collation) {
        return new IndexField(attribute, length, descending, Objects.requireNonNull(collation, "collation"), operator);
    }

    /**
     * @param operatorClass a PostgreSQL operator class such as {@code text_pattern_ops} or {@code jsonb_path_ops}
     * @return a new field
     * @throws IllegalArgumentException when not a plain (optionally schema-qualified) name
     */
    public IndexField operator(String operatorClass) {
        return new IndexField(attribute, length, descending, collate, Index.word("operator", operatorClass, true));
    }

    /** @return the attribute name */
    public String attribute() { return attribute; }

    /** @return the prefix length, or {@code null} */
    public Integer length() { return length; }

    /** @return {@code true} DESC, {@code false} ASC, {@code null} the database default */
    public Boolean descending() { return descending; }

    /** @return the collation, or {@code null} */
    public String collate() { return collate; }

    /** @return the operator class, or {@code null} */
    public String operator() { return operator; }

    @Override
    public String toString() {
        return attribute + (length != null ? "(" + length + ")" : "") + (collate != null ? " COLLATE " + collate : "")
                + (operator != null ? " " + operator : "") + (descending == null ? "" : descending ? " DESC" : " ASC");
    }
}
