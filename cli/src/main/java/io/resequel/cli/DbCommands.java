package io.resequel.cli;

import io.resequel.migrate.MigrationStatus;
import io.resequel.migrate.Migrator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The commands that talk to the database: {@code db:migrate*} and {@code db:seed*}. */
final class DbCommands {

    private DbCommands() {
    }

    /** Resolves the configuration, opens a session, runs the command's work and closes it. */
    abstract static class DbCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Mixin
        CommonOptions options;

        @Override
        public final Integer call() {
            Settings s = options.settings(main.env, true);
            main.out.println("Resequel CLI: environment " + s.env() + ", " + redacted(s.url()));
            try (Session session = new Session(s, main.out, !options.quiet, options.repair)) {
                return run(session);
            }
        }

        abstract Integer run(Session session);

        void print(List<String> names, String none, String done) {
            if (names.isEmpty()) {
                main.out.println(none);
            } else {
                main.out.println(done + ": " + String.join(", ", names));
            }
        }

        /** A password in the URL stays out of logs. */
        static String redacted(String url) {
            return url.replaceAll("(//[^:/@]+:)[^@]*@", "$1***@");
        }
    }

    /** {@code db:migrate [--to X]}: applies pending migrations. */
    @Command(name = "db:migrate", description = "Run pending migrations.")
    static final class Migrate extends DbCommand {
        @Option(names = "--to", description = "the last migration to apply")
        String to;

        @Override
        Integer run(Session session) {
            print(session.migrations().up(to).block(), "No migrations were executed, database schema was already"
                    + " up to date.", "Migrated");
            return Main.OK;
        }
    }

    /** {@code db:migrate:status}: lists migrations as up, down, modified or missing. */
    @Command(name = "db:migrate:status", description = "List the status of all migrations.")
    static final class Status extends DbCommand {
        @Override
        Integer run(Session session) {
            for (MigrationStatus m : session.migrations().status().block()) {
                String state = switch (m.state()) {
                    case EXECUTED -> "up";
                    case PENDING -> "down";
                    default -> m.state().name().toLowerCase(Locale.ROOT);
                };
                main.out.printf("%-9s%s%n", state, m.name());
            }
            return Main.OK;
        }
    }

    /** {@code db:migrate:undo}: reverts the last migration. */
    @Command(name = "db:migrate:undo", description = "Revert the most recent migration.")
    static final class Undo extends DbCommand {
        @Override
        Integer run(Session session) {
            print(session.migrations().down().block(), "No executed migrations found.", "Reverted");
            return Main.OK;
        }
    }

    /** {@code db:migrate:undo:all [--to X]}: reverts every migration, or down to X (included). */
    @Command(name = "db:migrate:undo:all", description = "Revert all migrations ran.")
    static final class UndoAll extends DbCommand {
        @Option(names = "--to", description = "revert down to this migration (included)")
        String to;

        @Override
        Integer run(Session session) {
            Migrator m = session.migrations();
            print(to == null ? m.downAll().block() : m.down(to).block(), "No executed migrations found.",
                    "Reverted");
            return Main.OK;
        }
    }

    /** {@code db:seed:all}: runs every seeder (the unrecorded ones each time). */
    @Command(name = "db:seed:all", description = "Run every seeder.")
    static final class SeedAll extends DbCommand {
        @Override
        Integer run(Session session) {
            print(session.seeders().up().block(), "No seeders were executed.", "Seeded");
            return Main.OK;
        }
    }

    /** {@code db:seed:undo:all}: reverts every seeder. */
    @Command(name = "db:seed:undo:all", description = "Revert all seeders.")
    static final class SeedUndoAll extends DbCommand {
        @Override
        Integer run(Session session) {
            print(session.seeders().downAll().block(), "No seeders to revert.", "Reverted");
            return Main.OK;
        }
    }
}
