package io.resequel.tx.spring;

import io.r2dbc.spi.IsolationLevel;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionContext;
import io.resequel.tx.TransactionManager;
import io.resequel.tx.TransactionOptions;
import java.util.Objects;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.reactive.AbstractReactiveTransactionManager;
import org.springframework.transaction.reactive.GenericReactiveTransaction;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * A Spring {@link org.springframework.transaction.ReactiveTransactionManager} over a Resequel
 * {@link TransactionManager}, so {@code @Transactional} methods and {@code TransactionalOperator} run Resequel
 * queries in one transaction without passing it: the transaction is bound in Spring's reactive synchronization under
 * the connection source's key, where Resequel's queries look for it.
 *
 * <p>Propagation follows Spring: REQUIRED joins or begins; REQUIRES_NEW suspends the current transaction and
 * begins one on another connection; NESTED runs in a SAVEPOINT of the current one (rolling it back keeps the outer
 * work); SUPPORTS, MANDATORY, NEVER and NOT_SUPPORTED as documented by Spring. Isolation level and read-only are
 * passed to BEGIN; Spring's timeout is not applied.
 */
public final class ResequelTransactionManager extends AbstractReactiveTransactionManager {

    private static final long serialVersionUID = 1L;

    static {
        TransactionContext.register(new SpringLookup());
    }

    private final transient TransactionManager transactions;
    private final transient Object key;

    /** @param transactions the Resequel transaction manager ({@code db.transactionManager()}) */
    public ResequelTransactionManager(TransactionManager transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.key = transactions.source().transactionKey();
    }

    @Override
    protected Object doGetTransaction(TransactionSynchronizationManager sync) {
        return new TxObject((Transaction) sync.getResource(key));
    }

    @Override
    protected boolean isExistingTransaction(Object transaction) {
        Transaction tx = ((TxObject) transaction).tx;
        return tx != null && tx.isActive();
    }

    @Override
    protected Mono<Void> doBegin(TransactionSynchronizationManager sync, Object transaction,
            TransactionDefinition definition) {
        TxObject o = (TxObject) transaction;
        TransactionOptions.Builder options = TransactionOptions.builder().readOnly(definition.isReadOnly());
        IsolationLevel level = isolation(definition.getIsolationLevel());
        if (level != null) {
            options.isolation(level);
        }
        if (o.tx != null && o.tx.isActive()) { // NESTED: a savepoint of the current transaction
            return transactions.begin(options.parent(o.tx).build()).doOnNext(child -> {
                o.parent = o.tx;
                o.tx = child;
            }).then();
        }
        return transactions.begin(options.build()).doOnNext(tx -> {
            o.tx = tx;
            o.root = true;
            sync.bindResource(key, tx);
        }).then();
    }

    @Override
    protected Mono<Object> doSuspend(TransactionSynchronizationManager sync, Object transaction) {
        ((TxObject) transaction).tx = null;
        return Mono.just(sync.unbindResource(key));
    }

    @Override
    protected Mono<Void> doResume(TransactionSynchronizationManager sync, Object transaction, Object suspended) {
        sync.bindResource(key, suspended);
        return Mono.empty();
    }

    @Override
    protected Mono<Void> doCommit(TransactionSynchronizationManager sync, GenericReactiveTransaction status) {
        Transaction tx = ((TxObject) status.getTransaction()).tx;
        if (tx.isRollbackOnly()) {
            return tx.rollback().then(Mono.error(new UnexpectedRollbackException(
                    "Transaction rolled back because a participating method marked it as rollback-only")));
        }
        return tx.commit();
    }

    @Override
    protected Mono<Void> doRollback(TransactionSynchronizationManager sync, GenericReactiveTransaction status) {
        return ((TxObject) status.getTransaction()).tx.rollback();
    }

    @Override
    protected Mono<Void> doSetRollbackOnly(TransactionSynchronizationManager sync, GenericReactiveTransaction status) {
        Transaction tx = ((TxObject) status.getTransaction()).tx;
        if (tx != null) {
            tx.setRollbackOnly();
        }
        return Mono.empty();
    }

    @Override
    protected Mono<Void> doCleanupAfterCompletion(TransactionSynchronizationManager sync, Object transaction) {
        TxObject o = (TxObject) transaction;
        if (o.parent != null) {
            o.tx = o.parent;
            o.parent = null;
            return Mono.empty();
        }
        if (o.root) {
            sync.unbindResourceIfPossible(key);
            Transaction tx = o.tx;
            o.tx = null;
            // normally finished by doCommit/doRollback; a failed commit still returns the connection there
            return tx != null && tx.isActive() ? tx.rollback().onErrorResume(e -> Mono.empty()) : Mono.empty();
        }
        return Mono.empty();
    }

    private static IsolationLevel isolation(int level) {
        switch (level) {
            case TransactionDefinition.ISOLATION_READ_UNCOMMITTED:
                return IsolationLevel.READ_UNCOMMITTED;
            case TransactionDefinition.ISOLATION_READ_COMMITTED:
                return IsolationLevel.READ_COMMITTED;
            case TransactionDefinition.ISOLATION_REPEATABLE_READ:
                return IsolationLevel.REPEATABLE_READ;
            case TransactionDefinition.ISOLATION_SERIALIZABLE:
                return IsolationLevel.SERIALIZABLE;
            default:
                return null;
        }
    }

    /** Spring's transaction object: the current Resequel transaction (a savepoint under NESTED). */
    private static final class TxObject {
        Transaction tx;
        Transaction parent;
        boolean root;

        TxObject(Transaction tx) {
            this.tx = tx;
        }
    }

    /** Finds the transaction Spring bound for a connection source in the subscriber's context. */
    private static final class SpringLookup implements TransactionContext.Lookup {
        @Override
        public Mono<Transaction> find(Object key) {
            return TransactionSynchronizationManager.forCurrentTransaction()
                    .flatMap(sync -> Mono.justOrEmpty((Transaction) sync.getResource(key)))
                    .onErrorResume(NoTransactionException.class, e -> Mono.empty());
        }
    }
}
