package io.resequel.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Placeholder scanning without a database: what counts as a placeholder and what is text. */
class SqlScannerTest {

    private static List<String> scan(String sql, boolean backslash, boolean dollar) {
        List<String> out = new ArrayList<>();
        SqlScanner.scan(sql, backslash, dollar, new SqlScanner.Listener() {
            @Override
            public void text(String text) {
            }

            @Override
            public void positional() {
                out.add("?");
            }

            @Override
            public void named(String name) {
                out.add(":" + name);
            }

            @Override
            public void bind(String name) {
                out.add("$" + name);
            }
        });
        return out;
    }

    @Test
    void skipsLiteralsIdentifiersCommentsCastsAndDollarQuotes() {
        assertEquals(List.of(":a", "?"), scan("SELECT ':x ?', \"y?\", `z:q` FROM t WHERE a = :a AND b = ? -- :c ?\n",
                false, false));
        assertEquals(List.of(":id"), scan("SELECT x::int FROM t WHERE id = :id::int /* :no ? */", false, false));
        assertEquals(List.of("$1", "$name"), scan("SELECT $tag$ $2 ? $tag$, $$ FROM t WHERE a = $1 AND b = $name",
                false, true));
        assertEquals(List.of("?"), scan("SELECT 'it\\'s ?' , ?", true, false), "MySQL backslash escapes");
        assertEquals(List.of("?"), scan("SELECT 'it''s ?', ?", false, false));
        assertThrows(IllegalArgumentException.class, () -> scan("SELECT 'open", false, false));
    }
}
