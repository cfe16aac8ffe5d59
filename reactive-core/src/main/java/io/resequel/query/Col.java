package io.resequel.query;

import java.util.Objects;

/**
 * A reference to a column, used as the value of a condition to compare two columns (Sequelize's {@code col}):
 * {@code Where.where("updatedAt", Op.GT, Where.col("createdAt"))}. The name is an attribute of the model, or
 * {@code table.column}; either way it is quoted by the dialect.
 *
 * @param name an attribute name or {@code table.column}
 */
public record Col(String name) implements Expr {
    /** Checks the name. */
    public Col {
        Objects.requireNonNull(name, "name");
    }
}
