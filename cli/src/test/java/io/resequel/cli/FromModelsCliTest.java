package io.resequel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Index;
import io.resequel.model.ReferentialAction;
import io.resequel.query.SyncOptions;
import io.resequel.schema.ColumnDescription;
import io.resequel.schema.ForeignKeyReference;
import io.resequel.schema.IndexDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code migration:generate --from-models}: the migration written from the difference between the models and the
 * live tables, applied with {@code db:migrate}, gives the tables {@code sync({force})} makes; undone, the old ones.
 */
class FromModelsCliTest {

    /** The tables' prefix of the running test (PostgreSQL and MariaDB are shared by parallel runs). */
    static volatile String prefix = "ev_gen";

    @TempDir
    Path dir;

    /** The models as they were: users with a short name and a column since abandoned. */
    public static final class OldModels implements Consumer<Resequel> {
        @Override
        public void accept(Resequel db) {
            db.define("User", s -> s.attribute("name", DataTypes.STRING(50))
                    .attribute("legacy", DataTypes.INTEGER)
                    .options(o -> o.tableName(prefix + "_users").timestamps(false)));
        }
    }

    /** The models now: a longer required name, an email with an index, and posts that belong to users. */
    public static final class NewModels implements Consumer<Resequel> {
        @Override
        public void accept(Resequel db) {
            db.define("User", s -> s.attribute("name", DataTypes.STRING(200), a -> a.allowNull(false))
                    .attribute("email", DataTypes.STRING(100))
                    .options(o -> o.tableName(prefix + "_users").timestamps(false)
                            .index(Index.on("email").name(prefix + "_email"))));
            db.define("Post", s -> s.attribute("title", DataTypes.STRING)
                    .attribute("userId", DataTypes.INTEGER, a -> a.references(prefix + "_users", "id")
                            .onDelete(ReferentialAction.CASCADE))
                    .options(o -> o.tableName(prefix + "_posts").timestamps(false)));
        }
    }

    /** What a table looks like: columns, indexes, foreign keys without their names. */
    record Shape(List<ColumnDescription> columns, List<String> indexes, List<String> keys) {
    }

    private Map<String, Shape> shapes(String url) {
        Resequel db = Resequel.connect(url);
        try {
            Map<String, Shape> out = new TreeMap<>();
            for (String table : List.of(prefix + "_users", prefix + "_posts")) {
                if (!db.queryInterface().tableExists(table).block()) {
                    continue;
                }
                List<ColumnDescription> columns = new ArrayList<>(db.queryInterface().describeTable(table).block()
                        .values());
                List<String> indexes = db.queryInterface().showIndex(table)
                        .filter(i -> !i.primary() && i.name().toLowerCase(Locale.ROOT).startsWith(prefix))
                        .map(IndexDescription::toString).sort().collectList().block();
                List<String> keys = db.queryInterface().getForeignKeyReferencesForTable(table).block().stream()
                        .map(k -> k.columnName() + "->" + k.referencedTableName() + "." + k.referencedColumnName()
                                + " " + k.onDelete())
                        .sorted().toList();
                out.put(table, new Shape(columns, indexes, keys));
            }
            return out;
        } finally {
            db.close().block(Duration.ofSeconds(30));
        }
    }

    private static void sync(String url, Consumer<Resequel> models, SyncOptions options) {
        Resequel db = Resequel.connect(url);
        try {
            models.accept(db);
            db.sync(options).block();
        } finally {
            db.close().block(Duration.ofSeconds(30));
        }
    }

    private static List<Path> files(Path folder) throws Exception {
        try (var s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres", "mysql"})
    void generatedMigrationGivesWhatSyncForceGives(String kind) throws Exception {
        MigrationCliTest outer = new MigrationCliTest();
        outer.dir = dir;
        MigrationCliTest.Target t = outer.new Target(kind);
        prefix = "ev_" + t.tag.substring("mg_cli_".length());
        String users = prefix + "_users";
        String posts = prefix + "_posts";
        try {
            sync(t.checkUrl, new OldModels(), SyncOptions.DEFAULT);
            Map<String, Shape> before = shapes(t.checkUrl);

            // resequel migration:generate --name to-v2 --from-models com.example.NewModels --url ...
            MigrationCliTest.Run generated = MigrationCliTest.inProcess(t.args("migration:generate", "--name",
                    "to-v2", "--from-models", NewModels.class.getName()), Map.of()).expect(Main.OK);
            List<Path> written = files(dir.resolve("migrations"));
            assertEquals(2, written.size(), generated.out());
            String down = Files.readString(written.get(0));
            String up = Files.readString(written.get(1));
            assertTrue(up.contains("CREATE TABLE IF NOT EXISTS") && up.contains(posts), up);
            assertTrue(up.contains("legacy") && up.contains("email"), up);
            assertTrue(down.contains("DROP TABLE") && down.contains("legacy"), down);

            MigrationCliTest.inProcess(t.args("db:migrate"), Map.of()).expect(Main.OK);
            Map<String, Shape> migrated = shapes(t.checkUrl);
            assertEquals(2, migrated.size(), migrated.toString());

            Run again = run(t, "migration:generate", "--name", "nothing", "--from-models", NewModels.class.getName());
            assertTrue(again.out().contains("No changes"), "after the migration the tables match: " + again.out());
            assertEquals(2, files(dir.resolve("migrations")).size());

            MigrationCliTest.inProcess(t.args("db:migrate:undo"), Map.of()).expect(Main.OK);
            assertEquals(before, shapes(t.checkUrl), "the down script gives the old tables back");

            t.drop(posts, users);
            sync(t.checkUrl, new NewModels(), SyncOptions.force());
            assertEquals(migrated, shapes(t.checkUrl), "the migration gives what sync(force) gives");
        } finally {
            t.drop(posts, users, t.meta, t.meta + "_lock");
        }
    }

    private static Run run(MigrationCliTest.Target t, String... args) {
        MigrationCliTest.Run r = MigrationCliTest.inProcess(t.args(args), Map.of()).expect(Main.OK);
        return new Run(r.out());
    }

    /** A run's output. */
    record Run(String out) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void javaMigrationAndTypedRefusals(String kind) throws Exception {
        MigrationCliTest outer = new MigrationCliTest();
        outer.dir = dir;
        MigrationCliTest.Target t = outer.new Target(kind);
        prefix = "ev_" + t.tag.substring("mg_cli_".length());
        try {
            MigrationCliTest.inProcess(t.args("migration:generate", "--name", "v2", "--java", "--package", "app.db",
                    "--from-models", NewModels.class.getName()), Map.of()).expect(Main.OK);
            List<Path> written = files(dir.resolve("migrations"));
            assertEquals(1, written.size());
            String java = Files.readString(written.get(0));
            assertTrue(java.startsWith("package app.db;")
                    && java.contains("ctx.execute(\"CREATE TABLE IF NOT EXISTS \\\"")
                    && java.contains(".then(ctx.execute(\"DROP TABLE"), java);

            MigrationCliTest.Run missing = MigrationCliTest.inProcess(t.args("migration:generate", "--name", "x",
                    "--from-models", "com.example.Nowhere"), Map.of());
            assertEquals(Main.CONFIG_ERROR, missing.exit());
            assertTrue(missing.err().contains("com.example.Nowhere is not on the class path"), missing.err());
            MigrationCliTest.Run wrong = MigrationCliTest.inProcess(t.args("migration:generate", "--name", "x",
                    "--from-models", String.class.getName()), Map.of());
            assertEquals(Main.CONFIG_ERROR, wrong.exit());
            assertTrue(wrong.err().contains("must implement java.util.function.Consumer"), wrong.err());
            assertFalse(Files.list(dir.resolve("migrations")).count() > 1, "nothing more written");
        } finally {
            t.drop(prefix + "_posts", prefix + "_users", t.meta, t.meta + "_lock");
        }
    }
}
