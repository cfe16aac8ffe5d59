package io.resequel.migrate;

import io.resequel.Resequel;
import io.resequel.tx.Transaction;
import reactor.core.publisher.Mono;

/**
 * PostgreSQL: a transaction-level advisory lock keyed by database, schema and name; released by the lock
 * transaction's rollback, or by the server when the connection dies.
 */
final class AdvisoryLock implements MigrationLock {

    private final String name;

    AdvisoryLock(String name) {
        this.name = name;
    }

    @Override
    public Mono<Boolean> tryAcquire(Resequel db, Transaction t) {
        return db.query("SELECT pg_try_advisory_xact_lock(hashtext('resequel:' || current_database() || '.'"
                        + " || current_schema() || '.' || ?)) AS locked", o -> o.transaction(t).replacements(name))
                .map(r -> Boolean.TRUE.equals(MigrationLock.single(r)));
    }
}
