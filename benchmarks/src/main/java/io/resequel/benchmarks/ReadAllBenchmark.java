package io.resequel.benchmarks;

import io.resequel.model.Instance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;

/**
 * W1: read all 10,000 rows of the 5-column table. One operation = one full read; higher ops/s is better.
 * Resequel: {@code users.findAll().collectList()}; baseline: the same SELECT mapped into {@link UsersFixture.UserRow}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReadAllBenchmark extends UsersFixture {

    @Override
    protected void seed() {
        seedRows();
        int n = users.findAll().collectList().block(Duration.ofMinutes(1)).size();
        if (n != ROWS) {
            throw new IllegalStateException("findAll returned " + n + " rows");
        }
    }

    /** @return the model instances */
    @Benchmark
    public List<Instance> resequel() {
        return users.findAll().collectList().block();
    }

    /** @return the rows as records */
    @Benchmark
    public List<UserRow> raw() {
        return onRaw(c -> Flux.from(c.createStatement(selectAll).execute())
                .concatMap(r -> r.map(UsersFixture::map)))
                .collectList().block();
    }
}
