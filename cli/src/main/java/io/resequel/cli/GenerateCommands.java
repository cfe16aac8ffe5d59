package io.resequel.cli;

import io.resequel.Resequel;
import io.resequel.schema.MigrationScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code migration:generate} and {@code seed:generate}: write a timestamped skeleton, an SQL pair
 * ({@code V20260101120000__add_email.up.sql} / {@code .down.sql}) or, with {@code --java}, a Java class of the same
 * name, so SQL and Java migrations interleave in time order. With {@code --from-models}, the migration holds the
 * statements {@code sync({alter})} would run to bring the live tables to the models, and their inverse.
 */
final class GenerateCommands {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    private GenerateCommands() {
    }

    /** Writes the files of one skeleton. */
    abstract static class Generate implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Mixin
        CommonOptions options;

        @Option(names = "--name", required = true, description = "what it does, e.g. add-email")
        String name;

        @Option(names = "--java", description = "write a Java class instead of an SQL pair")
        boolean java;

        @Option(names = "--package", description = "the Java class's package (with --java)")
        String pkg;

        /** @param s the resolved settings @return the folder to write to */
        abstract Path folder(Settings s);

        abstract String kind();

        /** @return the statements to write, or {@code null} for a skeleton; an empty script when nothing is to do */
        MigrationScript script() {
            return null;
        }

        @Override
        public Integer call() {
            String base = "V" + LocalDateTime.now(Clock.systemUTC()).format(STAMP) + "__"
                    + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
            MigrationScript script = script();
            if (script != null && script.isEmpty()) {
                main.out.println("No changes: the tables match the models; nothing written");
                return Main.OK;
            }
            Path dir = folder(options.settings(main.env, false));
            List<Path> files = java ? List.of(dir.resolve(base + ".java"))
                    : List.of(dir.resolve(base + ".up.sql"), dir.resolve(base + ".down.sql"));
            try {
                Files.createDirectories(dir);
                for (Path f : files) {
                    if (Files.exists(f)) {
                        main.err.println("ERROR: " + f + " already exists");
                        return Main.FAILED;
                    }
                }
                if (script != null) {
                    if (java) {
                        Files.writeString(files.get(0), GeneratedMigration.java(pkg, base, script),
                                StandardCharsets.UTF_8);
                    } else {
                        Files.writeString(files.get(0), GeneratedMigration.sql(base, "apply", script.up()),
                                StandardCharsets.UTF_8);
                        Files.writeString(files.get(1), GeneratedMigration.sql(base, "revert", script.down()),
                                StandardCharsets.UTF_8);
                    }
                } else if (java) {
                    Files.writeString(files.get(0), javaSkeleton(base), StandardCharsets.UTF_8);
                } else {
                    Files.writeString(files.get(0), "-- " + kind() + " " + base + ": apply. Statements end with ;\n",
                            StandardCharsets.UTF_8);
                    Files.writeString(files.get(1), "-- " + kind() + " " + base + ": revert what the up script did\n",
                            StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path f : files) {
                main.out.println("New " + kind() + " was created at " + f);
            }
            return Main.OK;
        }

        private String javaSkeleton(String cls) {
            String header = pkg == null || pkg.isBlank() ? "" : "package " + pkg + ";\n\n";
            return header + """
                    import io.resequel.migrate.Migration;
                    import io.resequel.migrate.MigrationContext;
                    import reactor.core.publisher.Mono;

                    /** %s: TODO say what it changes. */
                    public final class %s implements Migration {

                        @Override
                        public Mono<Void> up(MigrationContext ctx) {
                            return ctx.execute("SELECT 1");
                        }

                        @Override
                        public Mono<Void> down(MigrationContext ctx) {
                            return ctx.execute("SELECT 1");
                        }
                    }
                    """.formatted(kind(), cls);
        }
    }

    /** {@code migration:generate --name X [--java] [--from-models CLASS [--keep-columns]]}. */
    @Command(name = "migration:generate", description = "Generate a new migration file.")
    static final class Migration extends Generate {

        @Option(names = "--from-models", paramLabel = "CLASS", description = "a class on the class path that"
                + " implements java.util.function.Consumer<io.resequel.Resequel> and defines the models: the"
                + " migration brings the database's tables to them (needs --url)")
        String fromModels;

        @Option(names = "--keep-columns", description = "with --from-models: keep columns the models lack"
                + " (sync's alter drop: false)")
        boolean keepColumns;

        @Override
        Path folder(Settings s) {
            return s.migrationsPath();
        }

        @Override
        MigrationScript script() {
            if (fromModels == null) {
                return null;
            }
            Settings s = options.settings(main.env, true);
            Consumer<Resequel> models = ModelClasses.load(fromModels);
            Resequel db = Resequel.connect(s.url());
            try {
                models.accept(db);
                return db.schema().plan(new ArrayList<>(db.models()), !keepColumns).block(WAIT);
            } finally {
                db.close().block(WAIT);
            }
        }

        @Override
        String kind() {
            return "migration";
        }
    }

    /** {@code seed:generate --name X [--java]}. */
    @Command(name = "seed:generate", description = "Generate a new seed file.")
    static final class Seed extends Generate {
        @Override
        Path folder(Settings s) {
            return s.seedersPath();
        }

        @Override
        String kind() {
            return "seed";
        }
    }
}
