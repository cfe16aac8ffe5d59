package io.resequel.query;

import io.resequel.tx.Transaction;
import java.util.Arrays;
import java.util.List;

/** Options of {@code save}, {@code create} and instance {@code update}. Immutable. */
public final class SaveOptions {

    /** Defaults: every changed field, timestamps maintained. */
    public static final SaveOptions DEFAULTS = new SaveOptions(null, false);

    private final List<String> fields;
    private final boolean silent;
    private final Transaction transaction;
    private final boolean outsideTransaction;
    private final boolean hooks;
    private Boolean omitNull;

    /**
     * @param fields only these attributes are written ({@code null}: every changed one)
     * @param silent do not touch {@code updatedAt}
     */
    public SaveOptions(List<String> fields, boolean silent) {
        this(fields, silent, null);
    }

    private SaveOptions(List<String> fields, boolean silent, Transaction transaction) {
        this(fields, silent, transaction, false);
    }

    private SaveOptions(List<String> fields, boolean silent, Transaction transaction, boolean outsideTransaction) {
        this(fields, silent, transaction, outsideTransaction, true);
    }

    private SaveOptions(List<String> fields, boolean silent, Transaction transaction, boolean outsideTransaction,
            boolean hooks) {
        this.fields = fields == null ? null : List.copyOf(fields);
        this.silent = silent;
        this.transaction = transaction;
        this.outsideTransaction = outsideTransaction;
        this.hooks = hooks;
    }

    /** @return these options without running hooks (Sequelize's {@code hooks: false}) */
    public SaveOptions withoutHooks() {
        return keep(new SaveOptions(fields, silent, transaction, outsideTransaction, false));
    }

    /** @param names the attributes to write instead @return these options writing only those */
    public SaveOptions withFields(List<String> names) {
        return keep(new SaveOptions(names, silent, transaction, outsideTransaction, hooks));
    }

    /**
     * Sequelize's per-call {@code omitNull}: leave the attributes this save would set to null out of it (foreign
     * keys are still written); wins over the model's {@code omitNull} option.
     *
     * @param omit whether null values are left out
     * @return these options with it
     */
    public SaveOptions omitNull(boolean omit) {
        SaveOptions c = new SaveOptions(fields, silent, transaction, outsideTransaction, hooks);
        c.omitNull = omit;
        return c;
    }

    /** A copy keeps the per-call omitNull of the options it was made from. */
    private SaveOptions keep(SaveOptions copy) {
        copy.omitNull = omitNull;
        return copy;
    }

    /** @return the per-call omitNull, or {@code null} for the model's option */
    public Boolean omitNullSetting() {
        return omitNull;
    }

    /** @return whether hooks run (the default) */
    public boolean hooks() {
        return hooks;
    }

    /**
     * @return these options writing on a pooled connection of its own, even inside {@code db.transaction(...)}
     *         (Sequelize's {@code transaction: null})
     */
    public SaveOptions outsideTransaction() {
        return keep(new SaveOptions(fields, silent, null, true, hooks));
    }

    /** @return whether the write runs outside any transaction */
    public boolean isOutsideTransaction() {
        return outsideTransaction;
    }

    /** @param transaction the transaction to write in @return default options running in it */
    public static SaveOptions in(Transaction transaction) {
        return DEFAULTS.transaction(transaction);
    }

    /**
     * @param transaction run in this transaction; wins over the transaction in the Reactor Context
     * @return these options running in it
     */
    public SaveOptions transaction(Transaction transaction) {
        return keep(new SaveOptions(fields, silent, java.util.Objects.requireNonNull(transaction, "transaction"),
                false, hooks));
    }

    /** @return the explicit transaction, or {@code null} */
    public Transaction transaction() {
        return transaction;
    }

    /** @param names the attributes to write @return options writing only those */
    public static SaveOptions fields(String... names) {
        return new SaveOptions(Arrays.asList(names), false);
    }

    /** @return the attributes to write, or {@code null} for every changed one */
    public List<String> fields() {
        return fields;
    }

    /** @return whether {@code updatedAt} is left alone */
    public boolean isSilent() {
        return silent;
    }

    /** @return these options without touching {@code updatedAt} */
    public SaveOptions silent() {
        return keep(new SaveOptions(fields, true, transaction, outsideTransaction, hooks));
    }
}
