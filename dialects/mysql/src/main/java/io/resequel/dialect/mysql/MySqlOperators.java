package io.resequel.dialect.mysql;

import io.resequel.sql.Fragment;
import io.resequel.sql.SqlWriter;
import java.util.List;

/** The operators MySQL and MariaDB spell differently: regular expressions and JSON paths. */
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

    /** {@code JSON_UNQUOTE(JSON_EXTRACT(col, ?))} with the path {@code $."a"."b"} bound. */
    static void jsonPath(SqlWriter w, Fragment column, List<String> path, boolean numeric) {
        StringBuilder p = new StringBuilder("$");
        for (String key : path) {
            p.append(".\"").append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        w.append(numeric ? "CAST(JSON_UNQUOTE(JSON_EXTRACT(" : "JSON_UNQUOTE(JSON_EXTRACT(");
        column.render(w);
        w.append(", ").bind(p.toString(), null).append("))");
        if (numeric) {
            w.append(" AS DECIMAL(65,30))");
        }
    }
}
