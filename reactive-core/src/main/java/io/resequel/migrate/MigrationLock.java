package io.resequel.migrate;

import io.resequel.Resequel;
import io.resequel.query.QueryResult;
import io.resequel.tx.Transaction;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The database-wide lock a {@link Migrator} holds while it works, so two instances starting at once never apply a
 * migration twice: the second waits, then finds the work done. The lock lives in a transaction of its own, held
 * open on one connection for the whole run and rolled back at the end, so a crashed runner's lock goes away with its
 * connection.
 */
interface MigrationLock {

    /**
     * @param db   the database
     * @param name the lock's name (from the meta table's name, so migrations and seeders lock apart)
     * @return the lock for this database: a PostgreSQL advisory lock, a MariaDB/MySQL named lock, or a locked row
     *         (H2 and any other database)
     */
    static MigrationLock of(Resequel db, String name) {
        // The lock functions are specific to each server and used nowhere else, so they stay here rather than in
        // the dialect SPI; an unknown dialect gets the portable row lock.
        return switch (db.dialect().name()) {
            case "postgres" -> new AdvisoryLock(name);
            case "mysql" -> new NamedLock(name);
            default -> new RowLock(db, name + "_lock");
        };
    }

    /** @return completes once what the lock needs exists (the row lock's table); lazy */
    default Mono<Void> prepare() {
        return Mono.empty();
    }

    /**
     * @param db the database
     * @param t  the lock's own transaction
     * @return {@code true} when taken, {@code false} when another runner holds it (the caller waits and tries again)
     */
    Mono<Boolean> tryAcquire(Resequel db, Transaction t);

    /**
     * @param db the database
     * @param t  the lock's transaction, rolled back by the caller right after
     * @return completes when released
     */
    default Mono<Void> release(Resequel db, Transaction t) {
        return Mono.empty();
    }

    /** @return the first column of the first row */
    static Object single(QueryResult r) {
        if (r.rows().isEmpty()) {
            return null;
        }
        Map<String, Object> row = r.rows().get(0);
        return row.values().iterator().next();
    }
}
