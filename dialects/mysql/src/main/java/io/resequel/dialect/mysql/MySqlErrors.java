package io.resequel.dialect.mysql;

import io.r2dbc.spi.R2dbcException;
import io.resequel.error.DatabaseException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.error.ResequelException;
import io.resequel.error.UniqueConstraintException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL's integrity errors as typed exceptions. SQLSTATE 23000 covers them all, so the vendor code decides the
 * type, and MySQL reports constraints only in its message text: the key name of a duplicate and the column list of
 * a foreign key are read from it, the documented fallback where the protocol carries no structured fields.
 */
final class MySqlErrors {

    /** "Duplicate entry 'x' for key 'name'"; MySQL 8.0.19+ writes the key as 'table.name'. */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("for key '(.*)'\\s*$", Pattern.DOTALL);

    /** "... CONSTRAINT `tasks_ibfk_1` FOREIGN KEY (`ownerId`, `x`) REFERENCES `users` (`id`) ..." */
    private static final Pattern FOREIGN_KEY =
            Pattern.compile("CONSTRAINT `((?:[^`]|``)*)` FOREIGN KEY \\(((?:[^)`]|`(?:[^`]|``)*`)*)\\)");

    private static final Pattern BACKTICKED = Pattern.compile("`((?:[^`]|``)*)`");

    /** The table an INSERT, UPDATE, DELETE or REPLACE writes, as the core renders it (quoted, maybe qualified). */
    private static final Pattern WRITTEN_TABLE = Pattern.compile(
            "^\\s*(?:INSERT(?:\\s+IGNORE)?\\s+INTO|REPLACE\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+"
                    + "(?:`(?:[^`]|``)*`\\.)?`((?:[^`]|``)*)`",
            Pattern.CASE_INSENSITIVE);

    /**
     * Unique constraint names this instance has rendered, with their columns: MySQL reports a duplicate only by
     * key name, and this is the one place that knows which columns a hand-named composite key covers.
     */
    private final Map<String, List<String>> uniqueColumns = new ConcurrentHashMap<>();

    /** Records the columns of a unique key the dialect rendered in CREATE TABLE. */
    void remember(String table, String key, List<String> columns) {
        uniqueColumns.put(table + "." + key, List.copyOf(columns));
    }

    /** The typed error of a unique or foreign-key violation (as the vendor code says), else a DatabaseException. */
    ResequelException integrity(R2dbcException e, String sql, boolean unique, boolean foreignKey) {
        int code = e.getErrorCode();
        String message = String.valueOf(e.getMessage());
        if (unique) {
            String key = duplicateKey(message);
            String table = writtenTable(sql);
            String constraint = key;
            if (key != null && key.indexOf('.') > 0 && !uniqueColumns.containsKey(table + "." + key)) {
                // MySQL 8.0.19+ writes 'table.key'; MariaDB writes the bare key (which may hold a dot).
                table = key.substring(0, key.indexOf('.'));
                constraint = key.substring(key.indexOf('.') + 1);
            }
            return new UniqueConstraintException(message, sql, e.getSqlState(), constraint,
                    uniqueFields(table, constraint), e);
        }
        if (foreignKey) {
            Matcher m = FOREIGN_KEY.matcher(message);
            String constraint = null;
            List<String> fields = List.of();
            if (m.find()) {
                constraint = m.group(1).replace("``", "`");
                fields = backticked(m.group(2));
            }
            return new ForeignKeyConstraintException(message, sql, e.getSqlState(), constraint, fields, e);
        }
        return new DatabaseException(message + " (MySQL error " + code + ")", sql, e.getSqlState(), e);
    }

    /** @return the key named by "Duplicate entry '...' for key 'k'", or {@code null} */
    static String duplicateKey(String message) {
        Matcher m = DUPLICATE_KEY.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    /** @return the unquoted table an INSERT/UPDATE/DELETE writes, or {@code null} */
    static String writtenTable(String sql) {
        if (sql == null) {
            return null;
        }
        Matcher m = WRITTEN_TABLE.matcher(sql);
        return m.find() ? m.group(1).replace("``", "`") : null;
    }

    /**
     * MySQL names only the key. Resolution, most reliable first: a key this instance created; the core's naming
     * scheme {@code <table>_<column>_unique} with the table taken from the statement; else unknown (empty).
     * {@code PRIMARY} stays unknown: the primary key's columns are not in the message.
     */
    private List<String> uniqueFields(String table, String constraint) {
        if (constraint == null) {
            return List.of();
        }
        if (table != null) {
            List<String> known = uniqueColumns.get(table + "." + constraint);
            if (known != null) {
                return known;
            }
            String prefix = table + "_";
            if (constraint.startsWith(prefix) && constraint.endsWith("_unique")
                    && constraint.length() > prefix.length() + "_unique".length()) {
                return List.of(constraint.substring(prefix.length(), constraint.length() - "_unique".length()));
            }
        } else {
            List<String> match = null;
            for (Map.Entry<String, List<String>> en : uniqueColumns.entrySet()) {
                if (en.getKey().endsWith("." + constraint)) {
                    if (match != null) {
                        return List.of(); // ambiguous across tables
                    }
                    match = en.getValue();
                }
            }
            if (match != null) {
                return match;
            }
        }
        return List.of();
    }

    private static List<String> backticked(String list) {
        List<String> out = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(list);
        while (m.find()) {
            out.add(m.group(1).replace("``", "`"));
        }
        return out;
    }
}
