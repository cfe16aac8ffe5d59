package io.resequel.model;

/**
 * Whether a foreign key may be checked at COMMIT instead of after each statement (Sequelize's {@code Deferrable}).
 * Rendered only by dialects with {@link io.resequel.sql.Feature#DEFERRABLE_CONSTRAINTS} (PostgreSQL); the others
 * ignore it, as Sequelize does.
 */
public enum Deferrable {
    /** {@code NOT DEFERRABLE}: always checked per statement. */
    NOT("NOT DEFERRABLE"),
    /** {@code DEFERRABLE INITIALLY IMMEDIATE}: checked per statement unless a transaction defers it. */
    INITIALLY_IMMEDIATE("DEFERRABLE INITIALLY IMMEDIATE"),
    /** {@code DEFERRABLE INITIALLY DEFERRED}: checked at COMMIT unless a transaction makes it immediate. */
    INITIALLY_DEFERRED("DEFERRABLE INITIALLY DEFERRED");

    private final String sql;

    Deferrable(String sql) {
        this.sql = sql;
    }

    /** @return the DDL keywords */
    public String sql() {
        return sql;
    }
}
