package io.resequel.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.resequel.sql.Feature;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;

/** The mysql dialect learns from the first connection whether it serves MariaDB or MySQL. */
class MariaDbDetectionTest {

    @DatabaseTest
    void dialectKnowsTheServerAfterTheFirstConnection(TestDb t) {
        MySqlDialect dialect = assertInstanceOf(MySqlDialect.class, t.db().dialect());
        t.db().authenticate().block();
        String version = String.valueOf(t.raw("SELECT VERSION() AS v").blockFirst().values().iterator().next());
        boolean mariaDb = version.contains("MariaDB");
        assertEquals(mariaDb, dialect.isMariaDb(), "server version " + version);
        assertEquals(mariaDb, dialect.supports(Feature.MULTI_ROW_GENERATED_KEYS));
    }
}
