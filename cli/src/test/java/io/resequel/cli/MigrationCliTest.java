package io.resequel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI end to end: sequelize-cli's commands on H2 (a file database, the CLI run as a separate process), PostgreSQL
 * and MariaDB (through {@link Main#run}, with the exit code it would give the shell).
 */
class MigrationCliTest {

    @TempDir
    Path dir;

    /** The outcome of one CLI run. */
    record Run(int exit, String out, String err) {
        Run expect(int code) {
            assertEquals(code, exit, "exit code; stdout:\n" + out + "\nstderr:\n" + err);
            return this;
        }
    }

    /** A database for one test: its URL and unique table names (PostgreSQL and MariaDB are shared). */
    final class Target {
        final String kind;
        final String url;
        final String tag = "mg_cli_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        final String users = tag + "_users";
        final String meta = "mg_meta_" + tag.substring("mg_cli_".length());
        /** The test's own connections: on H2 they close the file when done, so the CLI process can open it. */
        final String checkUrl;

        Target(String kind) {
            this.kind = kind;
            this.url = switch (kind) {
                case "h2" -> "r2dbc:h2:file:///" + dir.resolve("db").toAbsolutePath();
                case "postgres" -> external("RESEQUEL_TEST_POSTGRES_URL");
                default -> external("RESEQUEL_TEST_MYSQL_URL");
            };
            this.checkUrl = kind.equals("h2") ? url + "?options=DB_CLOSE_DELAY=0" : url;
        }

        private static String external(String var) {
            String url = System.getenv(var);
            if (url == null || url.isBlank()) {
                if ("true".equals(System.getenv("CI"))) {
                    throw new AssertionError(var + " is not set: on CI every database must run");
                }
                Assumptions.abort(var + " is not set");
            }
            return url;
        }

        /** @return the common options of every database command */
        List<String> args(String... command) {
            List<String> a = new ArrayList<>(List.of(command));
            a.addAll(List.of("--url", url, "--migrations-path", dir.resolve("migrations").toString(),
                    "--seeders-path", dir.resolve("seeders").toString(), "--meta-table", meta));
            return a;
        }

        long count(String table) {
            Resequel db = Resequel.connect(checkUrl);
            try {
                return ((Number) db.select("SELECT COUNT(*) AS n FROM " + table, o -> { }).blockFirst().values()
                        .iterator().next()).longValue();
            } finally {
                db.close().block(Duration.ofSeconds(30));
            }
        }

        boolean exists(String table) {
            Resequel db = Resequel.connect(checkUrl);
            try {
                return Boolean.TRUE.equals(db.select("SELECT COUNT(*) AS n FROM " + table, o -> { })
                        .then(reactor.core.publisher.Mono.just(true))
                        .onErrorResume(e -> reactor.core.publisher.Mono.just(false)).block());
            } finally {
                db.close().block(Duration.ofSeconds(30));
            }
        }

        void drop(String... tables) {
            Resequel db = Resequel.connect(checkUrl);
            try {
                for (String t : tables) {
                    db.query("DROP TABLE IF EXISTS " + t, o -> { }).block();
                }
            } finally {
                db.close().block(Duration.ofSeconds(30));
            }
        }
    }

    static Run inProcess(List<String> args, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the CLI as its own JVM, as a shell script would. */
    static Run process(List<String> args, Path cwd, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("RESEQUEL_URL");
        pb.environment().remove("RESEQUEL_ENV");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(cwd, "out", ".txt");
        Path err = Files.createTempFile(cwd, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not finish in 180 s: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    void write(String folder, String file, String text) throws IOException {
        Files.createDirectories(dir.resolve(folder));
        Files.writeString(dir.resolve(folder).resolve(file), text);
    }

    void migrationsFor(Target t) throws IOException {
        write("migrations", "V1__create_users.up.sql", "CREATE TABLE " + t.users
                + " (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50));\n-- a comment; with a semicolon\n"
                + "CREATE INDEX " + t.tag + "_name ON " + t.users + " (name);\n");
        write("migrations", "V1__create_users.down.sql", "DROP TABLE " + t.users + ";");
        write("migrations", "V2__add_email.up.sql", "ALTER TABLE " + t.users + " ADD email VARCHAR(100);");
        write("migrations", "V2__add_email.down.sql", "ALTER TABLE " + t.users + " DROP COLUMN email;");
        write("seeders", "V1__demo_users.up.sql", "INSERT INTO " + t.users + " (id, name, email) VALUES"
                + " (1, 'Ada', 'ada@example.com'), (2, 'Grace; Hopper', NULL);");
        write("seeders", "V1__demo_users.down.sql", "DELETE FROM " + t.users + " WHERE id IN (1, 2);");
    }

    /** The whole cycle; {@code cli} runs one command. */
    interface Cli {
        Run run(List<String> args) throws Exception;
    }

    void fullCycle(Target t, Cli cli) throws Exception {
        migrationsFor(t);
        try {
            Run status = cli.run(t.args("db:migrate:status")).expect(Main.OK);
            assertTrue(status.out().contains("down     V1__create_users"), status.out());

            Run up = cli.run(t.args("db:migrate")).expect(Main.OK);
            assertTrue(up.out().contains("== V1__create_users: migrating ======="), up.out());
            assertTrue(up.out().contains("== V2__add_email: migrated ("), up.out());
            assertTrue(up.out().contains("Executing: CREATE TABLE " + t.users), "the SQL is printed: " + up.out());
            assertTrue(cli.run(t.args("db:migrate:status")).expect(Main.OK).out()
                    .contains("up       V2__add_email"));
            assertTrue(cli.run(t.args("db:migrate")).expect(Main.OK).out().contains("already up to date"));

            cli.run(t.args("db:seed:all")).expect(Main.OK);
            assertEquals(2, t.count(t.users));
            cli.run(t.args("db:seed:undo:all")).expect(Main.OK);
            assertEquals(0, t.count(t.users));

            Run undo = cli.run(t.args("db:migrate:undo")).expect(Main.OK);
            assertTrue(undo.out().contains("Reverted: V2__add_email"), undo.out());
            Run all = cli.run(t.args("db:migrate:undo:all", "--to", "V1__create_users")).expect(Main.OK);
            assertTrue(all.out().contains("Reverted: V1__create_users"), all.out());
            assertFalse(t.exists(t.users));
        } finally {
            t.drop(t.users, t.meta, t.meta + "_lock");
        }
    }

    @Test
    void fullCycleOnH2AsAProcess() throws Exception {
        Target t = new Target("h2");
        fullCycle(t, args -> process(args, dir, Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mysql"})
    void fullCycleOnServers(String kind) throws Exception {
        Target t = new Target(kind);
        fullCycle(t, args -> inProcess(args, Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres", "mysql"})
    void aFailingMigrationExitsWithOneAndSaysWhatRan(String kind) throws Exception {
        Target t = new Target(kind);
        write("migrations", "V1__bad.up.sql", "CREATE TABLE " + t.users + " (id INTEGER);\n"
                + "INSERT INTO " + t.tag + "_missing (id) VALUES (1);");
        try {
            Run r = inProcess(t.args("db:migrate", "--quiet"), Map.of()).expect(Main.FAILED);
            assertTrue(r.err().contains("RSQ-952 migration V1__bad (up) failed at statement 2"), r.err());
            assertFalse(r.out().contains("Executing:"), "--quiet prints no SQL");
            if (kind.equals("postgres")) {
                assertTrue(r.err().contains("rolled back"), r.err());
            } else {
                assertTrue(r.err().contains("1) CREATE TABLE " + t.users), r.err());
            }
            write("migrations", "V1__bad.up.sql", "CREATE TABLE " + t.users + " (id INTEGER);");
            if (!kind.equals("postgres")) {
                t.drop(t.users);
            }
            inProcess(t.args("db:migrate"), Map.of()).expect(Main.OK);
            // an applied migration edited afterwards is refused, then accepted with --repair
            write("migrations", "V1__bad.up.sql", "CREATE TABLE " + t.users + " (id INTEGER, x INTEGER);");
            write("migrations", "V2__next.up.sql", "SELECT 1;");
            Run edited = inProcess(t.args("db:migrate"), Map.of()).expect(Main.FAILED);
            assertTrue(edited.err().contains("RSQ-951 migration V1__bad"), edited.err());
            inProcess(t.args("db:migrate", "--repair"), Map.of()).expect(Main.OK);
        } finally {
            t.drop(t.users, t.meta, t.meta + "_lock");
        }
    }

    @Test
    void configurationFromPropertiesPerEnvironmentAndEnvironmentVariables() throws Exception {
        Target t = new Target("h2");
        migrationsFor(t);
        Path props = dir.resolve("resequel.properties");
        Files.writeString(props, "development.url=r2dbc:h2:mem:///nothing-here\n"
                + "test.url=" + t.url + "\n"
                + "migrations-path=" + dir.resolve("migrations").toString().replace("\\", "/") + "\n"
                + "meta-table=" + t.meta + "\n");
        try {
            Run r = inProcess(List.of("db:migrate", "--config", props.toString(), "--env", "test"), Map.of())
                    .expect(Main.OK);
            assertTrue(r.out().contains("environment test"), r.out());
            assertTrue(t.exists(t.users), "the test environment's URL was used");
            Run viaEnv = inProcess(List.of("db:migrate:status", "--config", props.toString()),
                    Map.of("RESEQUEL_ENV", "test")).expect(Main.OK);
            assertTrue(viaEnv.out().contains("up       V2__add_email"), viaEnv.out());
            Run urlWins = inProcess(List.of("db:migrate:status", "--config", props.toString(), "--env", "test"),
                    Map.of("RESEQUEL_URL", "r2dbc:h2:mem:///other")).expect(Main.OK);
            assertTrue(urlWins.out().contains("down     V2__add_email"), "RESEQUEL_URL beats the file: "
                    + urlWins.out());

            Run none = inProcess(List.of("db:migrate", "--config", dir.resolve("absent.properties").toString()),
                    Map.of()).expect(Main.CONFIG_ERROR);
            assertTrue(none.err().contains("does not exist"), none.err());
            Map<String, String> empty = new HashMap<>();
            Run noUrl = inProcess(List.of("db:migrate", "--config", dir.resolve("x").toString() + "/none"), empty);
            assertEquals(Main.CONFIG_ERROR, noUrl.exit());
            assertEquals(Main.USAGE, inProcess(List.of("db:nonsense"), Map.of()).exit());
            assertEquals(Main.USAGE, inProcess(List.of("migration:generate"), Map.of()).exit(), "--name is required");
        } finally {
            t.drop(t.users, t.meta, t.meta + "_lock");
        }
    }

    @Test
    void generatedSkeletonsAreTimestampedAndRunnable() throws Exception {
        Target t = new Target("h2");
        Path migrations = dir.resolve("migrations");
        Run sql = inProcess(List.of("migration:generate", "--name", "Add email", "--migrations-path",
                migrations.toString()), Map.of()).expect(Main.OK);
        Run java = inProcess(List.of("migration:generate", "--name", "backfill", "--java", "--package", "app.db",
                "--migrations-path", migrations.toString()), Map.of()).expect(Main.OK);
        Run seed = inProcess(List.of("seed:generate", "--name", "demo-users", "--seeders-path",
                dir.resolve("seeders").toString()), Map.of()).expect(Main.OK);
        List<String> names;
        try (var s = Files.list(migrations)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(3, names.size(), names.toString());
        assertTrue(names.get(0).matches("V\\d{14}__add_email\\.down\\.sql"), names.toString());
        assertTrue(names.get(1).matches("V\\d{14}__add_email\\.up\\.sql"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.matches("V\\d{14}__backfill\\.java")), names.toString());
        assertTrue(sql.out().contains("New migration was created at"), sql.out());
        assertTrue(java.out().contains(".java"), java.out());
        String javaText = Files.readString(migrations.resolve(names.stream().filter(n -> n.endsWith(".java"))
                .findFirst().orElseThrow()));
        assertTrue(javaText.startsWith("package app.db;") && javaText.contains("implements Migration"), javaText);
        assertTrue(seed.out().contains("New seed was created at"), seed.out());

        Files.delete(migrations.resolve(names.stream().filter(n -> n.endsWith(".java")).findFirst().orElseThrow()));
        try {
            Run up = inProcess(t.args("db:migrate"), Map.of()).expect(Main.OK);
            assertTrue(up.out().contains("__add_email: migrated"), "a comment-only skeleton applies: " + up.out());
        } finally {
            t.drop(t.meta, t.meta + "_lock");
        }
    }
}
