package io.resequel.sql;

import io.r2dbc.spi.Blob;
import java.nio.ByteBuffer;

/** Binary column values as {@code byte[]}. */
final class Bytes {

    private Bytes() {
    }

    static byte[] of(Object raw) {
        if (raw instanceof byte[] b) {
            return b;
        }
        if (raw instanceof ByteBuffer buf) {
            byte[] out = new byte[buf.remaining()];
            buf.duplicate().get(out);
            return out;
        }
        if (raw instanceof Blob) {
            throw new IllegalStateException("streamed BLOB values must be read with ByteBuffer by the dialect");
        }
        throw new IllegalStateException("unexpected binary value of " + raw.getClass().getName());
    }
}
