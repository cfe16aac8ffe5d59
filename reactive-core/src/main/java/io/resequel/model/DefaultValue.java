package io.resequel.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A default applied when an instance is built without a value (Sequelize's {@code defaultValue}):
 * a constant, or a generator evaluated per instance such as {@link #NOW} or {@link #UUIDV4}.
 */
public final class DefaultValue {

    /** The current time, truncated to microseconds so it reads back unchanged from every database. */
    public static final DefaultValue NOW = new DefaultValue(
            () -> OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), null, false);

    /** A random (version 4) UUID. */
    public static final DefaultValue UUIDV4 = new DefaultValue(UUID::randomUUID, null, false);

    private final Supplier<?> generator;
    private final Object constant;
    private final boolean isConstant;

    private DefaultValue(Supplier<?> generator, Object constant, boolean isConstant) {
        this.generator = generator;
        this.constant = constant;
        this.isConstant = isConstant;
    }

    /** @param value a constant default, also written into the table's DDL @return the default */
    public static DefaultValue of(Object value) {
        return new DefaultValue(null, value, true);
    }

    /** @param generator evaluated for each new instance @return the default */
    public static DefaultValue generated(Supplier<?> generator) {
        return new DefaultValue(Objects.requireNonNull(generator, "generator"), null, false);
    }

    /** @return the value for a new instance */
    public Object next() {
        return isConstant ? constant : generator.get();
    }

    /** @return whether this is a constant (which DDL may carry) */
    public boolean isConstant() {
        return isConstant;
    }

    /** @return the constant, or {@code null} for a generator */
    public Object constant() {
        return constant;
    }
}
