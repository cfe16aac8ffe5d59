package io.resequel.benchmarks;

import io.resequel.query.FindOptions;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.sql.Dialect;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;

/**
 * W4 (issue 4): a filtered query run 10,000 times, 16 in flight. One operation = all 10,000 queries; higher ops/s is
 * better. Each query has three conditions ({@code Where.and} of three, which the ORM renders in one pair of
 * parentheses; chained {@code q.where(..).where(..)} nests them), one ORDER BY column and {@code LIMIT 100}:
 *
 * <pre>{@code
 * SELECT id, firstName, lastName, age, email FROM bench_users
 * WHERE (age >= ? AND lastName LIKE ? AND id < ?) ORDER BY age ASC LIMIT ?    -- ? = $1..$4 on PostgreSQL
 * }</pre>
 *
 * {@code bench_users} gets an index on {@code age} for this workload (see {@link #seed()}). The bind values vary per query (age from 20 to 49, {@code 'Last1%'}, id bound from 5,000 to 9,999), so most
 * queries return 100 rows. Resequel: {@code users.findAll(q -> q.where(...).order(...).limit(100)).collectList()};
 * baseline: exactly the SQL text the ORM renders (checked at setup), the same four binds (LIMIT bound as the ORM
 * binds it), rows mapped into {@link UsersFixture.UserRow} and collected per query.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilteredQueryBenchmark extends UsersFixture {

    /** Queries per operation. */
    public static final int QUERIES = 10_000;
    /** The LIMIT of every query. */
    public static final int LIMIT = 100;
    /** The LIKE pattern: Last1, Last10-19, Last100-199, Last1000-1999 (1,111 of 10,000 rows). */
    public static final String PATTERN = "Last1%";

    private String filtered;

    @Override
    protected void seed() {
        seedRows();
        // An index on the ORDER BY column, as a real filtered query would have: each query walks it from age >= ?
        // and stops after 100 matches instead of scanning and sorting the whole table, so the database's share
        // of the time shrinks and the comparison weighs the client side (the part the ORM adds) more. Dropped
        // with the table.
        String index = "CREATE INDEX " + q(TABLE + "_age") + " ON " + q(TABLE) + " (" + q("age") + ")";
        onRaw(c -> Flux.from(c.createStatement(index).execute()).concatMap(r -> r.getRowsUpdated())).blockLast();
        Dialect d = orm.dialect();
        String columns = String.join(", ", q("id"), q("firstName"), q("lastName"), q("age"), q("email"));
        filtered = "SELECT " + columns + " FROM " + q(TABLE)
                + " WHERE (" + q("age") + " >= " + d.placeholder(0)
                + " AND " + q("lastName") + " LIKE " + d.placeholder(1)
                + " AND " + q("id") + " < " + d.placeholder(2)
                + ") ORDER BY " + q("age") + " ASC LIMIT " + d.placeholder(3);
        String orm = users.toSql(q -> query(q, 0)).text();
        if (!orm.equals(filtered)) {
            throw new IllegalStateException("the baseline's SQL differs from the ORM's:\n  raw: " + filtered
                    + "\n  orm: " + orm);
        }
        long a = resequel();
        long b = raw();
        if (a != b || a < QUERIES * (long) LIMIT / 2) {
            throw new IllegalStateException("rows: resequel " + a + ", raw " + b);
        }
    }

    private static int age(int i) {
        return 20 + i % 30;
    }

    private static int idBelow(int i) {
        return 5_000 + (i * 7) % 5_000;
    }

    private static FindOptions.Builder query(FindOptions.Builder q, int i) {
        return q.where(Where.and(
                        Where.where("age", Op.GTE, age(i)),
                        Where.where("lastName", Op.LIKE, PATTERN),
                        Where.where("id", Op.LT, idBelow(i))))
                .order(Order.asc("age"))
                .limit(LIMIT);
    }

    /** @return the total number of rows read (instances built) */
    @Benchmark
    public long resequel() {
        return Flux.range(0, QUERIES)
                .flatMap(i -> users.findAll(q -> query(q, i)).collectList(), CONNECTIONS)
                .map(List::size)
                .reduce(0L, (n, s) -> n + s)
                .block();
    }

    /** @return the total number of rows read (records mapped) */
    @Benchmark
    public long raw() {
        return Flux.range(0, QUERIES)
                .flatMap(i -> onRaw(c -> Flux.from(c.createStatement(filtered)
                                .bind(0, age(i)).bind(1, PATTERN).bind(2, idBelow(i)).bind(3, LIMIT)
                                .execute())
                        .concatMap(r -> r.map(UsersFixture::map))).collectList(), CONNECTIONS)
                .map(List::size)
                .reduce(0L, (n, s) -> n + s)
                .block();
    }

}
