package io.resequel.migrate;

import io.resequel.Resequel;
import io.resequel.error.MigrationChecksumException;
import io.resequel.error.MigrationException;
import io.resequel.error.MigrationFailedException;
import io.resequel.sql.Feature;
import io.resequel.tx.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs migrations over R2DBC, as Umzug does for sequelize-cli: finds them in its sources, records the applied ones in
 * a meta table ({@code SequelizeMeta} by default) with a checksum, and applies or reverts them in name order.
 *
 * <pre>{@code
 * Migrator migrator = Migrator.builder(db).source(MigrationSource.classpath("db/migrations")).build();
 * migrator.up().block();           // applies every pending migration
 * migrator.down().block();         // reverts the last one
 * }</pre>
 *
 * <p>Every operation takes a database lock first (PostgreSQL advisory lock, MariaDB {@code GET_LOCK}, H2 a locked
 * row), so two instances starting at once never apply a migration twice: the second waits, then sees the first's
 * work. Each migration and its meta row run in one transaction where DDL is transactional (PostgreSQL, H2); on
 * MariaDB a failure ({@link MigrationFailedException}) lists the statements that ran and stayed. Before applying
 * anything, {@code up} compares the recorded checksums with the migrations' current ones and refuses an edited applied
 * migration ({@link MigrationChecksumException}) unless {@link Builder#repair(boolean) repair} is set.
 *
 * <p>The lock holds one pooled connection for the whole run and the migrations use another, so the pool needs at
 * least two connections.
 *
 * <p>Seeders are migrations recorded in another table: {@link Builder#seeders()} (table {@code SequelizeData}) or
 * {@link Builder#noStorage()} (nothing recorded: every seeder runs each time, and {@code downAll} reverts every one).
 */
public final class Migrator {

    /** sequelize-cli's meta table for migrations. */
    public static final String META = "SequelizeMeta";
    /** sequelize-cli's meta table for seeders ({@code seederStorage: 'sequelize'}). */
    public static final String SEEDER_META = "SequelizeData";

    private static final Duration POLL = Duration.ofMillis(200);

    private final Resequel db;
    private final MigrationSource source;
    private final MetaStorage storage;
    private final String lockName;
    private final boolean repair;
    private final boolean recorded;
    private final Duration lockTimeout;
    private final Consumer<MigrationEvent> listener;

    private Migrator(Builder b) {
        this.db = b.db;
        this.source = MigrationSource.all(b.sources.toArray(MigrationSource[]::new));
        this.recorded = b.metaTable != null;
        this.storage = recorded ? new MetaTable(db, b.metaTable) : MetaStorage.NONE;
        this.lockName = recorded ? b.metaTable : "resequel_unrecorded";
        this.repair = b.repair;
        this.lockTimeout = b.lockTimeout;
        this.listener = b.listener;
    }

    /**
     * @param db the database to migrate
     * @return a builder; add at least one source
     */
    public static Builder builder(Resequel db) {
        return new Builder(db);
    }

    /** @return the names applied, in order: every pending migration */
    public Mono<List<String>> up() {
        return up(null);
    }

    /**
     * @param to the last migration to apply (included); {@code null} for all
     * @return the names applied, in order; empty when {@code to} is already applied
     */
    public Mono<List<String>> up(String to) {
        return locked(state -> {
            state.verify(repair);
            Mono<Void> repaired = repair || state.unrecordedChecksums() ? state.recordChecksums(storage, repair)
                    : Mono.empty();
            List<Migration> pending = state.pending();
            int end = pending.size();
            if (to != null) {
                end = indexOf(pending, to) + 1;
                if (end == 0) {
                    if (state.applied.containsKey(to)) {
                        return repaired.then(Mono.just(List.of()));
                    }
                    return Mono.error(new MigrationException("RSQ-958 no migration named " + to
                            + " among the sources: " + state.names()));
                }
            }
            return repaired.thenMany(Flux.fromIterable(pending.subList(0, end)).concatMap(m -> apply(m, true)))
                    .collectList();
        });
    }

    /** @return the name reverted: the last applied migration; an empty list when none is applied */
    public Mono<List<String>> down() {
        return locked(state -> {
            List<String> executed = state.executed(!recorded);
            return executed.isEmpty() ? Mono.just(List.of()) : revert(state, executed.subList(executed.size() - 1,
                    executed.size()));
        });
    }

    /**
     * @param to the last migration to revert (included): every applied migration from the newest down to it is
     *           reverted, as {@code db:migrate:undo:all --to X}
     * @return the names reverted, in the order they ran
     */
    public Mono<List<String>> down(String to) {
        Objects.requireNonNull(to, "to");
        return locked(state -> {
            List<String> executed = state.executed(!recorded);
            int from = executed.indexOf(to);
            if (from < 0) {
                return Mono.error(new MigrationException("RSQ-958 migration " + to
                        + " is not applied, so it cannot be reverted to; applied: " + executed));
            }
            return revert(state, executed.subList(from, executed.size()));
        });
    }

    /** @return the names reverted, newest first: every applied migration */
    public Mono<List<String>> downAll() {
        return locked(state -> revert(state, state.executed(!recorded)));
    }

    /** @return the names of the migrations not applied yet, in the order {@code up} would run them */
    public Mono<List<String>> pending() {
        return locked(state -> Mono.just(state.pending().stream().map(Migration::name).toList()));
    }

    /** @return the names of the applied migrations, in name order */
    public Mono<List<String>> executed() {
        return locked(state -> Mono.just(state.executed(false)));
    }

    /** @return every migration known to the sources or the meta table, in name order, with its state */
    public Mono<List<MigrationStatus>> status() {
        return locked(state -> Mono.just(state.status()));
    }

    private Mono<List<String>> revert(MigrationState state, List<String> names) {
        List<Migration> todo = new ArrayList<>();
        for (int i = names.size() - 1; i >= 0; i--) {
            Migration m = state.byName.get(names.get(i));
            if (m == null) {
                return Mono.error(new MigrationException("RSQ-957 migration " + names.get(i)
                        + " is recorded as applied but no source holds it, so it cannot be reverted"));
            }
            todo.add(m);
        }
        return Flux.fromIterable(todo).concatMap(m -> apply(m, false)).collectList();
    }

    private static int indexOf(List<Migration> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Runs one migration and its meta row, in a transaction where DDL is transactional. */
    private Mono<String> apply(Migration m, boolean up) {
        return Mono.defer(() -> {
            MigrationContext ctx = new MigrationContext(db, m.name());
            long start = System.nanoTime();
            listener.accept(new MigrationEvent(up ? MigrationEvent.Type.MIGRATING : MigrationEvent.Type.REVERTING,
                    m.name(), Duration.ZERO));
            Mono<Void> work = Mono.defer(() -> up ? m.up(ctx) : m.down(ctx))
                    .then(Mono.defer(() -> up ? storage.insert(m.name(), m.checksum()) : storage.delete(m.name())));
            boolean transactional = db.dialect().supports(Feature.TRANSACTIONAL_DDL);
            Mono<Void> run = transactional ? db.transaction(t -> work.then(Mono.just(Boolean.TRUE))).then() : work;
            return run
                    .onErrorMap(e -> !(e instanceof MigrationException),
                            e -> new MigrationFailedException(m.name(), up, ctx.completed(), ctx.failed(),
                                    transactional, e))
                    .then(Mono.fromRunnable(() -> listener.accept(new MigrationEvent(
                            up ? MigrationEvent.Type.MIGRATED : MigrationEvent.Type.REVERTED, m.name(),
                            Duration.ofNanos(System.nanoTime() - start)))))
                    .thenReturn(m.name());
        });
    }

    /** Takes the lock, prepares the meta table, reads sources and records, runs the work, releases the lock. */
    private <T> Mono<T> locked(Function<MigrationState, Mono<T>> work) {
        MigrationLock lock = MigrationLock.of(db, lockName);
        Mono<List<Migration>> load = Mono.fromCallable(source::load).subscribeOn(Schedulers.boundedElastic());
        return Mono.usingWhen(acquire(lock),
                t -> storage.ensure()
                        .then(Mono.zip(load, storage.list().collectList()))
                        .flatMap(s -> work.apply(new MigrationState(s.getT1(), s.getT2()))),
                t -> release(lock, t),
                (t, e) -> release(lock, t),
                t -> release(lock, t));
    }

    private Mono<Transaction> acquire(MigrationLock lock) {
        Mono<Transaction> attempt = Mono.defer(() -> db.startTransaction().flatMap(t -> lock.tryAcquire(db, t)
                .onErrorResume(e -> t.rollback().then(Mono.error(e)))
                .flatMap(ok -> ok ? Mono.just(t) : t.rollback().then(Mono.<Transaction>empty()))));
        // The deadline is checked between attempts, never by cancelling one: a BEGIN cut in flight could strand
        // its connection.
        return Mono.defer(() -> {
            long deadline = System.nanoTime() + lockTimeout.toNanos();
            return lock.prepare().then(attempt.repeatWhenEmpty(Integer.MAX_VALUE, tries -> tries.concatMap(i ->
                    System.nanoTime() - deadline < 0 ? Mono.delay(POLL)
                            : Mono.error(new MigrationException("RSQ-959 another runner has held the migration lock"
                                    + " on " + lockName + " for more than " + lockTimeout
                                    + "; if no runner is alive, its connection still is: end that session")))));
        });
    }

    private Mono<Void> release(MigrationLock lock, Transaction t) {
        return lock.release(db, t).onErrorResume(e -> Mono.empty()).then(t.rollback());
    }

    /** Builder of a {@link Migrator}. */
    public static final class Builder {
        private final Resequel db;
        private final List<MigrationSource> sources = new ArrayList<>();
        private String metaTable = META;
        private boolean repair;
        private Duration lockTimeout = Duration.ofMinutes(5);
        private Consumer<MigrationEvent> listener = e -> { };

        private Builder(Resequel db) {
            this.db = Objects.requireNonNull(db, "db");
        }

        /** @param source where migrations come from (several add up) @return this */
        public Builder source(MigrationSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** @param migrations migrations given as objects @return this */
        public Builder migrations(Migration... migrations) {
            return source(MigrationSource.of(migrations));
        }

        /** @param name the meta table's name (default {@code SequelizeMeta}) @return this */
        public Builder metaTable(String name) {
            this.metaTable = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @return this, recording seeders in {@code SequelizeData} as sequelize-cli's {@code seederStorage} does */
        public Builder seeders() {
            return metaTable(SEEDER_META);
        }

        /** @return this, recording nothing (sequelize-cli's default for seeders): each run applies every one */
        public Builder noStorage() {
            this.metaTable = null;
            return this;
        }

        /**
         * @param repair record the current checksum of edited applied migrations instead of refusing to run
         * @return this
         */
        public Builder repair(boolean repair) {
            this.repair = repair;
            return this;
        }

        /** @param timeout how long to wait for another runner's lock (default 5 minutes) @return this */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @param listener receives progress events, on the thread that runs the migration @return this */
        public Builder listener(Consumer<MigrationEvent> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @return the migrator */
        public Migrator build() {
            if (sources.isEmpty()) {
                throw new IllegalStateException("a Migrator needs at least one source");
            }
            return new Migrator(this);
        }
    }

    /** The sources and the records, read under the lock. */
    private static final class MigrationState {
        final Map<String, Migration> byName = new LinkedHashMap<>();
        final Map<String, String> applied = new HashMap<>();

        MigrationState(List<Migration> found, List<MetaStorage.Applied> records) {
            List<Migration> sorted = new ArrayList<>(found);
            sorted.sort((a, b) -> MigrationNames.ORDER.compare(a.name(), b.name()));
            for (Migration m : sorted) {
                if (byName.put(m.name(), m) != null) {
                    throw new MigrationException("RSQ-956 two migrations are named " + m.name()
                            + ": names must be unique across the sources");
                }
            }
            for (MetaStorage.Applied a : records) {
                applied.put(a.name(), a.checksum());
            }
        }

        List<Migration> pending() {
            return byName.values().stream().filter(m -> !applied.containsKey(m.name())).toList();
        }

        /** @param all whether every known migration counts (no storage: reverting means reverting every seeder) */
        List<String> executed(boolean all) {
            List<String> names = new ArrayList<>(all ? byName.keySet() : applied.keySet());
            names.sort(MigrationNames.ORDER);
            return names;
        }

        List<String> names() {
            return List.copyOf(byName.keySet());
        }

        boolean modified(Migration m) {
            String recorded = applied.get(m.name());
            return recorded != null && m.checksum() != null && !recorded.equals(m.checksum());
        }

        boolean unrecordedChecksums() {
            return byName.values().stream().anyMatch(m -> applied.containsKey(m.name())
                    && applied.get(m.name()) == null && m.checksum() != null);
        }

        void verify(boolean repair) {
            if (repair) {
                return;
            }
            for (Migration m : byName.values()) {
                if (modified(m)) {
                    throw new MigrationChecksumException(m.name(), applied.get(m.name()), m.checksum());
                }
            }
        }

        /** Fills checksums missing from records (applied by sequelize-cli or before checksums), and on repair fixes them. */
        Mono<Void> recordChecksums(MetaStorage storage, boolean repair) {
            return Flux.fromIterable(byName.values())
                    .filter(m -> applied.containsKey(m.name()) && m.checksum() != null
                            && (applied.get(m.name()) == null || repair && modified(m)))
                    .concatMap(m -> storage.updateChecksum(m.name(), m.checksum()))
                    .then();
        }

        List<MigrationStatus> status() {
            List<String> all = new ArrayList<>(byName.keySet());
            applied.keySet().stream().filter(n -> !byName.containsKey(n)).forEach(all::add);
            all.sort(MigrationNames.ORDER);
            List<MigrationStatus> out = new ArrayList<>();
            for (String n : all) {
                Migration m = byName.get(n);
                MigrationStatus.State s = m == null ? MigrationStatus.State.MISSING
                        : !applied.containsKey(n) ? MigrationStatus.State.PENDING
                        : modified(m) ? MigrationStatus.State.MODIFIED : MigrationStatus.State.EXECUTED;
                out.add(new MigrationStatus(n, s, applied.get(n)));
            }
            return out;
        }
    }
}
