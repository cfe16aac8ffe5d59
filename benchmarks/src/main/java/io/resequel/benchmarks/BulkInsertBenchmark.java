package io.resequel.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * W3: insert 10,000 rows in one transaction with multi-row INSERTs of up to 1,000 rows (the largest batch the
 * bind-parameter limit allows, capped as the ORM caps it). One operation = 10,000 rows; the table is emptied before
 * every operation (outside the measurement) so each insert starts from the same state.
 *
 * <p>Resequel: {@code users.bulkCreate(records)}, which also fetches the generated ids. Baselines: {@link #raw()}
 * fetches the generated ids too (the same work), {@link #rawNoKeys()} only counts rows.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BulkInsertBenchmark extends UsersFixture {

    /** Empties the table before each operation; not measured. */
    @Setup(Level.Invocation)
    public void empty() {
        truncate();
    }

    /** @return the number of instances created */
    @Benchmark
    public long resequel() {
        return users.bulkCreate(records).count().block();
    }

    /** @return the number of generated-key rows the driver reported */
    @Benchmark
    public long raw() {
        return rawInsert(true).count().block();
    }

    /** @return the rows inserted */
    @Benchmark
    public long rawNoKeys() {
        return rawInsert(false).map(Number::longValue).reduce(0L, Long::sum).block();
    }
}
