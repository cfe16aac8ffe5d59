package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.OptimisticLockException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.Map;

/** version: every save and destroy checks and bumps the version; a stale instance fails. */
class OptimisticLockTest {

    @DatabaseTest
    void twoStaleSavesOneWinsOneFails(TestDb t) {
        Model<Instance> docs = t.db().define("Doc", m -> m.attribute("body", DataTypes.STRING)
                .options(o -> o.version(true)));
        t.db().sync().block();
        Instance created = docs.create(Map.of("body", "v0")).block();
        assertEquals(0, created.get("version"));
        Instance first = docs.findByPk(created.get("id")).block();
        Instance second = docs.findByPk(created.get("id")).block();
        first.update(Map.of("body", "first")).block();
        assertEquals(1, first.get("version"));
        OptimisticLockException e = assertThrows(OptimisticLockException.class,
                () -> second.update(Map.of("body", "second")).block());
        assertEquals("Doc", e.model());
        assertEquals(0, e.expected());
        assertEquals(1, ((Number) e.actual()).intValue());
        assertTrue(e.getMessage().contains("Doc {id=" + created.get("id") + "}") && e.getMessage().contains("version 0")
                && e.getMessage().contains("version 1"), e.getMessage());
        assertEquals("first", docs.findByPk(created.get("id")).block().get("body"));
        second.reload().block();
        second.update(Map.of("body", "second")).block();
        assertEquals(2, ((Number) docs.findByPk(created.get("id")).block().get("version")).intValue());
        assertThrows(OptimisticLockException.class, () -> first.destroy().block(), "a stale destroy fails too");
        assertEquals(1L, docs.count().block());
        second.increment("version", 0).block();
        assertEquals(3, ((Number) docs.findByPk(created.get("id")).block().get("version")).intValue(),
                "increment bumps the version");
    }

    @DatabaseTest
    void namedVersionColumnAndDestroyOfAFreshInstance(TestDb t) {
        Model<Instance> docs = t.db().define("Doc", m -> m.attribute("body", DataTypes.STRING)
                .options(o -> o.version("rev").underscored(true)));
        t.db().sync().block();
        Instance d = docs.create(Map.of("body", "x")).block();
        d.update(Map.of("body", "y")).block();
        assertEquals(1, d.get("rev"));
        Map<String, Object> row = t.raw("SELECT " + t.q("rev") + " FROM " + t.q("Docs")).blockFirst();
        assertEquals(1, ((Number) row.get("rev")).intValue());
        d.destroy().block();
        assertEquals(0L, docs.count().block());
        OptimisticLockException gone = assertThrows(OptimisticLockException.class,
                () -> d.update(Map.of("body", "z")).block());
        assertTrue(gone.getMessage().contains("no longer exists"), gone.getMessage());
    }
}
