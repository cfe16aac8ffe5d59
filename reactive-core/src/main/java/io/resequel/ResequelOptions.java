package io.resequel;

import io.resequel.exec.StatementListener;
import io.resequel.exec.StatementObserver;
import io.resequel.model.ModelOptions;
import io.resequel.sql.Dialect;
import io.resequel.tx.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link Resequel} connects: the R2DBC URL, pool settings, dialect override, logging and model defaults.
 * Build through {@link Resequel#builder()}.
 */
public final class ResequelOptions {

    final String url;
    final PoolOptions pool;
    final Dialect dialect;
    final boolean logging;
    final boolean benchmark;
    final List<StatementListener> listeners;
    final List<StatementObserver> observers;
    final Consumer<ModelOptions> define;
    final List<String> readUrls;
    final Duration readerHealthRetry;
    /** The Resequel-wide read-your-writes mode and window, or {@code null}s. */
    final io.resequel.tx.ReadYourWrites.Mode readYourWritesMode;
    final Duration readYourWritesWindow;
    final String poolName;
    final Duration queryTimeout;
    /** Coalesced primary-key lookups, or {@code null} (the default: off). */
    final io.resequel.exec.LookupCoalescing coalescing;
    final java.util.function.Supplier<? extends reactor.core.publisher.Mono<String>> password;

    private ResequelOptions(Builder b) {
        this.url = b.url;
        this.pool = b.pool;
        this.dialect = b.dialect;
        this.logging = b.logging;
        this.benchmark = b.benchmark;
        this.listeners = List.copyOf(b.listeners);
        this.observers = List.copyOf(b.observers);
        this.define = b.define;
        this.readUrls = List.copyOf(b.readUrls);
        this.readerHealthRetry = b.readerHealthRetry;
        this.readYourWritesMode = b.readYourWritesMode;
        this.readYourWritesWindow = b.readYourWritesWindow;
        this.poolName = b.poolName;
        this.queryTimeout = b.queryTimeout;
        this.coalescing = b.coalescing;
        this.password = b.password;
    }

    /** @return every statement's timeout unless an operation sets its own, or {@code null} for none */
    public Duration queryTimeout() {
        return queryTimeout;
    }

    /** @return the read replicas' URLs; empty without read replication */
    public List<String> readUrls() {
        return readUrls;
    }

    @Override
    public String toString() {
        // The URL may carry a password; print only its scheme and host part.
        String shown = url == null ? null : url.replaceAll("//[^@/]*@", "//REDACTED@");
        return "ResequelOptions{url=" + shown + ", readers=" + readUrls.size() + ", pool=" + pool + ", queryTimeout=" + queryTimeout + ", logging=" + logging + ", benchmark=" + benchmark + '}';
    }

    /** Builder of {@link ResequelOptions}, finished by {@link #build()} which connects. */
    public static final class Builder {
        private String url;
        private PoolOptions pool = PoolOptions.DEFAULTS;
        private Dialect dialect;
        private boolean logging;
        private boolean benchmark;
        private final List<StatementListener> listeners = new ArrayList<>();
        private final List<StatementObserver> observers = new ArrayList<>();
        private Consumer<ModelOptions> define = o -> { };
        private final List<String> readUrls = new ArrayList<>();
        private Duration readerHealthRetry = Duration.ofSeconds(5);
        private io.resequel.tx.ReadYourWrites.Mode readYourWritesMode;
        private Duration readYourWritesWindow;
        private String poolName;
        private Duration queryTimeout;
        private io.resequel.exec.LookupCoalescing coalescing;
        private java.util.function.Supplier<? extends reactor.core.publisher.Mono<String>> password;

        Builder() {
        }

        /**
         * Credentials that expire (an RDS IAM authentication token lives 15 minutes; a secrets manager rotates
         * passwords): the supplier is asked for the password each time a physical connection is opened, and its
         * answer replaces the URL's password. Connections already open stay as they are, as on the server. A supplier
         * that fails or completes empty fails the acquire with {@link io.resequel.error.AccessDeniedException}. The
         * Mono may do I/O (fetch a token); it must not block.
         *
         * @param password makes the Mono of the current password; called once per new connection
         * @return this
         */
        public Builder password(java.util.function.Supplier<? extends reactor.core.publisher.Mono<String>> password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Read replication (Sequelize's {@code replication: { write, read: [...] }}): writes, and everything inside a
         * transaction, go to {@code write}; reads outside a transaction go round-robin to the readers, unless the
         * query says {@code useMaster(true)}. Each URL gets its own pool built from the {@link #pool} settings.
         * Replicating the data is the database's job.
         *
         * @param write the writer's R2DBC URL
         * @param read  the readers' R2DBC URLs (at least one)
         * @return this
         */
        public Builder replication(String write, List<String> read) {
            Objects.requireNonNull(read, "read");
            if (read.isEmpty()) {
                throw new IllegalArgumentException("RSQ-003 replication needs at least one read URL; for a single"
                        + " database use url(...) instead");
            }
            url(write);
            readUrls.clear();
            for (String r : read) {
                readUrls.add(Objects.requireNonNull(r, "read URL"));
            }
            return this;
        }

        /**
         * @param name the {@code pool} tag of the pool's Micrometer gauges ({@code resequel.pool.acquired}, ...),
         *             published when Micrometer is on the class path (default {@code resequel-N})
         * @return this
         */
        public Builder poolName(String name) {
            this.poolName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * A timeout for every statement, unless the operation sets its own ({@code FindOptions.timeout},
         * {@code QueryOptions.timeout}, {@code WriteOptions.timeout}). A statement past it is stopped on the server
         * (PostgreSQL cancel request, MariaDB {@code KILL QUERY}) and fails with
         * {@link io.resequel.error.QueryTimeoutException}; its connection stays usable. Default: none.
         *
         * @param timeout a positive duration
         * @return this
         */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = io.resequel.exec.QueryTimeouts.checked(timeout);
            return this;
        }

        /**
         * Read-your-writes for the whole instance, under {@link #replication}: for {@code window} after any write
         * through this {@code Resequel}, every read of it goes to the writer. A scope put in an operation's Reactor
         * Context ({@link io.resequel.tx.ReadYourWrites#window}) takes its place for that operation.
         *
         * @param window how long after a write reads go to the writer
         * @return this
         */
        public Builder readYourWrites(Duration window) {
            this.readYourWritesWindow = Objects.requireNonNull(window, "window");
            this.readYourWritesMode = io.resequel.tx.ReadYourWrites.Mode.WINDOW;
            return this;
        }

        /**
         * As {@link #readYourWrites}, but on PostgreSQL a read goes to a replica that has replayed past the last
         * write's WAL position, and to the writer only while the replica lags ({@link io.resequel.tx.ReadYourWrites#lsn}).
         *
         * @param bound how long after a write reads check the replica's position
         * @return this
         */
        public Builder readYourWritesByLsn(Duration bound) {
            this.readYourWritesWindow = Objects.requireNonNull(bound, "bound");
            this.readYourWritesMode = io.resequel.tx.ReadYourWrites.Mode.LSN;
            return this;
        }

        /**
         * Coalesces concurrent {@code findByPk} lookups of a model into {@code WHERE pk IN (...)} queries with the
         * {@link io.resequel.exec.LookupCoalescing#DEFAULTS defaults} (64 keys per query, 4 queries per model at
         * once); see {@link io.resequel.exec.LookupCoalescing} for which lookups qualify.
         *
         * @return this
         */
        public Builder coalesceLookups() {
            return coalesceLookups(io.resequel.exec.LookupCoalescing.DEFAULTS);
        }

        /** @param coalescing the bounds of coalesced lookups, or {@code null} to turn them off @return this */
        public Builder coalesceLookups(io.resequel.exec.LookupCoalescing coalescing) {
            this.coalescing = coalescing;
            return this;
        }

        /** @param retry how long a reader that failed to connect is skipped (default 5 s) @return this */
        public Builder readerHealthRetry(Duration retry) {
            this.readerHealthRetry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** @param url an R2DBC URL such as {@code r2dbc:h2:mem:///demo} @return this */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** @param pool pool settings @return this */
        public Builder pool(PoolOptions pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /** @param pool edits of the default pool settings @return this */
        public Builder pool(Consumer<PoolOptions.Builder> pool) {
            PoolOptions.Builder b = this.pool.mutate();
            pool.accept(b);
            this.pool = b.build();
            return this;
        }

        /** @param dialect a dialect to use instead of the one found from the driver @return this */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** @param logging log every statement to the SLF4J logger {@code io.resequel.sql} (default off) @return this */
        public Builder logging(boolean logging) {
            this.logging = logging;
            return this;
        }

        /** @param benchmark log each statement with its duration (implies logging) @return this */
        public Builder benchmark(boolean benchmark) {
            this.benchmark = benchmark;
            return this;
        }

        /** @param listener told of every statement @return this */
        public Builder listener(StatementListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** @param observer wraps every statement's execution (tracing, metrics) @return this */
        public Builder observer(StatementObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /** @param defaults model options applied to every model before its own @return this */
        public Builder define(Consumer<ModelOptions> defaults) {
            this.define = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /** @return the options */
        public ResequelOptions options() {
            if (url == null) {
                throw new IllegalArgumentException("RSQ-002 an R2DBC url is required, e.g. r2dbc:h2:mem:///demo");
            }
            return new ResequelOptions(this);
        }

        /** @return a Resequel connected as configured (the pool opens connections lazily) */
        public Resequel build() {
            return new Resequel(options());
        }
    }
}
