package io.resequel.testkit;

import io.resequel.tx.PoolMetrics;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;

/**
 * Runs a {@link DatabaseTest} once per database named in {@code resequel.test.databases}, each time on a fresh
 * isolated database (H2 in memory, a PostgreSQL schema, a MySQL database), with a {@link TestDb} parameter. After
 * each run it checks that no pooled connection is left acquired, closes every Resequel and drops the database.
 * BlockHound is installed once per JVM.
 */
public final class ResequelExtension implements TestTemplateInvocationContextProvider {

    /** The system property listing the databases, e.g. {@code h2,postgres}. */
    public static final String DATABASES = "resequel.test.databases";

    private static final AtomicBoolean BLOCKHOUND = new AtomicBoolean();
    private static final Duration LEAK_WAIT = Duration.ofSeconds(2);

    static void installBlockHound() {
        if (BLOCKHOUND.compareAndSet(false, true)) {
            BlockHound.install(builder -> builder
                    // Logback writes to the console under a lock: logging is not the library blocking.
                    .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                    .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
                    .blockingMethodCallback(ResequelExtension::onBlockingCall));
        }
    }

    /**
     * Fails on a blocking call, except inside H2 (r2dbc-h2 wraps an in-process engine that is blocking by nature,
     * so every H2 statement "blocks" on whichever thread runs it) and inside class loading and static initializers
     * (reading a jar once; e.g. Jackson's module lookup when {@code Json} is first used, which happens on whichever
     * thread binds the first JSON value, a driver thread when the connection came back from a round trip).
     */
    private static void onBlockingCall(BlockingMethod method) {
        for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
            String c = e.getClassName();
            if (c.startsWith("org.h2.") || c.startsWith("io.r2dbc.h2.")
                    || e.getMethodName().equals("<clinit>")
                    || (c.equals("java.lang.ClassLoader") && (e.getMethodName().startsWith("loadClass")
                    || e.getMethodName().startsWith("getResource")))) {
                return;
            }
        }
        throw new BlockingOperationError(method);
    }

    /** @return the configured database kinds */
    static List<String> kinds() {
        String value = System.getProperty(DATABASES, "h2");
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(DatabaseTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        installBlockHound();
        return kinds().stream().map(Invocation::new);
    }

    /** One run of a test on one database. */
    private static final class Invocation implements TestTemplateInvocationContext {
        private final String kind;

        Invocation(String kind) {
            this.kind = kind;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new PerTest(kind));
        }
    }

    /** Creates the database before the test, checks for leaks and cleans up after it. */
    private static final class PerTest implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PerTest.class);
        private final String kind;

        PerTest(String kind) {
            this.kind = kind;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            Databases.Server server = Databases.server(kind); // skips or fails when the database is unavailable
            Databases.Isolated isolated = server.createIsolated();
            context.getStore(NS).put("isolated", isolated);
            context.getStore(NS).put("db", new TestDb(kind, isolated.url()));
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == TestDb.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            TestDb db = e.getStore(NS).get("db", TestDb.class);
            if (db == null) {
                throw new ParameterResolutionException("no TestDb for " + kind);
            }
            return db;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            TestDb db = context.getStore(NS).remove("db", TestDb.class);
            Databases.Isolated isolated = context.getStore(NS).remove("isolated", Databases.Isolated.class);
            AssertionError leak = null;
            try {
                if (db != null) {
                    leak = leakCheck(db);
                    db.closeAll(Duration.ofSeconds(10));
                }
            } finally {
                if (db != null) {
                    db.dropExtras();
                }
                if (isolated != null) {
                    isolated.drop();
                }
            }
            if (leak != null) {
                throw leak;
            }
        }

        private static AssertionError leakCheck(TestDb db) {
            long deadline = System.nanoTime() + LEAK_WAIT.toNanos();
            while (true) {
                StringBuilder leaks = new StringBuilder();
                List<io.resequel.Resequel> all = db.all();
                for (int i = 0; i < all.size(); i++) {
                    PoolMetrics m = all.get(i).poolMetrics();
                    if (m.acquired() != 0) {
                        leaks.append(i == 0 ? "db()" : "connect() #" + i).append(": ").append(m).append("; ");
                    }
                }
                if (leaks.length() == 0) {
                    return null;
                }
                if (System.nanoTime() > deadline) {
                    return new AssertionError("connection leak on [" + db.kind() + "]: connections still acquired "
                            + LEAK_WAIT.toMillis() + " ms after the test ended: " + leaks);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new AssertionError("interrupted during the leak check");
                }
            }
        }
    }
}
