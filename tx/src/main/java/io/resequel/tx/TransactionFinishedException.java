package io.resequel.tx;

import io.resequel.error.ResequelException;

/**
 * Raised when a committed or rolled-back transaction is used again: committed, rolled back or queried. Like
 * Sequelize's error, it names the transaction, what was refused and, for a statement, carries its SQL. A
 * {@link ResequelException} like every other error of the library, so one {@code onErrorResume(ResequelException.class,
 * ...)} covers it (it was an {@code IllegalStateException} before).
 */
public final class TransactionFinishedException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final Transaction.State state;
    private final String transactionId;
    private final String sql;

    /** @param state the state the transaction is in */
    public TransactionFinishedException(Transaction.State state) {
        this(state, null, null, "it cannot run statements, commit or roll back again");
    }

    private TransactionFinishedException(Transaction.State state, String transactionId, String sql, String refused) {
        super("RSQ-101 the transaction" + (transactionId != null ? " " + transactionId : "")
                + " has been finished with state: " + words(state) + "; " + refused
                + ". Start a new one with db.transaction(...) or db.startTransaction()");
        this.state = state;
        this.transactionId = transactionId;
        this.sql = sql;
    }

    /**
     * @param tx    the finished transaction
     * @param state the state it was found in
     * @return the error of a second commit (Sequelize: "Transaction cannot be committed because it has been finished")
     */
    static TransactionFinishedException commit(Transaction tx, Transaction.State state) {
        return new TransactionFinishedException(state, tx.id(), null, "it cannot be committed");
    }

    /** @param tx the finished transaction @param state its state @return the error of a second rollback */
    static TransactionFinishedException rollback(Transaction tx, Transaction.State state) {
        return new TransactionFinishedException(state, tx.id(), null, "it cannot be rolled back");
    }

    /**
     * @param tx    the finished transaction
     * @param state its state
     * @param sql   the refused statement, or {@code null} when unknown
     * @return the error of a statement run on a finished transaction
     */
    static TransactionFinishedException statement(Transaction tx, Transaction.State state, String sql) {
        return new TransactionFinishedException(state, tx.id(), sql,
                "it can no longer run statements" + (sql != null ? " (the refused statement is in sql())" : ""));
    }

    /**
     * @param statement the statement that was refused
     * @return this error when it already names a statement, else the same refusal naming {@code statement} (for a
     *         caller that knows the SQL when the transaction's check does not)
     */
    public TransactionFinishedException withSql(String statement) {
        if (sql != null || statement == null) {
            return this;
        }
        TransactionFinishedException named = new TransactionFinishedException(state, transactionId, statement,
                "it can no longer run statements (the refused statement is in sql())");
        named.setStackTrace(getStackTrace());
        return named;
    }

    private static String words(Transaction.State state) {
        return state.name().toLowerCase().replace('_', ' ');
    }

    /** @return the state the transaction was found in */
    public Transaction.State state() {
        return state;
    }

    /** @return the finished transaction's {@link Transaction#id() id}, or {@code null} when unknown */
    public String transactionId() {
        return transactionId;
    }

    /** @return the statement that was refused, or {@code null} (a commit or rollback, or unknown) */
    public String sql() {
        return sql;
    }
}
