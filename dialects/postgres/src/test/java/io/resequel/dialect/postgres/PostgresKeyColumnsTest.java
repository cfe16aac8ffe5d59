package io.resequel.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The column list parsed from PostgreSQL's error detail, in the shapes the server writes it. */
class PostgresKeyColumnsTest {

    @Test
    void parsesPlainQuotedAndExpressionKeys() {
        assertEquals(List.of("email"), PostgresDialect.keyColumns("Key (email)=(a@x.io) already exists."));
        assertEquals(List.of("first", "Last Name"),
                PostgresDialect.keyColumns("Key (first, \"Last Name\")=(Ada, Lovelace) already exists."));
        assertEquals(List.of("userId"),
                PostgresDialect.keyColumns("Key (\"userId\")=(999) is not present in table \"users\"."));
        assertEquals(List.of("a\"b", "c, d"), PostgresDialect.keyColumns("Key (\"a\"\"b\", \"c, d\")=(1, 2) x"));
        assertEquals(List.of("lower((email)::text)"),
                PostgresDialect.keyColumns("Key (lower((email)::text))=(a) already exists."));
        assertEquals(List.of(), PostgresDialect.keyColumns("Failing row contains (1, null)."));
    }
}
