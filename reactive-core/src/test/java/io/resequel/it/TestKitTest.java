package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import reactor.test.StepVerifier;

/** The kit itself: isolation, statement capture, raw access, second instances. */
class TestKitTest {

    @DatabaseTest
    void isolatedDatabaseIsEmptyAndUsedByTheOrm(TestDb t) {
        Model<Instance> things = t.db().define("Thing", m -> m.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        things.create(Map.of("name", "a")).block();
        List<Map<String, Object>> rows = t.raw("SELECT " + t.q("name") + " FROM " + t.q("Things")).collectList().block();
        assertEquals(1, rows.size());
        assertEquals("a", rows.get(0).get("name"));
        if (t.is("postgres")) {
            Object schema = t.raw("SELECT current_schema() AS s").blockFirst().get("s");
            assertTrue(String.valueOf(schema).startsWith("rsq_"), "search_path set by ?schema=: " + schema);
            Object fromOrm = t.db().executor().query(io.resequel.sql.Sql.of("SELECT current_schema()"), r -> r.get(0))
                    .blockFirst();
            assertEquals(schema, fromOrm);
        }
    }

    @DatabaseTest
    void capturesStatementsInOrder(TestDb t) {
        Model<Instance> things = t.db().define("Thing", m -> m.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        t.clearStatements();
        StepVerifier.create(things.create(Map.of("name", "x")).then(things.count())).expectNext(1L).verifyComplete();
        List<String> sql = t.statements();
        assertEquals(2, sql.size(), sql.toString());
        assertTrue(sql.get(0).startsWith("INSERT"), sql.toString());
        assertTrue(sql.get(1).startsWith("SELECT"), sql.toString());
    }

    @DatabaseTest
    void secondInstanceSeesTheSameDatabase(TestDb t) {
        Model<Instance> things = t.db().define("Thing", m -> m.attribute("name", DataTypes.STRING));
        t.db().sync().block();
        things.create(Map.of("name", "x")).block();
        Resequel other = t.connect(b -> b.pool(p -> p.max(1)));
        Model<Instance> same = other.define("Thing", m -> m.attribute("name", DataTypes.STRING));
        StepVerifier.create(same.count()).expectNext(1L).verifyComplete();
        assertEquals(1L, t.rawUpdate("DELETE FROM " + t.q("Things")).block());
        StepVerifier.create(same.count()).expectNext(0L).verifyComplete();
    }
}
