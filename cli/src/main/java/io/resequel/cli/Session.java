package io.resequel.cli;

import io.resequel.Resequel;
import io.resequel.migrate.MigrationEvent;
import io.resequel.migrate.MigrationSource;
import io.resequel.migrate.Migrator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** One connection to the configured database and the migrators over it; prints progress and, unless quiet, the SQL. */
final class Session implements AutoCloseable {

    private static final Duration CLOSE = Duration.ofSeconds(30);

    private final Settings settings;
    private final PrintStream out;
    private final Resequel db;
    private final boolean repair;

    Session(Settings settings, PrintStream out, boolean printSql, boolean repair) {
        this.settings = settings;
        this.out = out;
        this.repair = repair;
        this.db = Resequel.builder().url(settings.url()).listener((sql, elapsed, error) -> {
            if (printSql) {
                out.println("Executing: " + sql.text());
            }
        }).build();
    }

    /** @return the migrator of the migrations */
    Migrator migrations() {
        Migrator.Builder b = Migrator.builder(db).metaTable(settings.metaTable())
                .source(MigrationSource.folder(settings.migrationsPath()));
        if (settings.migrationsClasspath() != null) {
            b.source(MigrationSource.classpath(settings.migrationsClasspath()));
        }
        return b.repair(repair).listener(this::progress).build();
    }

    /** @return the migrator of the seeders (recorded in their own table, or not at all) */
    Migrator seeders() {
        Migrator.Builder b = Migrator.builder(db).source(MigrationSource.folder(settings.seedersPath()));
        if (settings.seedersClasspath() != null) {
            b.source(MigrationSource.classpath(settings.seedersClasspath()));
        }
        if (settings.seederStorage().equals("sequelize")) {
            b.metaTable(settings.seederMetaTable());
        } else {
            b.noStorage();
        }
        return b.repair(repair).listener(this::progress).build();
    }

    private void progress(MigrationEvent e) {
        String verb = e.type().name().toLowerCase(Locale.ROOT);
        if (e.type() == MigrationEvent.Type.MIGRATING || e.type() == MigrationEvent.Type.REVERTING) {
            out.println("== " + e.name() + ": " + verb + " =======");
        } else {
            out.printf(Locale.ROOT, "== %s: %s (%.3fs)%n%n", e.name(), verb, e.elapsed().toNanos() / 1e9);
        }
    }

    @Override
    public void close() {
        db.close().block(CLOSE);
    }
}
