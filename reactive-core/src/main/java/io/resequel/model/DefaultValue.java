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

    /**
     * Seeded once, here: {@code UUID.randomUUID()} reads {@code /dev/urandom} on each call, a blocking read on
     * whichever thread builds the instance (an event-loop thread when a create follows a find, as findOrCreate's).
     */
    private static final java.security.SecureRandom RANDOM = seeded();

    /** A random (version 4) UUID. */
    public static final DefaultValue UUIDV4 = new DefaultValue(DefaultValue::randomUuid, null, false);

    private final Supplier<?> generator;
    private final Object constant;
    private final boolean isConstant;

    private DefaultValue(Supplier<?> generator, Object constant, boolean isConstant) {
        this.generator = generator;
        this.constant = constant;
        this.isConstant = isConstant;
    }

    /**
     * @param value a constant default, also written into the table's DDL; an {@link io.resequel.query.Expr} (such as
     *              {@code Expr.fn("uuid_generate_v4")}) is written into each INSERT instead, not into the DDL
     * @return the default
     */
    public static DefaultValue of(Object value) {
        if (value instanceof io.resequel.query.Expr) {
            return new DefaultValue(() -> value, null, false);
        }
        return new DefaultValue(null, value, true);
    }

    private static java.security.SecureRandom seeded() {
        java.security.SecureRandom r;
        try {
            r = java.security.SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            r = new java.security.SecureRandom();
        }
        r.nextBytes(new byte[16]); // a DRBG seeds itself on first use: do it now
        return r;
    }

    private static UUID randomUuid() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
        b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    /** @param generator evaluated for each new instance @return the default */
    public static DefaultValue generated(Supplier<?> generator) {
        return new DefaultValue(Objects.requireNonNull(generator, "generator"), null, false);
    }

    /** @return the value for a new instance: a constant map or list is copied, so instances never share it */
    public Object next() {
        return isConstant ? JsonValues.copy(constant) : generator.get();
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
