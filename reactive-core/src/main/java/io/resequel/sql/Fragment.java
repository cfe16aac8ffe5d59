package io.resequel.sql;

/** A piece of SQL that renders itself (text and binds) into a {@link SqlWriter}: an operand handed to the dialect. */
@FunctionalInterface
public interface Fragment {
    /** @param w the writer to append to */
    void render(SqlWriter w);
}
