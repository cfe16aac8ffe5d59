package io.resequel.lambda;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A password supplier ({@code ResequelOptions.Builder.password}) that keeps a fetched password (an RDS IAM token, a
 * secret) for a while instead of fetching one for every new connection, and forgets it on {@link #refresh()}: after a
 * SnapStart restore the kept one may be long expired, and a restored process cannot trust its clock to tell.
 */
public final class RefreshingPassword implements Supplier<Mono<String>> {

    private final Supplier<? extends Mono<String>> source;
    private final long ttlNanos;
    private volatile Kept kept;

    private record Kept(String password, long at) {
    }

    private RefreshingPassword(Supplier<? extends Mono<String>> source, Duration ttl) {
        this.source = Objects.requireNonNull(source, "source");
        this.ttlNanos = Objects.requireNonNull(ttl, "ttl").toNanos();
    }

    /**
     * @param source fetches a fresh password (for IAM: generates an authentication token)
     * @param ttl    how long a fetched password is used (for IAM tokens, well under their 15 minutes)
     * @return the supplier
     */
    public static RefreshingPassword of(Supplier<? extends Mono<String>> source, Duration ttl) {
        return new RefreshingPassword(source, ttl);
    }

    @Override
    public Mono<String> get() {
        return Mono.defer(() -> {
            Kept k = kept;
            if (k != null && System.nanoTime() - k.at() < ttlNanos) {
                return Mono.just(k.password());
            }
            return Mono.defer(source::get).doOnNext(p -> kept = new Kept(p, System.nanoTime()));
        });
    }

    /** Forgets the kept password: the next connection fetches a fresh one. */
    public void refresh() {
        kept = null;
    }
}
