package io.resequel.it.mgmigrations;

/** Not a migration: a class next to migrations that the class path scan must pass over. */
final class MigrationHelper {
    private MigrationHelper() {
    }
}
