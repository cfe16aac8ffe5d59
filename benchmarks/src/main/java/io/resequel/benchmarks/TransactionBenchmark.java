package io.resequel.benchmarks;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SyncOptions;
import io.resequel.query.Where;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * W5: 2,000 transactions, each selecting one {@code accounts} row, updating it and committing, 8 in flight; Resequel's
 * managed transactions against hand-written R2DBC doing the same over r2dbc-pool, and over 8 fixed connections (the
 * pool's own overhead). The database comes from {@code -Dresequel.bench.url} (default in-memory H2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class TransactionBenchmark {

    static final int TRANSACTIONS = 2000;
    static final int IN_FLIGHT = 8;
    static final int ROWS = 1000;

    @Param({"default"})
    public String db;

    private String url;
    private Resequel resequel;
    private Model<Instance> accounts;
    private ConnectionPool pool;
    private BlockingQueue<Connection> fixed;
    private String select;
    private String update;

    @Setup(Level.Trial)
    public void setUp() {
        url = System.getProperty("resequel.bench.url", "r2dbc:h2:mem:///w5?options=DB_CLOSE_DELAY=-1");
        resequel = Resequel.builder().url(url).pool(p -> p.max(IN_FLIGHT)).build();
        accounts = resequel.define("Account", s -> s.attribute("balance", DataTypes.INTEGER)
                .options(o -> o.timestamps(false).tableName("accounts")));
        resequel.sync(SyncOptions.force()).block();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(Map.of("balance", 0));
        }
        accounts.bulkCreate(rows).blockLast();
        boolean mysql = url.startsWith("r2dbc:mysql") || url.startsWith("r2dbc:mariadb");
        String q = mysql ? "`" : "\"";
        String p = mysql ? "?" : "$1";
        select = "SELECT " + q + "id" + q + ", " + q + "balance" + q + " FROM " + q + "accounts" + q + " WHERE "
                + q + "id" + q + " = " + p;
        update = "UPDATE " + q + "accounts" + q + " SET " + q + "balance" + q + " = " + q + "balance" + q
                + " + 1 WHERE " + q + "id" + q + " = " + p;
        ConnectionFactory factory = ConnectionFactories.get(resequel.dialect().configure(
                io.r2dbc.spi.ConnectionFactoryOptions.parse(url)));
        pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory).maxSize(IN_FLIGHT).build());
        fixed = new ArrayBlockingQueue<>(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            fixed.add(Mono.from(factory.create()).block());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Flux.fromIterable(fixed).concatMap(Connection::close).blockLast();
        pool.disposeLater().onErrorResume(e -> Mono.empty()).block();
        resequel.drop().then(resequel.close()).block();
    }

    private static int id(int i) {
        return i % ROWS + 1;
    }

    /** Resequel: a managed transaction around findByPk and an increment. */
    @Benchmark
    public Long resequel() {
        return Flux.range(0, TRANSACTIONS)
                .flatMap(i -> resequel.transaction(tx -> accounts.findByPk(id(i))
                        .flatMap(a -> accounts.increment(Map.of("balance", 1), Where.eq("id", a.get("id"))))), IN_FLIGHT)
                .count().block(Duration.ofMinutes(5));
    }

    /** Hand-written R2DBC over r2dbc-pool. */
    @Benchmark
    public Long rawPooled() {
        return Flux.range(0, TRANSACTIONS)
                .flatMap(i -> Flux.usingWhen(pool.create(), c -> work(c, id(i)), Connection::close), IN_FLIGHT)
                .count().block(Duration.ofMinutes(5));
    }

    /** Hand-written R2DBC over 8 fixed connections: the pool's own cost is the difference to {@link #rawPooled}. */
    @Benchmark
    public Long rawFixed() {
        return Flux.range(0, TRANSACTIONS)
                .flatMap(i -> Flux.usingWhen(Mono.fromCallable(fixed::poll), c -> work(c, id(i)),
                        c -> Mono.fromRunnable(() -> fixed.add(c))), IN_FLIGHT)
                .count().block(Duration.ofMinutes(5));
    }

    private Mono<Long> work(Connection c, int id) {
        return Mono.from(c.beginTransaction())
                .then(Flux.from(c.createStatement(select).bind(0, id).execute())
                        .concatMap(r -> r.map((row, m) -> row.get(0))).next())
                .flatMap(found -> Flux.from(c.createStatement(update).bind(0, found).execute())
                        .concatMap(r -> r.getRowsUpdated()).reduce(0L, Long::sum))
                .flatMap(n -> Mono.from(c.commitTransaction()).thenReturn(n))
                .onErrorResume(e -> Mono.from(c.rollbackTransaction()).then(Mono.error(e)));
    }
}
