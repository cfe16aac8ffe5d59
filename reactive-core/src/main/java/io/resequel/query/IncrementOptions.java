package io.resequel.query;

import io.resequel.tx.Transaction;
import java.util.Objects;

/**
 * Options of an instance's {@code increment}/{@code decrement} (Sequelize's {@code {by, where, returning, silent,
 * transaction}}). Immutable: each setter returns a copy.
 */
public final class IncrementOptions {

    /** By 1, no extra where, values read back where the database can, {@code updatedAt} touched. */
    public static final IncrementOptions DEFAULTS = new IncrementOptions(1, null, true, false, null);

    private final Number by;
    private final Where where;
    private final boolean returning;
    private final boolean silent;
    private final Transaction transaction;

    private IncrementOptions(Number by, Where where, boolean returning, boolean silent, Transaction transaction) {
        this.by = by;
        this.where = where;
        this.returning = returning;
        this.silent = silent;
        this.transaction = transaction;
    }

    /** @param by the amount for each field given by name @return options with it */
    public static IncrementOptions by(Number by) {
        return DEFAULTS.withBy(by);
    }

    /** @param amount the amount for each field given by name @return a copy with it */
    public IncrementOptions withBy(Number amount) {
        return new IncrementOptions(Objects.requireNonNull(amount, "amount"), where, returning, silent, transaction);
    }

    /**
     * @param condition a further condition, ANDed with the instance's key: the row is changed only if it holds
     * @return a copy with it
     */
    public IncrementOptions where(Where condition) {
        return new IncrementOptions(by, Objects.requireNonNull(condition, "condition"), returning, silent,
                transaction);
    }

    /**
     * @param read whether to read the new values back into the instance ({@code UPDATE ... RETURNING}, default
     *             true); ignored where the database has no RETURNING
     * @return a copy with it
     */
    public IncrementOptions returning(boolean read) {
        return new IncrementOptions(by, where, read, silent, transaction);
    }

    /** @return a copy leaving {@code updatedAt} alone */
    public IncrementOptions silent() {
        return new IncrementOptions(by, where, returning, true, transaction);
    }

    /** @param tx the transaction to run in @return a copy running in it */
    public IncrementOptions transaction(Transaction tx) {
        return new IncrementOptions(by, where, returning, silent, Objects.requireNonNull(tx, "tx"));
    }

    /** @return the amount for fields given by name */
    public Number by() { return by; }

    /** @return the further condition, or {@code null} */
    public Where where() { return where; }

    /** @return whether new values are read back */
    public boolean returning() { return returning; }

    /** @return whether {@code updatedAt} is left alone */
    public boolean isSilent() { return silent; }

    /** @return the explicit transaction, or {@code null} */
    public Transaction transaction() { return transaction; }
}
