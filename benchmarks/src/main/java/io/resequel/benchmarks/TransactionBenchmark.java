package io.resequel.benchmarks;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SyncOptions;
import io.resequel.query.Where;
import io.resequel.sql.Dialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * W5 (issue 6): 2,000 transactions, 8 in flight; each selects one {@code bench_accounts} row by id, adds 1 to its
 * balance and commits. One operation = 2,000 transactions over 2,000 distinct accounts (shuffled, so no two
 * transactions in flight touch the same row); higher ops/s is better.
 *
 * <ul>
 *   <li>{@link #resequel()}: {@code db.transaction(t -> accounts.findByPk(id).flatMap(a -> a.increment("balance", 1)))}
 *   on the ORM's r2dbc-pool (16 connections);</li>
 *   <li>{@link #raw()}: acquire from a plain r2dbc-pool with the same settings, {@code beginTransaction()}, the same
 *   SELECT and {@code UPDATE ... SET balance = balance + ? WHERE id = ?} text as the ORM (checked at setup), commit
 *   (rollback on error), release;</li>
 *   <li>{@link #rawFixed()}: the same transaction on 8 connections opened once without a pool, one lane of 250
 *   sequential transactions per connection: the difference to {@link #raw()} is the pool's overhead.</li>
 * </ul>
 * The table is {@code bench_accounts} (not {@code accounts}) so runs do not collide with test suites.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransactionBenchmark extends UsersFixture {

    /** Transactions per operation (and accounts in the table). */
    public static final int TRANSACTIONS = 2_000;
    /** Transactions in flight. */
    public static final int IN_FLIGHT = 8;
    /** The table. */
    public static final String ACCOUNTS = "bench_accounts";

    private Model<Instance> accounts;
    private Integer[] ids;
    private String select;
    private String update;
    private List<Connection> fixed;

    @Override
    protected void seed() {
        accounts = orm.define("Account", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("balance", DataTypes.INTEGER)
                .options(o -> o.timestamps(false).tableName(ACCOUNTS)));
        orm.sync(accounts, SyncOptions.force()).block(Duration.ofMinutes(1));
        List<Map<String, Object>> rows = new ArrayList<>(TRANSACTIONS);
        for (int i = 0; i < TRANSACTIONS; i++) {
            rows.add(Map.of("balance", 0));
        }
        accounts.bulkCreate(rows).blockLast(Duration.ofMinutes(1));
        List<Integer> all = onRaw(c -> Flux.from(c.createStatement("SELECT " + q("id") + " FROM " + q(ACCOUNTS))
                .execute()).concatMap(r -> r.map((row, m) -> row.get(0, Integer.class))))
                .collectList().block(Duration.ofMinutes(1));
        if (all.size() != TRANSACTIONS) {
            throw new IllegalStateException("seeded " + all.size() + " accounts");
        }
        Collections.shuffle(all, new Random(42));
        ids = all.toArray(new Integer[0]);

        Dialect d = orm.dialect();
        select = "SELECT " + q("id") + ", " + q("balance") + " FROM " + q(ACCOUNTS) + " WHERE " + q("id") + " = "
                + d.placeholder(0);
        update = "UPDATE " + q(ACCOUNTS) + " SET " + q("balance") + " = " + q("balance") + " + " + d.placeholder(0)
                + " WHERE " + q("id") + " = " + d.placeholder(1);
        String ormSelect = accounts.toSql(q -> q.where("id", 1)).text();
        AttributeDefinition balance = accounts.definition().attribute("balance");
        String ormUpdate = orm.planner().increment(accounts.definition(), Map.of(balance, 1), Map.of(),
                Where.eq("id", 1)).text();
        if (!ormSelect.equals(select) || !ormUpdate.equals(update)) {
            throw new IllegalStateException("the baseline's SQL differs from the ORM's:\n  raw: " + select + "\n  orm: "
                    + ormSelect + "\n  raw: " + update + "\n  orm: " + ormUpdate);
        }

        ConnectionFactoryOptions options = d.configure(ConnectionFactoryOptions.parse(url(database)));
        var factory = ConnectionFactories.get(options);
        fixed = Flux.range(0, IN_FLIGHT).flatMap(i -> Mono.<Connection>from(factory.create()), IN_FLIGHT)
                .collectList().block(Duration.ofMinutes(1));

        long a = resequel();
        long b = raw();
        long c = rawFixed();
        if (a != TRANSACTIONS || b != TRANSACTIONS || c != TRANSACTIONS) {
            throw new IllegalStateException("transactions: resequel " + a + ", raw " + b + ", rawFixed " + c);
        }
        Number sum = (Number) onRaw(conn -> Flux.from(conn.createStatement("SELECT SUM(" + q("balance") + ") FROM "
                + q(ACCOUNTS)).execute()).concatMap(r -> r.map((row, m) -> row.get(0)))).blockLast();
        if (sum.longValue() != 3L * TRANSACTIONS) {
            throw new IllegalStateException("balance sum " + sum + ", expected " + 3 * TRANSACTIONS);
        }
    }

    @Override
    protected void cleanup() {
        try {
            if (fixed != null) {
                Flux.fromIterable(fixed).flatMap(Connection::close).blockLast(Duration.ofMinutes(1));
            }
        } finally {
            if (accounts != null) {
                orm.drop(accounts).block(Duration.ofMinutes(1));
            }
        }
    }

    /** @return the number of transactions committed */
    @Benchmark
    public long resequel() {
        return Flux.range(0, TRANSACTIONS)
                .flatMap(i -> orm.transaction(t -> accounts.findByPk(ids[i]).flatMap(a -> a.increment("balance", 1))),
                        IN_FLIGHT)
                .count().block();
    }

    /** @return the number of transactions committed, each on a connection from the plain r2dbc-pool */
    @Benchmark
    public long raw() {
        return Flux.range(0, TRANSACTIONS)
                .flatMap(i -> onRaw(c -> transaction(c, ids[i])), IN_FLIGHT)
                .count().block();
    }

    /** @return the number of transactions committed on 8 fixed connections (no pool), one lane per connection */
    @Benchmark
    public long rawFixed() {
        int perLane = TRANSACTIONS / IN_FLIGHT;
        return Flux.range(0, IN_FLIGHT)
                .flatMap(lane -> Flux.range(lane * perLane, perLane)
                        .concatMap(i -> transaction(fixed.get(lane), ids[i])), IN_FLIGHT)
                .count().block();
    }

    /** BEGIN; SELECT the row; UPDATE its balance; COMMIT (ROLLBACK on error). Emits the row's id. */
    private Mono<Integer> transaction(Connection c, Integer id) {
        return Mono.from(c.beginTransaction())
                .then(Flux.from(c.createStatement(select).bind(0, id).execute())
                        .concatMap(r -> r.map((row, m) -> new AccountRow(row.get(0, Integer.class),
                                row.get(1, Integer.class))))
                        .singleOrEmpty())
                .flatMap(a -> Flux.from(c.createStatement(update).bind(0, 1).bind(1, a.id()).execute())
                        .concatMap(r -> r.getRowsUpdated()).then(Mono.just(a.id())))
                .flatMap(n -> Mono.from(c.commitTransaction()).thenReturn(n))
                .onErrorResume(e -> Mono.from(c.rollbackTransaction()).then(Mono.error(e)));
    }

    /**
     * The baseline's row type.
     *
     * @param id      primary key
     * @param balance balance
     */
    public record AccountRow(Integer id, Integer balance) {
    }
}
