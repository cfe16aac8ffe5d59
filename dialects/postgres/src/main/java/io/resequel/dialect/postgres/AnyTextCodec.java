package io.resequel.dialect.postgres;

import io.netty.buffer.ByteBuf;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.message.Format;
import java.nio.charset.StandardCharsets;

/**
 * The last resort for reading a text-format value as a {@code String}: types the driver has no codec for, or
 * none that decodes to a String (citext and hstore, whose OIDs belong to their extensions, inet, cidr, macaddr,
 * tsvector). Registered last, so every codec of the driver is asked first.
 */
final class AnyTextCodec implements Codec<String> {

    @Override
    public boolean canDecode(int dataType, Format format, Class<?> type) {
        return format == Format.FORMAT_TEXT && type == String.class;
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
        throw new UnsupportedOperationException("decodes only");
    }

    @Override
    public EncodedParameter encode(Object value, int dataType) {
        throw new UnsupportedOperationException("decodes only");
    }

    @Override
    public EncodedParameter encodeNull() {
        throw new UnsupportedOperationException("decodes only");
    }
}
