package io.resequel.benchmarks;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Diagnostics for W2 (not part of the target): raw R2DBC lookups that reproduce, one at a time, what
 * {@code findByPk} does differently from the plain baseline of {@link PkLookupBenchmark}, to attribute the gap.
 * The baseline takes the row with {@code Mono.from}, which cancels after the first row, like the ORM's
 * {@code next()}.
 * <ul>
 *   <li>{@link #rawNoCancel()}: the baseline's SQL read to completion ({@code singleOrEmpty}), no cancel;</li>
 *   <li>{@link #rawBoundLimitNext()}: the ORM's SQL, {@code ... WHERE id = $1 LIMIT $2} with the limit bound to
 *   1, first row taken with {@code next()} as {@code Finder.findOne} does.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PkLookupDiagnostics extends UsersFixture {

    private Integer[] ids;
    private String selectByPkLimit;

    @Override
    protected void seed() {
        seedRows();
        List<Integer> all = onRaw(c -> Flux.from(c.createStatement("SELECT " + q("id") + " FROM " + q(TABLE))
                .execute()).concatMap(r -> r.map((row, m) -> row.get(0, Integer.class))))
                .collectList().block(Duration.ofMinutes(1));
        Collections.shuffle(all, new Random(42));
        ids = all.toArray(new Integer[0]);
        selectByPkLimit = selectByPk + " LIMIT " + orm.dialect().placeholder(1);
    }

    /** @return rows found; the baseline's SQL, read to completion (no cancel) */
    @Benchmark
    public long rawNoCancel() {
        return Flux.range(0, ids.length)
                .flatMap(i -> onRaw(c -> Flux.from(c.createStatement(selectByPk).bind(0, ids[i]).execute())
                        .concatMap(r -> r.map(UsersFixture::map))).singleOrEmpty(), CONNECTIONS)
                .count().block();
    }

    /** @return rows found; the ORM's SQL with the bound LIMIT, first row taken with {@code next()} */
    @Benchmark
    public long rawBoundLimitNext() {
        return Flux.range(0, ids.length)
                .flatMap(i -> onRaw(c -> Flux.from(c.createStatement(selectByPkLimit)
                        .bind(0, ids[i]).bind(1, 1).execute())
                        .concatMap(r -> r.map(UsersFixture::map))).next(), CONNECTIONS)
                .count().block();
    }
}
