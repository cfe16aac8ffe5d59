package io.resequel.tx;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * How a root transaction begins on a connection and how the connection's session is put back after it ended.
 * The {@link #r2dbc() default} passes the options to the driver as an R2DBC {@code TransactionDefinition}; a
 * database whose driver does not apply an isolation level that way (r2dbc-h2 maps it to H2 1.x lock modes) supplies
 * its own through its dialect.
 */
public interface TransactionBegin {

    /**
     * @param connection a pooled connection in auto-commit mode
     * @param options    isolation level and read-only
     * @return completes when the transaction has begun
     */
    Publisher<Void> begin(Connection connection, TransactionOptions options);

    /**
     * @param connection the connection, after COMMIT or ROLLBACK and before it goes back to the pool
     * @param options    the options the transaction began with
     * @return completes when the session no longer carries anything of the transaction's options
     */
    Publisher<Void> reset(Connection connection, TransactionOptions options);

    /**
     * @return begins with {@code beginTransaction(TransactionDefinition)} (plain {@code beginTransaction()} for
     *         default options) and, where the driver changed the session's isolation level, sets it back
     */
    static TransactionBegin r2dbc() {
        return new TransactionBegin() {
            @Override
            public Publisher<Void> begin(Connection c, TransactionOptions o) {
                return o.isolation() == null && !o.readOnly() ? c.beginTransaction() : c.beginTransaction(o.definition());
            }

            @Override
            public Publisher<Void> reset(Connection c, TransactionOptions o) {
                return Mono.empty();
            }
        };
    }

    /** @param level a level @return whether the driver's session currently reports another level */
    static boolean differs(Connection c, IsolationLevel level) {
        return level != null && !level.equals(c.getTransactionIsolationLevel());
    }
}
