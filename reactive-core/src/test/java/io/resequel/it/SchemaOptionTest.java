package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SyncOptions;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code schema} model option puts the table in another PostgreSQL schema, MySQL database or H2 schema. */
class SchemaOptionTest {

    @DatabaseTest
    void modelLivesInItsSchema(TestDb t) {
        String schema = "rsq_other_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        String create = t.is("mysql") ? "CREATE DATABASE " + t.q(schema) : "CREATE SCHEMA " + t.q(schema);
        String drop = t.is("mysql") ? "DROP DATABASE " + t.q(schema)
                : "DROP SCHEMA " + t.q(schema) + (t.is("h2") ? " CASCADE" : " CASCADE");
        t.rawUpdate(create).block();
        try {
            Model<Instance> notes = t.db().define("Note", m -> m
                    .attribute("text", DataTypes.STRING)
                    .options(o -> o.schema(schema)));
            t.db().sync(notes, SyncOptions.force()).block();
            notes.bulkCreate(List.of(Map.of("text", "a"), Map.of("text", "b"))).blockLast();
            Instance first = notes.findOne(q -> q.where("text", "a")).block();
            first.update(Map.of("text", "c")).block();

            List<Map<String, Object>> rows = t.raw("SELECT " + t.q("text") + " FROM " + t.q(schema) + "."
                    + t.q("Notes") + " ORDER BY " + t.q("id")).collectList().block();
            assertEquals(List.of("c", "b"), rows.stream().map(r -> r.get("text")).toList());
            assertEquals(2L, notes.count().block());
            notes.destroy(io.resequel.query.Where.eq("text", "b")).block();
            assertEquals(1L, notes.count().block());
        } finally {
            t.rawUpdate(drop).block();
        }
    }
}
