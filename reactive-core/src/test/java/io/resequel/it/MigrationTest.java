package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.error.MigrationChecksumException;
import io.resequel.error.MigrationException;
import io.resequel.error.MigrationFailedException;
import io.resequel.migrate.Migration;
import io.resequel.migrate.MigrationContext;
import io.resequel.migrate.MigrationEvent;
import io.resequel.migrate.MigrationSource;
import io.resequel.migrate.MigrationStatus;
import io.resequel.migrate.Migrator;
import io.resequel.migrate.SqlMigration;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** Migrations over R2DBC: sources, order, up/down/to, meta table and checksums, failures, the lock, seeders. */
class MigrationTest {

    static final String META = "mg_meta";
    static final String LOCATION = "io/resequel/it/mgmigrations";
    static final String V1 = "V1__mg_create_users";
    static final String V2 = "V2__mg_add_email";
    static final String V10 = "V10__mg_create_posts";

    static Migrator.Builder migrator(Resequel db) {
        return Migrator.builder(db).metaTable(META);
    }

    static boolean exists(TestDb t, String table) {
        return Boolean.TRUE.equals(t.db().select("SELECT COUNT(*) AS n FROM " + table, o -> { })
                .then(Mono.just(true)).onErrorResume(e -> Mono.just(false)).block());
    }

    static List<String> metaNames(TestDb t) {
        return t.raw("SELECT " + t.q("name") + " FROM " + t.q(META)).map(r -> (String) r.get("name"))
                .sort().collectList().block();
    }

    static void dropAll(TestDb t, String... tables) {
        for (String table : tables) {
            t.db().query("DROP TABLE IF EXISTS " + table, o -> { }).block();
        }
    }

    @DatabaseTest
    void classPathSqlPairsAndJavaClassesRunInNameOrderUpAndDown(TestDb t) {
        List<MigrationEvent> events = new CopyOnWriteArrayList<>();
        Migrator m = migrator(t.db()).source(MigrationSource.classpath(LOCATION)).listener(events::add).build();
        try {
            assertEquals(List.of(V1, V2, V10), m.pending().block(), "natural order: V2 before V10");
            assertEquals(List.of(V1, V2, V10), m.up().block());
            assertEquals(List.of(V10, V1, V2), metaNames(t), "sequelize-cli's table holds one row per migration");
            List<Map<String, Object>> users = t.raw("SELECT id, name, email FROM mg_users ORDER BY id").collectList()
                    .block();
            assertEquals("Ada; Lovelace", users.get(0).get("name"), "a semicolon in a literal did not split");
            assertEquals("O'Brien", users.get(1).get("name"));
            assertEquals("ada@example.com", users.get(0).get("email"), "the Java migration's bound value");
            assertEquals(1L, ((Number) t.raw("SELECT COUNT(*) AS n FROM mg_posts").blockFirst().get("n")).longValue());
            assertEquals(List.of(), m.pending().block());
            assertEquals(List.of(V1, V2, V10), m.executed().block());
            assertTrue(m.status().block().stream().allMatch(s -> s.state() == MigrationStatus.State.EXECUTED));
            assertEquals(List.of(), m.up().block(), "a second up has nothing to do");
            assertEquals(List.of("MIGRATING " + V1, "MIGRATED " + V1), events.subList(0, 2).stream()
                    .map(e -> e.type() + " " + e.name()).toList());

            assertEquals(List.of(V10), m.down().block(), "down reverts the newest");
            assertFalse(exists(t, "mg_posts"));
            assertEquals(List.of(V2, V1), m.down(V1).block(), "down(to) reverts down to and including it");
            assertFalse(exists(t, "mg_users"));
            assertEquals(List.of(), metaNames(t));
            assertEquals(List.of(), m.down().block(), "nothing left to revert");
        } finally {
            dropAll(t, "mg_posts", "mg_users", t.q(META), t.q(META + "_lock"));
        }
    }

    @DatabaseTest
    void upToAndUnknownTargets(TestDb t) {
        Migrator m = migrator(t.db()).source(MigrationSource.classpath(LOCATION)).build();
        try {
            assertEquals(List.of(V1, V2), m.up(V2).block());
            assertEquals(List.of(V10), m.pending().block());
            assertEquals(List.of(), m.up(V1).block(), "a target already applied: nothing to do");
            MigrationException e = assertThrows(MigrationException.class, () -> m.up("V99__nope").block());
            assertTrue(e.getMessage().contains("V99__nope"), e.getMessage());
            e = assertThrows(MigrationException.class, () -> m.down(V10).block());
            assertTrue(e.getMessage().contains("not applied"), e.getMessage());
            assertEquals(List.of(V2, V1), m.downAll().block());
            assertFalse(exists(t, "mg_users"));
        } finally {
            dropAll(t, "mg_posts", "mg_users", t.q(META), t.q(META + "_lock"));
        }
    }

    @DatabaseTest
    void anEditedAppliedMigrationIsRefusedUnlessRepaired(TestDb t) {
        String create = "CREATE TABLE mg_sums (id INTEGER NOT NULL PRIMARY KEY)";
        try {
            migrator(t.db()).migrations(new SqlMigration("V1__mg_sums", create, "DROP TABLE mg_sums")).build().up()
                    .block();
            String recorded = (String) t.raw("SELECT " + t.q("checksum") + " FROM " + t.q(META)).blockFirst()
                    .get("checksum");
            assertEquals(64, recorded.length(), "a SHA-256 is recorded");

            SqlMigration edited = new SqlMigration("V1__mg_sums", create + ";\n-- edited", "DROP TABLE mg_sums");
            SqlMigration next = new SqlMigration("V2__mg_sums_more", "CREATE TABLE mg_sums2 (id INTEGER)",
                    "DROP TABLE mg_sums2");
            Migrator strict = migrator(t.db()).migrations(edited, next).build();
            MigrationChecksumException e = assertThrows(MigrationChecksumException.class, () -> strict.up().block());
            assertEquals("V1__mg_sums", e.migration());
            assertEquals(recorded, e.recorded());
            assertEquals(edited.checksum(), e.current());
            assertFalse(exists(t, "mg_sums2"), "nothing ran after the refusal");
            assertEquals(MigrationStatus.State.MODIFIED, strict.status().block().get(0).state());
            assertEquals(MigrationStatus.State.PENDING, strict.status().block().get(1).state());

            assertEquals(List.of("V2__mg_sums_more"),
                    migrator(t.db()).migrations(edited, next).repair(true).build().up().block());
            assertEquals(edited.checksum(), t.raw("SELECT " + t.q("checksum") + " FROM " + t.q(META) + " WHERE "
                    + t.q("name") + " = 'V1__mg_sums'").blockFirst().get("checksum"), "repair recorded the new sum");
            assertEquals(List.of(), strict.up().block(), "after the repair the edited migration is accepted");
        } finally {
            dropAll(t, "mg_sums", "mg_sums2", t.q(META), t.q(META + "_lock"));
        }
    }

    @DatabaseTest
    void aTableMadeBySequelizeCliIsReusedAndGetsItsChecksums(TestDb t) {
        try {
            t.rawUpdate("CREATE TABLE " + t.q(META) + " (" + t.q("name") + " VARCHAR(255) NOT NULL PRIMARY KEY)")
                    .block();
            t.rawUpdate("INSERT INTO " + t.q(META) + " VALUES ('V1__mg_old')").block();
            SqlMigration old = new SqlMigration("V1__mg_old", "CREATE TABLE mg_old (id INTEGER)", null);
            Migrator m = migrator(t.db()).migrations(old,
                    new SqlMigration("V2__mg_new", "CREATE TABLE mg_new (id INTEGER)", "DROP TABLE mg_new")).build();
            assertEquals(List.of("V2__mg_new"), m.up().block(), "the row sequelize-cli wrote counts as applied");
            assertEquals(old.checksum(), t.raw("SELECT " + t.q("checksum") + " FROM " + t.q(META) + " WHERE "
                    + t.q("name") + " = 'V1__mg_old'").blockFirst().get("checksum"));
            MigrationException e = assertThrows(MigrationException.class, () -> m.downAll().block(),
                    "V1 has no down script");
            assertTrue(e.getMessage().contains("V1__mg_old.down.sql"), e.getMessage());
            assertFalse(exists(t, "mg_new"), "V2 was reverted before V1 failed");
        } finally {
            dropAll(t, "mg_old", "mg_new", t.q(META), t.q(META + "_lock"));
        }
    }

    @DatabaseTest
    void aFailingMigrationIsRolledBackOrSaysWhatRan(TestDb t) {
        SqlMigration bad = new SqlMigration("V1__mg_bad", "CREATE TABLE mg_bad (id INTEGER);\n"
                + "INSERT INTO mg_bad (id) VALUES (1);\nINSERT INTO mg_no_such_table (id) VALUES (1)", null);
        Migrator m = migrator(t.db()).migrations(bad).build();
        try {
            MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> m.up().block());
            assertEquals("V1__mg_bad", e.migration());
            assertTrue(e.up());
            assertEquals("INSERT INTO mg_no_such_table (id) VALUES (1)", e.failed());
            assertEquals(List.of("CREATE TABLE mg_bad (id INTEGER)", "INSERT INTO mg_bad (id) VALUES (1)"),
                    e.completed());
            assertInstanceOf(io.resequel.error.DatabaseException.class, e.getCause());
            assertEquals(List.of(), metaNames(t), "the failed migration is not recorded");
            assertEquals(List.of("V1__mg_bad"), m.pending().block());
            if (!t.is("postgres")) {
                assertFalse(e.rolledBack(), "MariaDB and H2 commit DDL at once");
                assertTrue(exists(t, "mg_bad"), "the CREATE TABLE stayed");
                assertEquals(1L, ((Number) t.raw("SELECT COUNT(*) AS n FROM mg_bad").blockFirst().get("n"))
                        .longValue(), "so did the INSERT the message lists");
                assertTrue(e.getMessage().contains("NOT rolled back") && e.getMessage().contains("1) CREATE TABLE"),
                        e.getMessage());
            } else {
                assertTrue(e.rolledBack());
                assertFalse(exists(t, "mg_bad"), "transactional DDL: the CREATE TABLE was rolled back");
            }
        } finally {
            dropAll(t, "mg_bad", t.q(META), t.q(META + "_lock"));
        }
    }

    /** A Java migration written against the query interface, as a sequelize-cli user writes one. */
    static final class WithQueryInterface implements Migration {
        @Override
        public Mono<Void> up(MigrationContext ctx) {
            return ctx.queryInterface().createTable("mg_qi", c -> c
                    .attribute("id", io.resequel.model.DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                    .attribute("title", io.resequel.model.DataTypes.STRING))
                    .then(ctx.queryInterface().addColumn("mg_qi", "body", io.resequel.model.DataTypes.TEXT));
        }

        @Override
        public Mono<Void> down(MigrationContext ctx) {
            return ctx.queryInterface().dropTable("mg_qi");
        }

        @Override
        public String name() {
            return "V1__mg_qi";
        }
    }

    @DatabaseTest
    void aJavaMigrationUsesTheQueryInterfaceInItsTransaction(TestDb t) {
        Migrator m = migrator(t.db()).migrations(new WithQueryInterface()).build();
        try {
            assertEquals(List.of("V1__mg_qi"), m.up().block());
            assertEquals(List.of("id", "title", "body"), List.copyOf(t.db().queryInterface().describeTable("mg_qi")
                    .block().keySet()), "the table and the added column");
            m.down().block();
            assertFalse(t.db().queryInterface().tableExists("mg_qi").block(), "down dropped it");
        } finally {
            dropAll(t, t.q("mg_qi"), t.q(META), t.q(META + "_lock"));
        }
    }

    /** A migration that takes a while and counts its runs, to race two runners. */
    static final class Slow implements Migration {
        final AtomicInteger runs;
        final String name;
        final String table;

        Slow(AtomicInteger runs, String name, String table) {
            this.runs = runs;
            this.name = name;
            this.table = table;
        }

        @Override
        public Mono<Void> up(MigrationContext ctx) {
            return Mono.fromRunnable(runs::incrementAndGet).then(Mono.delay(Duration.ofMillis(1500)))
                    .then(ctx.execute("CREATE TABLE " + table + " (id INTEGER)"));
        }

        @Override
        public Mono<Void> down(MigrationContext ctx) {
            return ctx.execute("DROP TABLE " + table);
        }

        @Override
        public String name() {
            return name;
        }
    }

    @DatabaseTest
    void twoRunnersStartingAtOnceMigrateOnce(TestDb t) {
        AtomicInteger runs = new AtomicInteger();
        Resequel other = t.connect(b -> { });
        Migrator a = migrator(t.db()).migrations(new Slow(runs, "V1__mg_race", "mg_race")).build();
        Migrator b = migrator(other).migrations(new Slow(runs, "V1__mg_race", "mg_race")).build();
        try {
            long start = System.nanoTime();
            List<List<String>> results = Mono.zip(a.up(), b.up()).map(z -> List.of(z.getT1(), z.getT2())).block();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1, runs.get(), "the migration ran once");
            assertEquals(1, results.stream().filter(r -> r.equals(List.of("V1__mg_race"))).count(), results.toString());
            assertEquals(1, results.stream().filter(List::isEmpty).count(), "the other runner found it done");
            assertEquals(List.of("V1__mg_race"), metaNames(t));
            assertTrue(elapsedMs >= 1400, "the second runner waited for the first: " + elapsedMs + " ms");
            assertTrue(exists(t, "mg_race"));

            // a runner that may not wait long gives up with a typed error while the other one works
            Migrator slow = migrator(t.db()).migrations(new Slow(runs, "V1__mg_race", "mg_race"),
                    new Slow(runs, "V2__mg_race2", "mg_race2")).build();
            Mono<Object> impatient = Mono.delay(Duration.ofMillis(300)).then(migrator(other)
                    .migrations(new Slow(runs, "V1__mg_race", "mg_race")).lockTimeout(Duration.ofMillis(400)).build()
                    .pending().cast(Object.class)).onErrorResume(Mono::just);
            Object outcome = Mono.zip(slow.up(), impatient).map(z -> z.getT2()).block();
            MigrationException timeout = assertInstanceOf(MigrationException.class, outcome);
            assertTrue(timeout.getMessage().contains("RSQ-959"), timeout.getMessage());
            assertEquals(List.of("V1__mg_race", "V2__mg_race2"), metaNames(t));
        } finally {
            dropAll(t, "mg_race", "mg_race2", t.q(META), t.q(META + "_lock"));
        }
    }

    /** A seeder: inserts a row into mg_colors and deletes it on undo. */
    static Migration seeder(String name, String color) {
        return new Migration() {
            @Override
            public Mono<Void> up(MigrationContext ctx) {
                return ctx.execute("INSERT INTO mg_colors (name) VALUES (?)", color);
            }

            @Override
            public Mono<Void> down(MigrationContext ctx) {
                return ctx.execute("DELETE FROM mg_colors WHERE name = ?", color);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    static long colors(TestDb t) {
        return ((Number) t.raw("SELECT COUNT(*) AS n FROM mg_colors").blockFirst().get("n")).longValue();
    }

    @DatabaseTest
    void seedersWithTheirOwnTableOrNone(TestDb t) {
        t.rawUpdate("CREATE TABLE mg_colors (name VARCHAR(20))").block();
        try {
            Migrator recorded = Migrator.builder(t.db()).metaTable("mg_seed_meta")
                    .migrations(seeder("20260101000000-red", "red"), seeder("20260101000001-blue", "blue")).build();
            assertEquals(2, recorded.up().block().size());
            assertEquals(List.of(), recorded.up().block(), "recorded seeders run once");
            assertEquals(2, colors(t));
            assertEquals(2, recorded.downAll().block().size());
            assertEquals(0, colors(t));

            Migrator unrecorded = Migrator.builder(t.db()).noStorage()
                    .migrations(seeder("20260101000000-red", "red")).build();
            unrecorded.up().block();
            unrecorded.up().block();
            assertEquals(2, colors(t), "without storage every seed runs again");
            assertEquals(List.of("20260101000000-red"), unrecorded.downAll().block());
            assertEquals(0, colors(t));
            assertFalse(exists(t, t.q("SequelizeData")), "no storage: no table");
        } finally {
            dropAll(t, "mg_colors", t.q("mg_seed_meta"), t.q("mg_seed_meta_lock"), t.q("resequel_unrecorded_lock"));
        }
    }

    @DatabaseTest
    void folderSourceAndDollarQuotedBodies(TestDb t) throws Exception {
        Path dir = Files.createTempDirectory("mg");
        try {
            Files.writeString(dir.resolve("20260101000000-mg-items.up.sql"),
                    "CREATE TABLE mg_items (id INTEGER, note VARCHAR(50));\r\n"
                            + "INSERT INTO mg_items VALUES (1, 'a;b');\r\n");
            Files.writeString(dir.resolve("20260101000000-mg-items.down.sql"), "DROP TABLE mg_items;");
            if (t.is("postgres")) {
                Files.writeString(dir.resolve("20260101000001-mg-fn.up.sql"),
                        "CREATE FUNCTION mg_twice(x INTEGER) RETURNS INTEGER AS $body$\n"
                                + "BEGIN\n  RETURN x * 2; -- a ; inside the body\nEND;\n$body$ LANGUAGE plpgsql;\n"
                                + "INSERT INTO mg_items VALUES (mg_twice(21), $$x;y$$);");
                Files.writeString(dir.resolve("20260101000001-mg-fn.down.sql"),
                        "DELETE FROM mg_items WHERE id = 42; DROP FUNCTION mg_twice(INTEGER);");
            }
            Migrator m = migrator(t.db()).source(MigrationSource.folder(dir)).build();
            m.up().block();
            List<Map<String, Object>> rows = t.raw("SELECT id, note FROM mg_items ORDER BY id").collectList().block();
            assertEquals("a;b", rows.get(0).get("note"));
            if (t.is("postgres")) {
                assertEquals(42, ((Number) rows.get(1).get("id")).intValue());
                assertEquals("x;y", rows.get(1).get("note"));
            }
            m.downAll().block();
            assertFalse(exists(t, "mg_items"));
            Files.writeString(dir.resolve("20260101000002-orphan.down.sql"), "SELECT 1");
            MigrationException e = assertThrows(MigrationException.class, () -> m.pending().block());
            assertTrue(e.getMessage().contains("orphan.down.sql"), e.getMessage());
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.delete(dir);
            dropAll(t, "mg_items", t.q(META), t.q(META + "_lock"));
        }
    }
}
