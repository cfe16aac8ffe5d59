package io.resequel.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.resequel.Resequel;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.SyncOptions;
import io.resequel.sql.Dialect;
import io.resequel.tx.PoolOptions;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import reactor.core.publisher.Mono;

/**
 * Streaming memory proof (W6): 100,000 authors × 10 books = 1,000,000 joined rows read with
 * {@code authors.findAll(q -> q.include(Include.of(authorBooks))).limitRate(100)}, counting roots and books, in a
 * small heap. Run with
 *
 * <pre>{@code
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar io.resequel.benchmarks.StreamMillion postgres mysql
 * }</pre>
 *
 * (arguments: the databases, default {@code postgres mysql}; {@code -Dauthors=N} changes the number of authors). The
 * fixture ({@link Library}'s {@code bench_authors} and {@code bench_books}) is inserted by hand-written multi-row
 * INSERTs and dropped afterwards. Prints the time, rows/s and heap figures: the largest heap in use sampled every
 * 5 ms (live data plus garbage not yet collected) and the largest heap left after any GC (the live set: what the
 * stream holds on to).
 */
public final class StreamMillion {

    private static final AtomicLong MAX_SAMPLED = new AtomicLong();
    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();
    private static final AtomicLong GCS = new AtomicLong();

    private StreamMillion() {
    }

    public static void main(String[] args) throws Exception {
        int authors = Integer.getInteger("authors", 100_000);
        List<String> databases = args.length == 0 ? List.of("postgres", "mysql") : List.of(args);
        listenToGc();
        Thread sampler = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (true) {
                MAX_SAMPLED.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        System.out.printf("JVM %s, max heap %d MiB, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        for (String db : databases) {
            run(db, authors);
        }
    }

    private static void run(String database, int nAuthors) {
        String url = UsersFixture.url(database);
        Resequel orm = Resequel.builder().url(url).pool(PoolOptions.builder().max(4).min(1).build()).build();
        Library lib = new Library(orm);
        List<Model<?>> tables = List.of(lib.authors, lib.books);
        Dialect d = orm.dialect();
        ConnectionFactoryOptions options = d.configure(ConnectionFactoryOptions.parse(url));
        try {
            orm.schema().sync(tables, SyncOptions.force()).block(Duration.ofMinutes(1));
            int nBooks = nAuthors * 10;
            long t0 = System.nanoTime();
            long inserted = Mono.usingWhen(Mono.<Connection>from(ConnectionFactories.get(options).create()),
                    c -> Library.insert(c, d, Library.AUTHORS, List.of("id", "name"), nAuthors,
                                    (i, k) -> k == 0 ? i + 1 : "Author " + i)
                            .flatMap(a -> Library.insert(c, d, Library.BOOKS,
                                    List.of("id", "title", "authorId", "pages"), nBooks, (i, k) -> switch (k) {
                                        case 0 -> i + 1;
                                        case 1 -> "Book " + i;
                                        case 2 -> i / 10 + 1;
                                        default -> 100 + i % 400;
                                    }).map(b -> a + b)),
                    Connection::close).block(Duration.ofMinutes(30));
            double insertS = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%n[%s] inserted %,d rows (%,d authors, %,d books) in %.1f s%n", database, inserted,
                    nAuthors, nBooks, insertS);
            orm.authenticate().block(Duration.ofMinutes(1));

            System.gc();
            long before = used();
            resetPeaks();
            AtomicLong roots = new AtomicLong();
            AtomicLong books = new AtomicLong();
            long t1 = System.nanoTime();
            lib.authors.findAll(q -> q.include(Include.of(lib.authorBooks)))
                    .limitRate(100)
                    .doOnNext(a -> {
                        roots.incrementAndGet();
                        books.addAndGet(a.getMany("books", Instance.class).size());
                    })
                    .then().block(Duration.ofMinutes(30));
            double s = (System.nanoTime() - t1) / 1e9;
            long poolPeaks = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    poolPeaks += p.getPeakUsage().getUsed();
                }
            }
            System.out.printf("[%s] streamed %,d roots with %,d books (%,d joined rows) in %.2f s: %,.0f rows/s,"
                            + " %,.0f roots/s%n", database, roots.get(), books.get(), books.get(), s,
                    books.get() / s, roots.get() / s);
            System.out.printf("[%s] heap: %.1f MiB used before (after System.gc()); during the stream: max sampled"
                            + " %.1f MiB, max after a GC %.1f MiB (%d GCs), sum of heap pools' peaks %.1f MiB;"
                            + " max heap %d MiB%n", database, mib(before), mib(MAX_SAMPLED.get()),
                    mib(MAX_AFTER_GC.get()), GCS.get(), mib(poolPeaks), Runtime.getRuntime().maxMemory() >> 20);
            if (roots.get() != nAuthors || books.get() != nBooks) {
                throw new IllegalStateException("expected " + nAuthors + " roots and " + nBooks + " books");
            }
        } finally {
            try {
                orm.schema().drop(tables).block(Duration.ofMinutes(1));
            } finally {
                orm.close().block(Duration.ofMinutes(1));
            }
        }
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        MAX_SAMPLED.set(used());
        MAX_AFTER_GC.set(0);
        GCS.set(0);
    }

    /** Records the heap left after each collection. */
    private static void listenToGc() {
        List<GarbageCollectorMXBean> gcs = new ArrayList<>(ManagementFactory.getGarbageCollectorMXBeans());
        for (GarbageCollectorMXBean gc : gcs) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long after = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(e.getKey())) {
                        after += e.getValue().getUsed();
                    }
                }
                MAX_AFTER_GC.accumulateAndGet(after, Math::max);
                GCS.incrementAndGet();
            }, null, null);
        }
    }

    private static boolean isHeap(String pool) {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(pool)) {
                return p.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }
}
