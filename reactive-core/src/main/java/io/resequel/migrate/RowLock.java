package io.resequel.migrate;

import io.resequel.Resequel;
import io.resequel.error.LockWaitTimeoutException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.tx.Transaction;
import reactor.core.publisher.Mono;

/**
 * H2 (and any database without a lock function): one row of a lock table, locked with
 * {@code SELECT ... FOR UPDATE NOWAIT} in the lock transaction, so a second runner is refused at once and tries
 * again later instead of blocking inside the engine.
 */
final class RowLock implements MigrationLock {

    private final Resequel db;
    private final String table;

    RowLock(Resequel db, String table) {
        this.db = db;
        this.table = db.dialect().quote(table);
    }

    @Override
    public Mono<Void> prepare() {
        String id = db.dialect().quote("id");
        return db.query("CREATE TABLE IF NOT EXISTS " + table + " (" + id + " INTEGER NOT NULL PRIMARY KEY)",
                        o -> o.outsideTransaction())
                .then(db.query("INSERT INTO " + table + " (" + id + ") SELECT 1 FROM (SELECT 1 AS x) AS one"
                        + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE " + id + " = 1)",
                        o -> o.outsideTransaction()))
                // two runners preparing at once: the other one inserted the row first, which is all we need
                .onErrorResume(UniqueConstraintException.class, e -> Mono.empty())
                .then();
    }

    @Override
    public Mono<Boolean> tryAcquire(Resequel db, Transaction t) {
        String id = db.dialect().quote("id");
        return db.query("SELECT " + id + " FROM " + table + " WHERE " + id + " = 1 FOR UPDATE NOWAIT",
                        o -> o.transaction(t))
                .map(r -> !r.rows().isEmpty())
                // NOWAIT: the row is held by the other runner (H2 50200); any other error is a real failure
                .onErrorResume(LockWaitTimeoutException.class, e -> Mono.just(false));
    }
}
