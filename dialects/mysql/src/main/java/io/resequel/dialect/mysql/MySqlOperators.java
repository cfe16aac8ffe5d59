package io.resequel.dialect.mysql;

import io.resequel.model.AttributeDefinition;
import io.resequel.model.ModelDefinition;
import io.resequel.sql.Fragment;
import io.resequel.sql.SqlWriter;
import java.util.List;

/** What MySQL and MariaDB spell differently: regular expressions, JSON paths, NULLS FIRST/LAST, upserts. */
final class MySqlOperators {

    private MySqlOperators() {
    }

    /**
     * {@code REGEXP}, whose case sensitivity would follow the column's collation, with the case set by an inline
     * {@code (?i)} / {@code (?-i)} flag that both MySQL 8 (ICU) and MariaDB (PCRE) understand, so the same text
     * serves both before the server is known.
     */
    static void regexp(SqlWriter w, Fragment left, Fragment pattern, boolean negate, boolean caseInsensitive) {
        left.render(w);
        w.append(negate ? " NOT REGEXP CONCAT('" : " REGEXP CONCAT('").append(caseInsensitive ? "(?i)" : "(?-i)")
                .append("', ");
        pattern.render(w);
        w.append(')');
    }

    /**
     * {@code JSON_UNQUOTE(JSON_EXTRACT(col, ?))} with the path {@code $."a"."b"} bound, and a JSON {@code null} at
     * the path read as SQL NULL: unquoted it would be the text {@code 'null'} (and 0 once cast to a number), whereas
     * PostgreSQL's {@code #>>} gives NULL, so {@code IS NULL} matches JSON null, a missing key and a NULL column alike.
     */
    static void jsonPath(SqlWriter w, Fragment column, List<String> path, boolean numeric) {
        StringBuilder p = new StringBuilder("$");
        for (String key : path) {
            if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
                // an array index, as Sequelize's 'profile.id.0.1' is $."id"[0][1] (PostgreSQL's #>> reads it so)
                p.append('[').append(key).append(']');
            } else {
                p.append(".\"").append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        String text = p.toString();
        Fragment extract = x -> {
            x.append("JSON_EXTRACT(");
            column.render(x);
            x.append(", ").bind(text, null).append(')');
        };
        w.append("CASE WHEN JSON_TYPE(");
        extract.render(w);
        w.append(") = 'NULL' THEN NULL ELSE ");
        w.append(numeric ? "CAST(JSON_UNQUOTE(" : "JSON_UNQUOTE(");
        extract.render(w);
        w.append(')');
        if (numeric) {
            w.append(" AS DECIMAL(65,30))");
        }
        w.append(" END");
    }

    /**
     * {@code INSERT ... ON DUPLICATE KEY UPDATE c = VALUES(c)}; with nothing to update, a no-op assignment of the
     * first column skips duplicates without {@code INSERT IGNORE}'s silencing of other errors.
     */
    static void onDuplicateKey(SqlWriter w, ModelDefinition model, List<AttributeDefinition> columns,
            List<Object[]> rows, List<AttributeDefinition> update) {
        w.append("INSERT INTO ").table(model.schema(), model.tableName()).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            w.append(i > 0 ? ", " : "").id(columns.get(i).field());
        }
        w.append(") VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            w.append(r > 0 ? ", (" : "(");
            for (int i = 0; i < columns.size(); i++) {
                w.append(i > 0 ? ", " : "");
                if (rows.get(r)[i] instanceof io.resequel.sql.Fragment sql) {
                    sql.render(w); // a SQL expression given as the value (Expr), rendered by the planner
                } else {
                    w.bind(rows.get(r)[i], columns.get(i).type());
                }
            }
            w.append(')');
        }
        w.append(" ON DUPLICATE KEY UPDATE ");
        if (update.isEmpty()) {
            String first = columns.get(0).field();
            w.id(first).append(" = ").id(first);
            return;
        }
        for (int i = 0; i < update.size(); i++) {
            String f = update.get(i).field();
            w.append(i > 0 ? ", " : "").id(f).append(" = VALUES(").id(f).append(')');
        }
    }

    /** {@code (x IS NULL) DESC, x ASC} puts NULLs first; {@code ASC} puts them last. */
    static void orderTerm(SqlWriter w, Fragment column, boolean descending, Boolean nullsFirst) {
        if (nullsFirst != null) {
            w.append('(');
            column.render(w);
            w.append(nullsFirst ? " IS NULL) DESC, " : " IS NULL) ASC, ");
        }
        column.render(w);
        w.append(descending ? " DESC" : " ASC");
    }
}
