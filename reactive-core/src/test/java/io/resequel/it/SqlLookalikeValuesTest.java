package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** Values that look like SQL are bound, never spliced: stored and read back verbatim. */
class SqlLookalikeValuesTest {

    static final List<String> NASTY = List.of(
            "O'Reilly", "''", "\"quoted\"", "`tick`", "; DROP TABLE x; --", "Robert'); DROP TABLE \"Notes\";--",
            "$1", "$2::text", "?", "??", ":name", "@var", "back\\slash", "\\'", "\\", "100%_off",
            "line\nbreak\ttab\r", "unicode ü ß 中文 ℵ", "emoji 😀👍🏽", "/* comment */", "-- comment");

    @DatabaseTest
    void storedAndReadBackVerbatim(TestDb t) {
        Model<Instance> notes = t.db().define("Note", s -> s
                .attribute("body", DataTypes.TEXT)
                .attribute("label", DataTypes.STRING(100)));
        t.db().sync().block();
        for (String v : NASTY) {
            Instance n = notes.create(Map.of("body", v, "label", v)).block();
            Instance back = notes.findOne(q -> q.where("label", v)).block();
            assertEquals(v, back == null ? null : back.get("body"), "by ORM: " + v);
            assertEquals(n.get("id"), back.get("id"));
            Map<String, Object> raw = t.raw("SELECT * FROM " + t.q("Notes") + " WHERE " + t.q("id") + " = "
                    + n.get("id")).blockFirst();
            assertEquals(v, raw.get("body"), "raw: " + v);
            assertEquals(v, raw.get("label"), "raw: " + v);
        }
        assertEquals((long) NASTY.size(), notes.count().block());
        notes.bulkCreate(NASTY.stream().map(v -> Map.of("body", v, "label", v)).toList()).blockLast();
        assertEquals(2L * NASTY.size(), notes.count().block());
        for (String v : NASTY) {
            assertEquals(2L, notes.count(io.resequel.query.Where.eq("body", v)).block(), v);
        }
    }
}
