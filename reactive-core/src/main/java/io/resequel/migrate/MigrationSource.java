package io.resequel.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where migrations (or seeders) come from. {@link #load()} may read files and jars, so the {@link Migrator} calls it
 * on a scheduler where blocking is allowed, never on an event loop.
 */
@FunctionalInterface
public interface MigrationSource {

    /**
     * @return the migrations found, in any order (the migrator sorts them by name)
     * @throws io.resequel.error.MigrationException when a file cannot be read or a class not instantiated
     */
    List<Migration> load();

    /**
     * @param migrations migrations given as objects
     * @return a source of exactly these
     */
    static MigrationSource of(Migration... migrations) {
        List<Migration> list = List.of(migrations);
        return () -> list;
    }

    /**
     * @param dir a folder of {@code NAME.up.sql} / {@code NAME.down.sql} pairs (not searched recursively)
     * @return a source reading the folder each time it is loaded; a missing folder holds no migration
     */
    static MigrationSource folder(Path dir) {
        return () -> ResourceScanner.folder(dir);
    }

    /**
     * @param location a class path folder, e.g. {@code db/migrations}: its {@code .up.sql}/{@code .down.sql} pairs,
     *                 and its classes implementing {@link Migration} (package {@code db.migrations}) with a public
     *                 no-argument constructor; in a directory or a jar
     * @return a source scanning the class path of the thread's context class loader
     */
    static MigrationSource classpath(String location) {
        return classpath(location, null);
    }

    /**
     * @param location as for {@link #classpath(String)}
     * @param loader   the class loader to scan, or {@code null} for the thread's context class loader
     * @return the source
     */
    static MigrationSource classpath(String location, ClassLoader loader) {
        return () -> ResourceScanner.classpath(location, loader != null ? loader
                : Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : MigrationSource.class.getClassLoader());
    }

    /**
     * @param sources several sources
     * @return one source holding the migrations of all
     */
    static MigrationSource all(MigrationSource... sources) {
        List<MigrationSource> list = Arrays.asList(sources);
        return () -> {
            List<Migration> out = new ArrayList<>();
            for (MigrationSource s : list) {
                out.addAll(s.load());
            }
            return out;
        };
    }
}
