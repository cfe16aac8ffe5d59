package io.resequel.sql;

import io.resequel.model.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one statement in one walk: text and binds are appended together, so placeholders and values can
 * never fall out of order. Identifiers are always quoted by the dialect.
 */
public final class SqlWriter {

    private final Dialect dialect;
    private final StringBuilder text;
    private final List<Bind> binds = new ArrayList<>();
    private final boolean inline;

    /** @param dialect the dialect that quotes and numbers placeholders */
    public SqlWriter(Dialect dialect) {
        this(dialect, true, false);
    }

    private SqlWriter(Dialect dialect, boolean withText, boolean inline) {
        this.dialect = dialect;
        this.text = withText ? new StringBuilder(128) : null;
        this.inline = inline;
    }

    /**
     * A writer for DDL, where a statement may carry no bind parameter (a partial index's condition): each
     * {@link #bind} writes the value as a literal escaped by {@link Dialect#inlineLiteral}, never as raw text.
     *
     * @param dialect the dialect
     * @return the writer; its {@link #toSql()} has no binds
     */
    public static SqlWriter inline(Dialect dialect) {
        return new SqlWriter(dialect, true, true);
    }

    /**
     * A writer that records only the binds of a walk whose text is already known (the query text cache): text
     * appends are ignored, so the same rendering code yields the values in the same order.
     *
     * @param dialect the dialect
     * @return the writer
     */
    public static SqlWriter bindsOnly(Dialect dialect) {
        return new SqlWriter(dialect, false, false);
    }

    /** @return the dialect */
    public Dialect dialect() {
        return dialect;
    }

    /** @param sql SQL keywords or punctuation (never a user value) @return this */
    public SqlWriter append(String sql) {
        if (text != null) {
            text.append(sql);
        }
        return this;
    }

    /** @param c a character of SQL punctuation @return this */
    public SqlWriter append(char c) {
        if (text != null) {
            text.append(c);
        }
        return this;
    }

    /** @param identifier a table or column name, quoted by the dialect @return this */
    public SqlWriter id(String identifier) {
        if (text != null) {
            text.append(dialect.quote(identifier));
        }
        return this;
    }

    /** @param schema a schema or {@code null} @param table a table name @return this */
    public SqlWriter table(String schema, String table) {
        if (schema != null) {
            id(schema).append('.');
        }
        return id(table);
    }

    /**
     * Appends a placeholder and records its value.
     *
     * @param value the value
     * @param type  its data type, or {@code null}
     * @return this
     */
    public SqlWriter bind(Object value, DataType type) {
        if (inline) {
            text.append(value == null ? "NULL" : dialect.inlineLiteral(type, value));
            return this;
        }
        if (text != null) {
            text.append(dialect.placeholder(binds.size()));
        }
        binds.add(new Bind(value, type));
        return this;
    }

    /** @return whether this writer records text (not a binds-only walk over a cached text) */
    public boolean recordsText() {
        return text != null;
    }

    /** @return the number of values bound so far */
    public int bindCount() {
        return binds.size();
    }

    /** @return the statement */
    public Sql toSql() {
        if (text == null) {
            throw new IllegalStateException("a binds-only writer has no text; use toSql(text)");
        }
        return new Sql(text.toString(), binds);
    }

    /** @param cachedText the text rendered earlier for the same shape @return it with the binds recorded here */
    public Sql toSql(String cachedText) {
        return new Sql(cachedText, binds);
    }
}
