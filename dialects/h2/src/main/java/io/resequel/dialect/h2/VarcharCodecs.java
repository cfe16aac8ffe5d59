package io.resequel.dialect.h2;

import io.r2dbc.h2.H2Connection;
import io.r2dbc.h2.codecs.Codecs;
import java.lang.reflect.Field;
import org.h2.engine.Constants;
import org.h2.value.Value;
import org.h2.value.ValueVarchar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds Java strings as H2 {@code VARCHAR} values, as H2's own JDBC driver does ({@code setString}).
 *
 * <p>Why: r2dbc-h2 (1.1) tries its codecs in a fixed order, and the CLOB codec comes before the VARCHAR one, so every
 * bound string becomes a CLOB (a LOB of the session's LOB storage) that H2 then reads back and converts to the
 * column's type. On a bulk insert of short strings that round trip was about a tenth of the whole profile. The driver
 * has no way to add or order codecs, and its connection's constructor is package-private: the connection's codecs
 * are replaced once, right after it is created, by these, which answer strings first and hand everything else (and
 * strings longer than H2's longest VARCHAR, which stay CLOBs) to the driver's own. Should a later r2dbc-h2 change
 * those internals, the driver's codecs stay in place (logged once): slower, never wrong.
 */
final class VarcharCodecs implements Codecs {

    private static final Logger LOG = LoggerFactory.getLogger(VarcharCodecs.class);
    private static final Field CODECS = codecsField();

    private final Codecs driver;

    private VarcharCodecs(Codecs driver) {
        this.driver = driver;
    }

    private static Field codecsField() {
        try {
            Field f = H2Connection.class.getDeclaredField("codecs");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("r2dbc-h2's connection has no replaceable codecs ({}); strings are bound as its CLOBs", e.toString());
            return null;
        }
    }

    /**
     * @param connection a connection just created by r2dbc-h2, not yet used
     * @return whether strings are now bound as VARCHAR on it
     */
    static boolean install(Object connection) {
        if (CODECS == null || !(connection instanceof H2Connection)) {
            return false;
        }
        try {
            Codecs driver = (Codecs) CODECS.get(connection);
            if (!(driver instanceof VarcharCodecs)) {
                CODECS.set(connection, new VarcharCodecs(driver));
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** @param connection a connection @return whether {@link #install} replaced its codecs */
    static boolean installed(Object connection) {
        try {
            return CODECS != null && CODECS.get(connection) instanceof VarcharCodecs;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    @Override
    public Value encode(Object value) {
        if (value instanceof String s && s.length() <= Constants.MAX_STRING_LENGTH) {
            return ValueVarchar.get(s);
        }
        return driver.encode(value);
    }

    @Override
    public <T> T decode(Value value, int dataType, Class<? extends T> type) {
        return driver.decode(value, dataType, type);
    }

    @Override
    public Value encodeNull(Class<?> type) {
        return driver.encodeNull(type);
    }

    @Override
    public Class<?> preferredType(int dataType) {
        return driver.preferredType(dataType);
    }
}
