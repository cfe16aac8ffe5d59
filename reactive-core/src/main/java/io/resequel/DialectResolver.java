package io.resequel;

import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.resequel.error.ResequelException;
import io.resequel.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the dialect serving a driver among those on the class path ({@link ServiceLoader}). */
final class DialectResolver {

    private DialectResolver() {
    }

    static Dialect resolve(ConnectionFactoryMetadata metadata) {
        List<String> available = new ArrayList<>();
        for (Dialect d : ServiceLoader.load(Dialect.class, DialectResolver.class.getClassLoader())) {
            if (d.accepts(metadata)) {
                return d;
            }
            available.add(d.name());
        }
        throw new ResequelException("RSQ-001 no Resequel dialect serves the driver '" + metadata.getName()
                + "' (dialects on the class path: " + available + "); add resequel-dialect-h2, -postgres or -mysql,"
                + " or pass one with Resequel.builder().dialect(...)");
    }
}
