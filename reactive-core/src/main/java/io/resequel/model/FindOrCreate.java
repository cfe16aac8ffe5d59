package io.resequel.model;

import io.resequel.error.ResequelException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.query.FindOptions;
import io.resequel.query.Lock;
import io.resequel.tx.TransactionManager;
import io.resequel.query.Op;
import io.resequel.query.Created;
import io.resequel.query.Where;
import io.resequel.tx.Transaction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * findOrCreate and findCreateFind. Both rely on a unique constraint covering the where: of concurrent callers one
 * INSERT wins; the others get a {@link UniqueConstraintException} and find the winner's row. Without such a
 * constraint, concurrent callers that all find nothing all insert: duplicates.
 *
 * <p>Inside a transaction the INSERT runs in a savepoint (Sequelize runs it in an exception-catching block on
 * PostgreSQL): a failed statement aborts a PostgreSQL transaction, so without the savepoint the find that follows
 * the conflict would fail with "current transaction is aborted". Calls sharing one transaction run one after
 * another: their statements share a connection, and interleaved savepoints would undo each other's rows (rolling
 * back to the first call's savepoint also removes what the second inserted after it).
 */
final class FindOrCreate<T extends Instance> {

    private final Model<T> model;
    private final TransactionManager transactions;
    /** Per transaction, the completion of the last call queued on it. */
    private final Map<Transaction, Mono<Void>> queues = Collections.synchronizedMap(new WeakHashMap<>());

    FindOrCreate(Model<T> model, TransactionManager transactions) {
        this.model = model;
        this.transactions = transactions;
    }

    /** @param via the model or scoped view whose scopes the finds apply (the create applies none) */
    Mono<Created<T>> run(Model<T> via, Where where, Map<String, ?> defaults) {
        return transactions.current().flatMap(tx -> tx.isPresent()
                ? queued(tx.get(), once(via, where, defaults)) : once(via, where, defaults));
    }

    /** Runs {@code work} after the calls queued earlier on the same transaction ended, however they ended. */
    private <R> Mono<R> queued(Transaction tx, Mono<R> work) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> done = Sinks.empty();
            Mono<Void> before;
            synchronized (queues) {
                before = queues.getOrDefault(tx, Mono.empty());
                queues.put(tx, done.asMono());
            }
            return before.then(work).doFinally(s -> done.tryEmitEmpty());
        });
    }

    private Mono<Created<T>> once(Model<T> via, Where where, Map<String, ?> defaults) {
        return Mono.defer(() -> {
            FindOptions find = FindOptions.builder().where(where).build();
            Map<String, Object> values = new LinkedHashMap<>();
            plainValues(where, values);
            for (Map.Entry<String, ?> d : defaults.entrySet()) {
                Object found = values.get(d.getKey());
                if (found != null && !ValueEquality.same(found, d.getValue())) {
                    // The row would be created with a value the find did not ask for: Sequelize refuses that too.
                    return Mono.error(new ResequelException("RSQ-611 " + model.name() + "#findOrCreate: value used for "
                            + d.getKey() + " was not equal for both the find and the create calls, '" + found
                            + "' vs '" + d.getValue() + "'"));
                }
            }
            values.putAll(defaults);
            return via.findOne(find).map(found -> new Created<>(found, false))
                    .switchIfEmpty(Mono.defer(() -> insert(values).map(c -> new Created<>(c, true))))
                    .onErrorResume(UniqueConstraintException.class, e -> via.findOne(find)
                            // Under MySQL's REPEATABLE READ a plain read keeps the transaction's snapshot, taken
                            // before the winner committed; a locking read sees the committed row.
                            .switchIfEmpty(Mono.defer(() -> inTransaction()
                                    .flatMap(in -> in ? via.findOne(FindOptions.builder().where(where)
                                            .lock(Lock.UPDATE).build()) : Mono.empty())))
                            .map(other -> new Created<>(other, false))
                            .switchIfEmpty(Mono.error(e)));
        });
    }

    /** The INSERT, in a savepoint when a transaction is current, so its failure leaves the transaction usable. */
    private Mono<T> insert(Map<String, Object> values) {
        return inTransaction().flatMap(in -> in
                ? transactions.inTransaction(t -> model.create(values)).single()
                : model.create(values));
    }

    private Mono<Boolean> inTransaction() {
        return transactions.current().map(java.util.Optional::isPresent);
    }

    /** The {@code attribute = value} conditions of a where (through ANDs), which the created row takes. */
    static void plainValues(Where where, Map<String, Object> out) {
        if (where instanceof Where.Condition c && c.op() == Op.EQ && c.value() != null
                && !(c.value() instanceof io.resequel.query.Col) && c.attribute().indexOf('.') < 0) {
            out.put(c.attribute(), c.value());
        } else if (where instanceof Where.And a) {
            a.items().forEach(item -> plainValues(item, out));
        }
    }
}
