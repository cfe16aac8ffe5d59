package io.resequel.dialect.postgres;

import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.codec.CodecRegistry;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * An r2dbc-postgresql extension, found through {@link java.util.ServiceLoader} (the driver's
 * {@code autodetectExtensions}, on by default), that adds the codecs Resequel's data types need: range text, and
 * any other text value as a String (citext, hstore, inet, ...).
 */
public final class ResequelCodecs implements CodecRegistrar {

    /** Created by the driver's extension loader. */
    public ResequelCodecs() {
    }

    @Override
    public Publisher<Void> register(PostgresqlConnection connection, ByteBufAllocator allocator,
            CodecRegistry registry) {
        registry.addFirst(new RangeTextCodec());
        registry.addLast(new AnyTextCodec());
        return Mono.empty();
    }
}
