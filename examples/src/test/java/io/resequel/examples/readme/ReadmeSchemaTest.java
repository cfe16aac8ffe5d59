package io.resequel.examples.readme;

import static io.resequel.examples.readme.ReadmeDb.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.error.DatabaseException;
import io.resequel.migrate.MigrationSource;
import io.resequel.migrate.Migrator;
import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.model.TableConstraint;
import io.resequel.query.Where;
import io.resequel.schema.ColumnDescription;
import io.resequel.schema.QueryInterface;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

/** The README's "Query interface" and "Migrations and the CLI", run on each database. */
class ReadmeSchemaTest {

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void queryInterface(String database) {
        Resequel db = ReadmeDb.connect(database, "query_interface");
        try {
            // tag::query-interface[]
            QueryInterface qi = db.queryInterface();
            Mono<Void> migrate = qi.createTable("teams", m -> m
                    .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                    .attribute("name", DataTypes.STRING, a -> a.allowNull(false).unique(true)))
                .then(qi.addColumn("teams", "city", DataTypes.STRING(80), a -> a.comment("home town")))
                .then(qi.addIndex("teams", Index.on("city")))
                .then(qi.bulkInsert("teams", List.of(Map.of("name", "Reds", "city", "Lyon"))))
                .then(qi.changeColumn("teams", "city", DataTypes.STRING(200)))   // data, comment and default kept
                .then(qi.renameColumn("teams", "city", "town"))
                .then(qi.addConstraint("teams", TableConstraint.check(Where.ne("town", ""), "town")))
                .then();
            db.transaction(tx -> migrate).block();   // on PostgreSQL a failure rolls every DDL statement back
            Map<String, ColumnDescription> columns = qi.describeTable("teams").block();
            // columns.get("town"): type VARCHAR(200) / CHARACTER VARYING(200), comment "home town", allowNull true
            // end::query-interface[]
            ColumnDescription town = columns.get("town");
            assertEquals(database.equals("mariadb") ? "VARCHAR(200)" : "CHARACTER VARYING(200)", town.type());
            assertEquals("home town", town.comment());
            assertTrue(town.allowNull());
            assertThrows(DatabaseException.class, () -> qi.bulkInsert("teams",
                    List.of(Map.of("name", "Blues", "town", ""))).block(WAIT));
        } finally {
            db.close().block(WAIT);
        }
    }

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void migrations(String database) {
        Resequel db = ReadmeDb.connect(database, "migrations");
        try {
            // tag::migrations[]
            Migrator migrator = Migrator.builder(db)
                    .source(MigrationSource.classpath("db/migrations"))   // SQL pairs and Migration classes
                    .build();
            migrator.up().block();                  // every pending one; up("V3__add_email") stops there
            migrator.status().block();              // EXECUTED / PENDING / MODIFIED / MISSING per migration
            migrator.down().block();                // the newest; down("V2__x") reverts down to it, downAll() everything
            // end::migrations[]
            assertEquals(List.of("V1__create_notes"), migrator.executed().block(WAIT));
            assertEquals(List.of("V1__create_notes", "V2__add_title"), migrator.up().then(migrator.executed())
                    .block(WAIT));
            assertEquals(1L, db.select("SELECT COUNT(*) AS n FROM notes WHERE title = 'migrated'", o -> { })
                    .map(r -> ((Number) r.values().iterator().next()).longValue()).blockFirst(WAIT));
        } finally {
            db.close().block(WAIT);
        }
    }
}
