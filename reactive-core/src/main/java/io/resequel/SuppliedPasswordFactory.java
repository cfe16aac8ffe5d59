package io.resequel;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.resequel.error.AccessDeniedException;
import io.r2dbc.spi.ConnectionFactoryProvider;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A connection factory that asks for the password each time it opens a physical connection, for credentials that
 * expire (RDS IAM tokens live 15 minutes, a secrets manager rotates passwords): the pool opens connections long after
 * the factory was built, each must carry a password that is valid then.
 */
final class SuppliedPasswordFactory implements ConnectionFactory {

    private final ConnectionFactoryOptions options;
    private final ConnectionFactory base;
    /** Found once, here: looking drivers up (ConnectionFactories) reads jars, which must not happen on a reactive thread. */
    private final ConnectionFactoryProvider provider;
    private final Supplier<? extends Mono<String>> password;
    /** The driver's factory for the last password seen: building one per connection would reload the drivers. */
    private volatile Keyed last;

    private record Keyed(String password, ConnectionFactory factory) {
    }

    /**
     * @param options  the connection options (their password, if any, is replaced)
     * @param base     the driver's factory for {@code options}, which answers the metadata
     * @param password told to produce the current password, once per new connection
     */
    SuppliedPasswordFactory(ConnectionFactoryOptions options, ConnectionFactory base,
            Supplier<? extends Mono<String>> password) {
        this.options = Objects.requireNonNull(options, "options");
        this.base = Objects.requireNonNull(base, "base");
        this.password = Objects.requireNonNull(password, "password");
        ConnectionFactoryProvider found = null;
        for (ConnectionFactoryProvider p : ServiceLoader.load(ConnectionFactoryProvider.class,
                ConnectionFactoryProvider.class.getClassLoader())) {
            if (p.supports(options)) {
                found = p;
                break;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("RSQ-162 no R2DBC driver on the class path accepts the URL's driver "
                    + options.getValue(ConnectionFactoryOptions.DRIVER));
        }
        this.provider = found;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.defer(() -> Objects.requireNonNull(password.get(), "the password supplier returned null"))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("it completed without a password")))
                .onErrorMap(e -> new AccessDeniedException("RSQ-160 the password supplier failed (" + e
                        + "): no connection was opened; check the supplier's own credentials and network", null, e))
                .flatMap(secret -> factoryFor(secret).flatMap(f -> Mono.from(f.create())));
    }

    /**
     * The driver's factory for a password: kept while the password stays the same; a new one is built off the reactive
     * threads, since a driver's factory may read jars (r2dbc-postgresql looks for its extensions).
     */
    private Mono<ConnectionFactory> factoryFor(String secret) {
        Keyed k = last;
        if (k != null && k.password().equals(secret)) {
            return Mono.just(k.factory());
        }
        return Mono.fromCallable(() -> build(secret)).subscribeOn(Schedulers.boundedElastic());
    }

    private ConnectionFactory build(String secret) {
        ConnectionFactory f = provider.create(options.mutate()
                .option(ConnectionFactoryOptions.PASSWORD, secret).build());
        last = new Keyed(secret, f);
        return f;
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return base.getMetadata();
    }
}
