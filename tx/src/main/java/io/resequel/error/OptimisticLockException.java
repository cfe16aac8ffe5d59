package io.resequel.error;

import java.util.Map;

/**
 * A save or destroy of a stale instance (Sequelize's {@code OptimisticLockError}): the row's version changed since
 * the instance was loaded, or the row is gone. Reload the instance and apply the change again.
 */
public final class OptimisticLockException extends ResequelException {

    private static final long serialVersionUID = 1L;
    private final String model;
    private final transient Map<String, Object> key;
    private final Object expected;
    private final Object actual;

    /**
     * @param model    the model name
     * @param key      the primary key of the row
     * @param expected the version the instance was loaded with
     * @param actual   the version in the database, or {@code null} when the row is gone
     */
    public OptimisticLockException(String model, Map<String, Object> key, Object expected, Object actual) {
        super("RSQ-620 Attempting to update a stale model instance: " + model + " " + key + " was loaded at version "
                + expected + (actual == null ? " and the row no longer exists" : " but the row is at version " + actual)
                + "; reload it and apply the change again");
        this.model = model;
        this.key = Map.copyOf(key);
        this.expected = expected;
        this.actual = actual;
    }

    /** @return the model name */
    public String model() { return model; }

    /** @return the row's primary key */
    public Map<String, Object> key() { return key; }

    /** @return the version the instance held */
    public Object expected() { return expected; }

    /** @return the database's version, or {@code null} when the row is gone */
    public Object actual() { return actual; }
}
