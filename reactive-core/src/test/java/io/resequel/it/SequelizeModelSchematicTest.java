package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.DatabaseException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SyncOptions;
import io.resequel.schema.ColumnDescription;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Sequelize v6.37.8 {@code test/integration/model.test.js}: the its left by {@code SequelizeModelDefineTest} and its
 * siblings, {@code schematic support} and {@code references} (an invalid table, comments). Tables and schemas
 * {@code sc_*}; the schemas are dropped after each test.
 */
class SequelizeModelSchematicTest {

    /** Sequelize's beforeEach: schemas schema_test and special, UserSpecial synced in special. */
    private static void withSchemas(TestDb t, BiConsumer<String, Model<Instance>> body) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String test = "sc_schema_test_" + suffix;
        String special = "sc_special_" + suffix;
        t.db().queryInterface().createSchema(test).block();
        t.db().queryInterface().createSchema(special).block();
        try {
            Model<Instance> userSpecial = t.db().define("UserSpecial", m -> m.attribute("age", DataTypes.INTEGER)
                    .options(o -> o.tableName("sc_user_specials")));
            t.db().sync(userSpecial.schema(special), SyncOptions.force()).block();
            body.accept(special + "|" + test, userSpecial);
        } finally {
            t.db().queryInterface().dropSchema(test).block();
            t.db().queryInterface().dropSchema(special).block();
        }
    }

    private static String special(String names) {
        return names.substring(0, names.indexOf('|'));
    }

    @DatabaseTest
    void dropsWithSchemas(TestDb t) {
        withSchemas(t, (names, userSpecial) -> {
            String special = special(names);
            assertEquals(List.of("sc_user_specials"), t.db().queryInterface().withSchema(special).showAllTables()
                    .collectList().block());
            t.db().drop(userSpecial.schema(special)).block();
            assertEquals(List.of(), t.db().queryInterface().withSchema(special).showAllTables().collectList().block());
        });
    }

    @DatabaseTest
    void listsSchemas(TestDb t) {
        withSchemas(t, (names, userSpecial) -> {
            // deviation: Sequelize counts every schema of its private test server; this server is shared, so the
            // two schemas made here are looked for among the user schemas (system ones are left out).
            List<String> schemas = t.db().queryInterface().showAllSchemas().collectList().block();
            for (String s : names.split("\\|")) {
                assertTrue(schemas.contains(s), schemas + " lacks " + s);
            }
            assertFalse(schemas.contains("information_schema"), schemas.toString());
        });
    }

    @DatabaseTest
    void describeTableUsesTheDefaultSchemaUnlessGivenOne(TestDb t) {
        withSchemas(t, (names, userSpecial) -> {
            String special = special(names);
            Model<Instance> pub = t.db().define("Public", m -> m.attribute("username", DataTypes.STRING)
                    .options(o -> o.tableName("sc_publics")));
            t.db().sync(pub, SyncOptions.force()).block();
            t.db().sync(pub.schema(special), SyncOptions.force()).block();
            // Sequelize reads the schema in the logged SQL; here it is a bound value, so the special table gets a
            // column of its own that tells the two descriptions apart.
            t.rawUpdate("ALTER TABLE " + t.q(special) + "." + t.q("sc_publics") + " ADD COLUMN " + t.q("extra")
                    + " INTEGER").block();
            Map<String, ColumnDescription> own = t.db().queryInterface().describeTable("sc_publics").block();
            Map<String, ColumnDescription> other = t.db().queryInterface().withSchema(special)
                    .describeTable("sc_publics").block();
            assertFalse(own.containsKey("extra"), own.keySet().toString());
            assertTrue(other.containsKey("extra"), other.keySet().toString());
            // Sequelize's PostgreSQL check of the id default's sequence: here describeTable reports the generated
            // key as autoIncrement (no default text), in each schema.
            assertTrue(own.get("id").autoIncrement() && other.get("id").autoIncrement());
        });
    }

    @DatabaseTest
    void referencesATableWithASchemaSet(TestDb t) {
        String prefix = "sc_prefix_" + UUID.randomUUID().toString().substring(0, 8);
        t.db().queryInterface().createSchema(prefix).block();
        try {
            Model<Instance> userPub = t.db().define("UserPub", m -> m.attribute("username", DataTypes.STRING)
                    .options(o -> o.schema(prefix).tableName("sc_user_pubs")));
            Model<Instance> itemPub = t.db().define("ItemPub", m -> m.attribute("name", DataTypes.STRING)
                    .options(o -> o.schema(prefix).tableName("sc_item_pubs")));
            userPub.hasMany(itemPub);
            t.db().sync(userPub, SyncOptions.force()).block();
            t.clearStatements();
            t.db().sync(itemPub, SyncOptions.force()).block();
            String references = "REFERENCES " + t.q(prefix) + "." + t.q("sc_user_pubs") + " (" + t.q("id") + ")";
            assertTrue(t.statements().stream().anyMatch(s -> s.contains(references)),
                    t.statements() + " lacks " + references);
            // The constraint is at work across the schema.
            assertThrows(ForeignKeyConstraintException.class,
                    () -> itemPub.create(Map.of("name", "orphan", "UserPubId", 42)).block());
        } finally {
            t.db().queryInterface().dropSchema(prefix).block();
        }
    }

    @DatabaseTest
    void createsAndUpdatesUnderAnySchema(TestDb t) {
        withSchemas(t, (names, userSpecial) -> {
            String special = special(names);
            Model<Instance> userPublic = t.db().define("UserPublic", m -> m.attribute("age", DataTypes.INTEGER)
                    .options(o -> o.tableName("sc_user_publics")));
            t.db().sync(userPublic, SyncOptions.force()).block();
            t.clearStatements();
            userPublic.create(Map.of("age", 3)).block();
            assertTrue(t.statements().get(0).startsWith("INSERT INTO " + t.q("sc_user_publics")),
                    t.statements().get(0));
            assertEquals(special, userSpecial.schema(special).definition().schema());
            t.clearStatements();
            Instance u = userSpecial.schema(special).create(Map.of("age", 3)).block();
            String table = t.q(special) + "." + t.q("sc_user_specials");
            assertTrue(t.statements().get(0).startsWith("INSERT INTO " + table), t.statements().get(0));
            t.clearStatements();
            u.update(Map.of("age", 5)).block();
            assertTrue(t.statements().stream().anyMatch(s -> s.startsWith("UPDATE " + table)),
                    t.statements().toString());
            assertEquals(5, ((Number) userSpecial.schema(special).findByPk(u.get("id")).block().get("age"))
                    .intValue());
        });
    }

    @DatabaseTest
    void aReferenceToAnInvalidTableFailsTheSync(TestDb t) {
        Model<Instance> author = t.db().define("author", m -> m.attribute("firstName", DataTypes.STRING)
                .options(o -> o.tableName("sc_authors")));
        Model<Instance> post = t.db().define("post", m -> m
                .attribute("title", DataTypes.STRING)
                .attribute("authorId", DataTypes.INTEGER, a -> a.references("4uth0r5", "id"))
                .options(o -> o.tableName("sc_posts")));
        t.db().sync(author, SyncOptions.force()).block();
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> t.db().sync(post, SyncOptions.force()).block());
        assertTrue(e.getMessage().contains("4uth0r5"), e.getMessage());
        assertEquals(List.of(), t.db().queryInterface().showAllTables().filter("sc_posts"::equals)
                .collectList().block(), "no table was left behind");
    }

    @DatabaseTest
    void aColumnWithACommentAndAReference(TestDb t) {
        Model<Instance> member = t.db().define("Member", m -> m.options(o -> o.tableName("sc_members")));
        Model<Instance> profile = t.db().define("Profile", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(false).comment("asdf")
                        .references(member, "id"))
                .options(o -> o.tableName("sc_profiles")));
        t.db().sync(member, SyncOptions.force()).block();
        t.db().sync(profile, SyncOptions.force()).block();
        // Sequelize #1521: the comment stayed on the column, the reference too.
        assertEquals("asdf", t.db().queryInterface().describeTable("sc_profiles").block().get("id").comment());
        assertThrows(ForeignKeyConstraintException.class, () -> profile.create(Map.of("id", 7)).block());
        Object id = member.create(Map.of()).block().get("id");
        assertEquals(id, profile.create(Map.of("id", id)).block().get("id"));
    }
}
