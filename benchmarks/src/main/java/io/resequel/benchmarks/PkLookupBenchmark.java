package io.resequel.benchmarks;

import io.resequel.Resequel;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.tx.PoolOptions;
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
 * W2: 10,000 primary-key lookups (every id once, in a fixed shuffled order), 16 in flight. One operation = all
 * 10,000 lookups. Resequel: {@code flatMap(i -> users.findByPk(id), 16)}; baseline: the same with a bound
 * {@code SELECT ... WHERE id = $1/?}, each lookup on its own pooled connection.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PkLookupBenchmark extends UsersFixture {

    private Integer[] ids;
    /** A second Resequel on the same database with coalesced lookups ({@code coalesceLookups()}), same pool size. */
    private Resequel coalescing;
    private Model<Instance> coalescedUsers;

    @Override
    protected void seed() {
        seedRows();
        List<Integer> all = onRaw(c -> Flux.from(c.createStatement("SELECT " + q("id") + " FROM " + q(TABLE))
                .execute()).concatMap(r -> r.map((row, m) -> row.get(0, Integer.class))))
                .collectList().block(Duration.ofMinutes(1));
        Collections.shuffle(all, new Random(42));
        ids = all.toArray(new Integer[0]);
        coalescing = Resequel.builder().url(url()).coalesceLookups()
                .pool(PoolOptions.builder().max(CONNECTIONS).min(CONNECTIONS).build()).build();
        coalescedUsers = defineUsers(coalescing);
        long found = resequel();
        if (found != ROWS || raw() != ROWS || resequelCoalesced() != ROWS) {
            throw new IllegalStateException("lookups found " + found + " rows, expected " + ROWS);
        }
    }

    /** @return how many rows were found */
    @Benchmark
    public long resequel() {
        return Flux.range(0, ids.length)
                .flatMap(i -> users.findByPk(ids[i]), CONNECTIONS)
                .count().block();
    }

    /** @return how many rows were found: the same lookups, coalesced into {@code IN (...)} queries */
    @Benchmark
    public long resequelCoalesced() {
        return Flux.range(0, ids.length)
                .flatMap(i -> coalescedUsers.findByPk(ids[i]), CONNECTIONS)
                .count().block();
    }

    @Override
    protected void cleanup() {
        if (coalescing != null) {
            coalescing.close().block(Duration.ofMinutes(1));
        }
    }

    /** @return how many rows were found */
    @Benchmark
    public long raw() {
        return Flux.range(0, ids.length)
                .flatMap(i -> Mono.from(onRaw(c -> Flux.from(c.createStatement(selectByPk).bind(0, ids[i]).execute())
                        .concatMap(r -> r.map(UsersFixture::map)))), CONNECTIONS)
                .count().block();
    }

}
