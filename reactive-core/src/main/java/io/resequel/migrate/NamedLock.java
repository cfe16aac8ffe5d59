package io.resequel.migrate;

import io.resequel.Resequel;
import io.resequel.tx.Transaction;
import reactor.core.publisher.Mono;

/**
 * MariaDB/MySQL: {@code GET_LOCK} on a name made of the database and the lock's name (hashed: MySQL caps lock names
 * at 64 characters). It belongs to the session, so it is released explicitly before the connection goes back to the
 * pool, and by the server when the connection dies.
 */
final class NamedLock implements MigrationLock {

    private static final String KEY = "SHA1(CONCAT('resequel:', DATABASE(), '.', ?))";
    private final String name;

    NamedLock(String name) {
        this.name = name;
    }

    @Override
    public Mono<Boolean> tryAcquire(Resequel db, Transaction t) {
        return db.query("SELECT GET_LOCK(" + KEY + ", 0) AS locked", o -> o.transaction(t).replacements(name))
                .map(r -> MigrationLock.single(r) instanceof Number n && n.intValue() == 1);
    }

    @Override
    public Mono<Void> release(Resequel db, Transaction t) {
        return db.query("SELECT RELEASE_LOCK(" + KEY + ") AS released", o -> o.transaction(t).replacements(name))
                .then();
    }
}
