package io.resequel.it;

import static org.junit.jupiter.api.Assertions.fail;

import io.resequel.Resequel;
import io.resequel.error.ResequelException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.Cut;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.DroppedSignals;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A seeded, bounded storm of operations that are cut short: streamed finds cut by {@code take} and {@code timeout},
 * hook and user errors, managed transactions cancelled 0–2 ms after subscription (so during acquire, BEGIN, the body
 * or COMMIT) or failed in their body, bulk writes cut midway and concurrent saves, on a pool of two connections.
 * Every write the caller saw succeed is recorded. Afterwards the contract of issue 11 must hold: no connection
 * acquired, no server session idle in a transaction, no transaction partially applied (every tag has 0 or all of
 * its rows), no acknowledged write missing, nothing dropped, and a fresh query answered within a second.
 *
 * <p>{@code -Dresequel.chaos.seed=N} replays a seed (printed on failure); {@code -Dresequel.chaos.ops=N} sets the
 * number of operations (2,000 by default, 10,000 with the Maven profile {@code chaos}).
 */
class ChaosTest {

    static final String SEED = "resequel.chaos.seed";
    static final String OPS = "resequel.chaos.ops";
    private static final int CONCURRENCY = 8;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The first message seen per error class. */
    static final Map<String, String> SAMPLES = new ConcurrentSkipListMap<>();

    /** The operations of the mix. */
    enum Kind { FIND_TAKE, FIND_TIMEOUT, SAVE, SAVE_CANCELLED, HOOK_ERROR, TX, TX_CANCELLED, TX_BODY_ERROR,
        TX_HOOK_ERROR, TX_ACQUIRE_TIMEOUT, TX_COMMIT_ERROR, BULK, BULK_CUT }

    /** One planned operation: what, with which tag, how many rows, cut after how long or how many elements. */
    record Op(Kind kind, String tag, int rows, long cutMicros, int cutCount) {
    }

    /** A failure the test itself provokes (a user error), as opposed to one of the library. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserError(String message) {
            super(message, null, false, false);
        }
    }

    @DatabaseTest
    void cutShortOperationsLeaveNoTraceButTheirAcknowledgedWrites(TestDb t) {
        long seed = Long.getLong(SEED, System.nanoTime());
        int ops = Integer.getInteger(OPS, 2000);
        Resequel db = t.connect(b -> b.pool(p -> p.max(2).acquire(Duration.ofSeconds(10))));
        // a second pool of one connection that gives up after 5 ms: transactions failing at acquire
        Resequel tiny = t.connect(b -> b.pool(p -> p.max(1).acquire(Duration.ofMillis(5))));
        Model<Instance> items = items(db);
        db.sync().block(WAIT);
        Model<Instance> tinyItems = items(tiny);
        boolean commitChecks = t.is("postgres");
        if (commitChecks) {
            // PostgreSQL checks a deferred constraint trigger at COMMIT: transactions failing at COMMIT
            t.rawUpdate("CREATE FUNCTION refuse_at_commit() RETURNS trigger AS $$ BEGIN IF NEW." + t.q("tag")
                    + " LIKE 'commitfail%' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NEW; END $$"
                    + " LANGUAGE plpgsql").block(WAIT);
            t.rawUpdate("CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON " + t.q("Items")
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit()").block(WAIT);
        }
        items.hooks().beforeCreate("refuse", e -> String.valueOf(e.instance().get("tag")).startsWith("hook")
                ? Mono.error(new UserError("beforeCreate refuses " + e.instance().get("tag")))
                : Mono.empty());
        items.hooks().afterCreate("refuseAfter", e -> Integer.valueOf(-1).equals(e.instance().get("n"))
                ? Mono.error(new UserError("afterCreate refuses " + e.instance().get("tag")))
                : Mono.empty());

        List<Op> plan = plan(new Random(seed), ops);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, AtomicLong> errors = new ConcurrentSkipListMap<>();
        Cut.resetLate();
        SAMPLES.clear();
        long start = System.nanoTime();
        Flux.fromIterable(plan)
                .flatMap(op -> run(op.kind() == Kind.TX_ACQUIRE_TIMEOUT ? tiny : db,
                        op.kind() == Kind.TX_ACQUIRE_TIMEOUT ? tinyItems : items, op, acknowledged)
                        .onErrorResume(e -> {
                            errors.computeIfAbsent(classify(e), k -> new AtomicLong()).incrementAndGet();
                            return Mono.empty();
                        }), CONCURRENCY)
                .then()
                .block(Duration.ofSeconds(Math.max(120, ops / 20)));
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);

        List<String> broken = new ArrayList<>();
        for (Resequel r : List.of(db, tiny)) {
            String acquired = awaitNoAcquired(r);
            if (acquired != null) {
                broken.add("connections still acquired: " + acquired);
            }
        }
        List<String> open = awaitNoOpenTransaction(t);
        if (!open.isEmpty()) {
            broken.add(open.size() + " server session(s) idle in transaction: " + open);
        }
        Map<String, Long> perTag = rowsPerTag(t);
        Map<String, Integer> size = new HashMap<>();
        Map<String, Op> byTag = new HashMap<>();
        for (Op op : plan) {
            size.put(op.tag(), op.rows());
            byTag.put(op.tag(), op);
        }
        List<String> partial = new ArrayList<>();
        List<String> phantom = new ArrayList<>();
        perTag.forEach((tag, n) -> {
            Integer expected = size.get(tag);
            if (expected == null || n != 0 && n != expected.longValue()) {
                partial.add(byTag.get(tag) + " has " + n);
            } else if (tag.startsWith("hook") || tag.startsWith("fail")
                    || commitChecks && tag.startsWith("commitfail")) {
                phantom.add(byTag.get(tag) + " has " + n);
            }
        });
        if (!partial.isEmpty()) {
            broken.add(partial.size() + " write(s) partially applied: " + first(partial));
        }
        if (!phantom.isEmpty()) {
            broken.add(phantom.size() + " failed write(s) present: " + first(phantom));
        }
        List<String> missing = acknowledged.stream()
                .filter(tag -> perTag.getOrDefault(tag, 0L) != size.get(tag).longValue())
                .sorted().map(tag -> byTag.get(tag) + " has " + perTag.getOrDefault(tag, 0L)).toList();
        if (!missing.isEmpty()) {
            broken.add(missing.size() + " acknowledged write(s) missing: " + first(missing));
        }
        List<String> dropped = DroppedSignals.sinceTestStart();
        if (!dropped.isEmpty()) {
            broken.add(dropped.size() + " signal(s) dropped; first: " + dropped.get(0));
        }
        String fresh = freshQuery(items);
        if (fresh != null) {
            broken.add(fresh);
        }
        String summary = "[chaos " + t.kind() + "] seed=" + seed + " ops=" + ops + " in " + millis + " ms ("
                + (ops * 1000L / millis) + " ops/s), acknowledged=" + acknowledged.size() + ", rows="
                + perTag.values().stream().mapToLong(Long::longValue).sum() + ", late signals after a cut=" + Cut.late()
                + ", errors=" + errors + (SAMPLES.isEmpty() ? "" : "\n  first messages: " + SAMPLES);
        System.out.println(summary);
        if (!broken.isEmpty()) {
            fail(summary + "\n  replay with -D" + SEED + "=" + seed + "\n  broken invariants:\n  - "
                    + String.join("\n  - ", broken));
        }
    }

    /** @return the model every operation writes: a tag shared by the rows of one operation, and a number */
    private static Model<Instance> items(Resequel db) {
        return db.define("Item", m -> m
                .attribute("tag", DataTypes.STRING)
                .attribute("n", DataTypes.INTEGER)
                .options(o -> o.timestamps(false)));
    }

    static List<Op> plan(Random rnd, int ops) {
        List<Op> plan = new ArrayList<>(ops);
        Kind[] kinds = Kind.values();
        for (int i = 0; i < ops; i++) {
            Kind kind = kinds[rnd.nextInt(kinds.length)];
            String prefix = switch (kind) {
                case HOOK_ERROR -> "hook";
                case TX_BODY_ERROR, TX_HOOK_ERROR -> "fail";
                case TX_COMMIT_ERROR -> "commitfail";
                default -> "ok";
            };
            int rows = switch (kind) {
                case FIND_TAKE, FIND_TIMEOUT -> 0;
                case SAVE, SAVE_CANCELLED, HOOK_ERROR -> 1;
                case BULK, BULK_CUT -> 3 + rnd.nextInt(18);
                default -> 2;
            };
            plan.add(new Op(kind, prefix + i, rows, rnd.nextInt(2001), rnd.nextInt(5)));
        }
        return plan;
    }

    private static Mono<Void> run(Resequel db, Model<Instance> items, Op op, Set<String> acknowledged) {
        Runnable ack = () -> acknowledged.add(op.tag());
        long cut = op.cutMicros();
        return switch (op.kind()) {
            case FIND_TAKE -> items.findAll().take(op.cutCount()).then();
            case FIND_TIMEOUT -> Cut.after(items.findAll(), cut).then();
            case SAVE, HOOK_ERROR -> items.create(row(op, 1)).doOnNext(i -> ack.run()).then();
            case SAVE_CANCELLED -> acknowledgeIf(Cut.after(items.create(row(op, 1)), cut), n -> n > 0, ack);
            // The contract: a managed transaction's results reach the caller only after COMMIT, so a value
            // received is an acknowledgement of both rows even when the caller then cancels.
            case TX, TX_ACQUIRE_TIMEOUT, TX_COMMIT_ERROR ->
                    acknowledgeIf(Cut.after(pair(db, items, op, 2), Long.MAX_VALUE), n -> n > 0, ack);
            case TX_CANCELLED -> acknowledgeIf(Cut.after(pair(db, items, op, 2), cut), n -> n > 0, ack);
            case TX_BODY_ERROR -> acknowledgeIf(Cut.after(Flux.from(db.transaction(tx -> items.create(row(op, 1))
                    .then(items.create(row(op, 2)))
                    .then(Mono.error(new UserError("body fails after two writes"))))), Long.MAX_VALUE), n -> n > 0, ack);
            case TX_HOOK_ERROR -> acknowledgeIf(Cut.after(pair(db, items, op, -1), cut), n -> n > 0, ack);
            case BULK -> items.bulkCreate(rows(op)).then(Mono.fromRunnable(ack));
            // acknowledged only when every row came back before the cut
            case BULK_CUT -> acknowledgeIf(op.cutCount() % 2 == 0
                    ? items.bulkCreate(rows(op)).take(op.cutCount()).count()
                    : Cut.after(items.bulkCreate(rows(op)), cut), n -> n == op.rows(), ack);
        };
    }

    /** A managed transaction writing two rows with the op's tag; the second row's {@code n} is given. */
    private static Flux<Instance> pair(Resequel db, Model<Instance> items, Op op, int second) {
        return Flux.from(db.transaction(tx -> items.create(row(op, 1)).then(items.create(row(op, second)))));
    }

    private static Mono<Void> acknowledgeIf(Mono<Long> received, java.util.function.LongPredicate enough,
            Runnable ack) {
        return received.doOnNext(n -> {
            if (enough.test(n)) {
                ack.run();
            }
        }).then();
    }


    private static Map<String, Object> row(Op op, int n) {
        return Map.of("tag", op.tag(), "n", n);
    }

    private static List<Map<String, Object>> rows(Op op) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n = 1; n <= op.rows(); n++) {
            rows.add(row(op, n));
        }
        return rows;
    }

    /**
     * @return the error's class; a library error outside the ResequelException family is marked (the tx module's own
     *         exceptions, which cannot extend it, separately), with its first message kept in {@link #SAMPLES}
     */
    static String classify(Throwable e) {
        String key = e instanceof UserError || e instanceof ResequelException ? e.getClass().getSimpleName()
                : e.getClass().getName().startsWith("io.resequel.") ? "TX " + e.getClass().getSimpleName()
                : "UNTYPED " + e.getClass().getName();
        if (!(e instanceof UserError)) {
            SAMPLES.putIfAbsent(key, String.valueOf(e.getMessage()));
        }
        return key;
    }

    private static Map<String, Long> rowsPerTag(TestDb t) {
        Map<String, Long> perTag = new TreeMap<>();
        t.raw("SELECT " + t.q("tag") + " AS tag, COUNT(*) AS n FROM " + t.q("Items") + " GROUP BY " + t.q("tag"))
                .doOnNext(r -> perTag.put(String.valueOf(r.get("tag")), ((Number) r.get("n")).longValue()))
                .blockLast(WAIT);
        return perTag;
    }

    /** @return null when the pool has no acquired connection within 5 s, else its metrics */
    static String awaitNoAcquired(Resequel db) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (db.poolMetrics().acquired() != 0 && System.nanoTime() < deadline) {
            Mono.delay(Duration.ofMillis(20)).block();
        }
        return db.poolMetrics().acquired() == 0 ? null : db.poolMetrics().toString();
    }

    /** MariaDB refreshes INNODB_TRX at most every 100 ms, and a ROLLBACK may still be on its way: poll briefly. */
    static List<String> awaitNoOpenTransaction(TestDb t) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        List<String> open = t.idleInTransaction();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            Mono.delay(Duration.ofMillis(50)).block();
            open = t.idleInTransaction();
        }
        return open;
    }

    /** @return null when a fresh query is answered within a second, else what happened */
    static String freshQuery(Model<Instance> items) {
        long start = System.nanoTime();
        try {
            items.count().block(Duration.ofSeconds(1));
            return null;
        } catch (RuntimeException e) {
            return "a fresh query failed after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + e;
        }
    }

    private static String first(List<String> items) {
        return items.size() <= 10 ? items.toString() : items.subList(0, 10) + " ...";
    }
}
