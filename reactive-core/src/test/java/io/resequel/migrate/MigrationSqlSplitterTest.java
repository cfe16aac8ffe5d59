package io.resequel.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting scripts into statements without a database. */
class MigrationSqlSplitterTest {

    private final SqlSplitter standard = new SqlSplitter(false, false);
    private final SqlSplitter mysql = new SqlSplitter(true, true);

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        assertEquals(List.of("SELECT 'a;b'", "SELECT \"x;y\"", "SELECT 1 /* ; */ + 1"),
                standard.split("SELECT 'a;b'; SELECT \"x;y\";\n-- c; d\nSELECT 1 /* ; */ + 1;\n-- trailing;\n"));
        assertEquals(List.of("SELECT 'it''s; fine'"), standard.split("SELECT 'it''s; fine';"));
        assertEquals(List.of("CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql",
                "SELECT $t$;$t$"), standard.split(
                "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql; SELECT $t$;$t$"));
        assertEquals(List.of("SELECT $1, a$b FROM t"), standard.split("SELECT $1, a$b FROM t;"),
                "a bind marker or a name with $ opens no body");
    }

    @Test
    void mysqlBackslashesBackticksAndHashComments() {
        assertEquals(List.of("SELECT 'a\\';b'", "SELECT `c;d`"),
                mysql.split("SELECT 'a\\';b'; # note; here\nSELECT `c;d`;"));
        assertEquals(List.of("SELECT 'a\\'", "SELECT 2"), standard.split("SELECT 'a\\'; SELECT 2"),
                "without backslash escapes the quote closes the literal");
    }

    @Test
    void namesSortNaturally() {
        List<String> names = new java.util.ArrayList<>(List.of("V10__c", "V2__b", "V1__a", "20260101-x", "V02__z"));
        names.sort(MigrationNames.ORDER);
        assertEquals(List.of("20260101-x", "V1__a", "V2__b", "V02__z", "V10__c"), names);
    }

    @Test
    void unterminatedPiecesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> standard.split("SELECT 'a"));
        assertThrows(IllegalArgumentException.class, () -> standard.split("SELECT 1 /* x"));
        assertThrows(IllegalArgumentException.class, () -> standard.split("SELECT $$ x"));
    }
}
