package io.resequel.dialect.postgres;

import io.netty.buffer.ByteBuf;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.message.Format;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Decodes the built-in range types (int4range, int8range, numrange, tsrange, tstzrange, daterange) as their text,
 * which r2dbc-postgresql has no codec for; {@link RangeText} parses it. Encoding is left to the other codecs (range
 * values are bound as text with the unspecified type).
 */
final class RangeTextCodec implements Codec<String> {

    /** pg_type OIDs of int4range, numrange, tsrange, tstzrange, daterange, int8range. */
    private static final Set<Integer> RANGE_OIDS = Set.of(3904, 3906, 3908, 3910, 3912, 3926);

    @Override
    public boolean canDecode(int dataType, Format format, Class<?> type) {
        return RANGE_OIDS.contains(dataType) && format == Format.FORMAT_TEXT
                && (type == Object.class || type == String.class);
    }

    @Override
    public boolean canEncode(Object value) {
        return false;
    }

    @Override
    public boolean canEncodeNull(Class<?> type) {
        return false;
    }

    @Override
    public String decode(ByteBuf buffer, int dataType, Format format, Class<? extends String> type) {
        return buffer == null ? null : buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public EncodedParameter encode(Object value) {
        throw new UnsupportedOperationException("ranges are bound as text");
    }

    @Override
    public EncodedParameter encode(Object value, int dataType) {
        throw new UnsupportedOperationException("ranges are bound as text");
    }

    @Override
    public EncodedParameter encodeNull() {
        throw new UnsupportedOperationException("ranges are bound as text");
    }
}
