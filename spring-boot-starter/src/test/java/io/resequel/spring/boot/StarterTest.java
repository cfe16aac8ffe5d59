package io.resequel.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.resequel.Resequel;
import io.resequel.migrate.MigrationSource;
import io.resequel.migrate.Migrator;
import io.resequel.error.PoolClosedException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.error.ValidationException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.spring.boot.models.SpringAuthor;
import io.resequel.spring.boot.models.SpringBook;
import io.resequel.tx.spring.ResequelTransactionManager;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The auto-configuration in a plain application context, on H2 (the same test runs on Boot 4 and Boot 3.5). */
class StarterTest {

    private static final AtomicInteger DB = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResequelAutoConfiguration.class))
            .withUserConfiguration(AppConfig.class)
            .withPropertyValues("resequel.model-packages=io.resequel.spring.boot.models", "resequel.schema=create",
                    "resequel.pool.max-size=3");

    private ApplicationContextRunner h2() {
        return runner.withPropertyValues("resequel.url=r2dbc:h2:mem:///spring_starter_" + DB.incrementAndGet());
    }

    @Configuration(proxyBeanMethods = false)
    static class AppConfig {
        @Bean
        ModelDefinitions associations() {
            return db -> {
                db.model("SpringAuthor").hasMany(db.model("SpringBook"), o -> o.as("books").foreignKey("authorId"));
                db.define("SpringNote", m -> m.attribute("text", DataTypes.STRING));
            };
        }

        @Bean
        Library library(Model<SpringAuthor> authors) {
            return new Library(authors);
        }
    }

    /** A service with a {@code @Transactional} method: both writes commit or neither does. */
    public static class Library {
        private final Model<SpringAuthor> authors;

        Library(Model<SpringAuthor> authors) {
            this.authors = authors;
        }

        @Transactional
        public Mono<Void> addTwo(String first, String second) {
            return authors.create(Map.of("name", first)).then(authors.create(Map.of("name", second))).then();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Instance> Model<T> model(ApplicationContext ctx, Class<T> type) {
        return (Model<T>) ctx.getBeanProvider(ResolvableType.forClassWithGenerics(Model.class, type)).getObject();
    }

    @Test
    void typedModelsAreBeansAndTheSchemaIsCreated() {
        h2().run(ctx -> {
            assertThat(ctx).hasNotFailed();
            Resequel db = ctx.getBean(Resequel.class);
            assertThat(db.poolMetrics().max()).isEqualTo(3);
            Model<SpringAuthor> authors = model(ctx, SpringAuthor.class);
            assertThat(ctx.getBean("springAuthorModel")).isSameAs(authors);
            assertThat(authors).isSameAs(db.model("SpringAuthor"));
            Model<SpringBook> books = model(ctx, SpringBook.class);
            SpringAuthor ann = authors.create(Map.of("name", "Ann")).block(WAIT);
            books.create(Map.of("title", "Waves", "authorId", ann.get("id"))).block(WAIT);
            List<SpringAuthor> read = authors.findAll(q -> q.include(Include.of("books"))).collectList().block(WAIT);
            assertThat(read).hasSize(1);
            assertThat(read.get(0).getName()).isEqualTo("Ann");
            assertThat(read.get(0).toJSON().get("books")).asList().hasSize(1);
            // the dynamic model of the ModelDefinitions bean, its table created by resequel.schema=create
            assertThat(db.model("SpringNote").create(Map.of("text", "hi")).then(db.model("SpringNote").count())
                    .block(WAIT)).isEqualTo(1L);
        });
    }

    @Test
    void transactionalMethodsAndTheOperatorRollBackTogether() {
        h2().run(ctx -> {
            assertThat(ctx.getBean(ReactiveTransactionManager.class)).isInstanceOf(ResequelTransactionManager.class);
            Model<SpringAuthor> authors = model(ctx, SpringAuthor.class);
            Library library = ctx.getBean(Library.class);
            // the second name is too short: the first insert is rolled back with it
            assertThatThrownBy(() -> library.addTwo("Ann", "x").block(WAIT)).isInstanceOf(ValidationException.class);
            assertThat(authors.count().block(WAIT)).isZero();
            library.addTwo("Ann", "Bob").block(WAIT);
            assertThat(authors.count().block(WAIT)).isEqualTo(2L);

            TransactionalOperator operator = ctx.getBean(TransactionalOperator.class);
            Mono<Object> failing = authors.create(Map.of("name", "Cid"))
                    .then(Mono.error(new IllegalStateException("boom")));
            assertThatThrownBy(() -> failing.as(operator::transactional).block(WAIT)).hasMessage("boom");
            assertThat(authors.count().block(WAIT)).isEqualTo(2L);
        });
    }

    @Test
    void springR2dbcPropertiesAreTheFallback() {
        runner.withPropertyValues("spring.r2dbc.url=r2dbc:h2:mem:///spring_fallback_" + DB.incrementAndGet())
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(Resequel.class).dialect().name()).isEqualTo("h2");
                });
        ResequelProperties p = new ResequelProperties();
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.r2dbc.url", "r2dbc:postgresql://localhost:5432/app")
                .withProperty("spring.r2dbc.username", "app").withProperty("spring.r2dbc.password", "p@ss word");
        assertThat(ResequelAutoConfiguration.url(p, env))
                .isEqualTo("r2dbc:postgresql://app:p%40ss%20word@localhost:5432/app");
        p.setUrl("r2dbc:postgresql://own@localhost/app");
        assertThat(ResequelAutoConfiguration.url(p, env)).isEqualTo("r2dbc:postgresql://own@localhost/app");
    }

    @Test
    void schemaMigrateRunsThePendingMigrationsAtStartup() {
        String url = "r2dbc:h2:mem:///spring_migrate_" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        runner.withPropertyValues("resequel.url=" + url, "resequel.schema=migrate",
                "resequel.migrations.location=spring-migrations", "resequel.migrations.table=spring_mig_meta")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    Resequel db = ctx.getBean(Resequel.class);
                    assertThat(db.select("SELECT body FROM spring_mig_notes", o -> { })
                            .map(r -> r.get("BODY") != null ? r.get("BODY") : r.get("body")).collectList()
                            .block(WAIT)).containsExactly("migrated at startup");
                    assertThat(Migrator.builder(db).metaTable("spring_mig_meta")
                            .source(MigrationSource.classpath("spring-migrations")).build().executed().block(WAIT))
                            .containsExactly("V1__spring_create_notes");
                });
    }

    @Test
    void withoutAUrlStartupFailsNamingTheProperty() {
        runner.run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause().hasMessageContaining("resequel.url"));
    }

    @Test
    void healthIsUpWithThePoolState() {
        h2().run(ctx -> {
            Object indicator = ctx.getBean("resequelHealthIndicator");
            // Boot 3 and Boot 4 health types live in different packages: read both through their common shape
            Method health = indicator.getClass().getMethod("health");
            Object result = ((Mono<?>) health.invoke(indicator)).block(WAIT);
            Object status = result.getClass().getMethod("getStatus").invoke(result);
            Map<?, ?> details = (Map<?, ?>) result.getClass().getMethod("getDetails").invoke(result);
            assertThat(status.toString()).isEqualTo("UP");
            assertThat(details.get("database")).isEqualTo("h2");
            assertThat(details.get("max")).isEqualTo(3);
        });
    }

    @Test
    void everyStatementIsAnObservation() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        h2().withBean(ObservationRegistry.class, () -> registry).run(ctx -> {
            Model<SpringAuthor> authors = model(ctx, SpringAuthor.class);
            authors.create(Map.of("name", "Ann")).block(WAIT);
            authors.findAll().collectList().block(WAIT);
            assertThatThrownBy(() -> authors.create(Map.of("name", "Ann")).block(WAIT))
                    .isInstanceOf(UniqueConstraintException.class);
            TestObservationRegistryAssert.assertThat(registry)
                    .hasAnObservation(o -> o.hasNameEqualTo("resequel.query")
                            .hasLowCardinalityKeyValue("model", "SpringAuthor")
                            .hasLowCardinalityKeyValue("operation", "findAll")
                            .hasLowCardinalityKeyValue("dialect", "h2")
                            .hasLowCardinalityKeyValue("outcome", "success")
                            .satisfies(c -> assertThat(((io.micrometer.observation.Observation.Context) c).getHighCardinalityKeyValue("sql").getValue())
                                    .startsWith("SELECT").contains("spring_authors").doesNotContain("Ann")))
                    .hasAnObservation(o -> o.hasNameEqualTo("resequel.query")
                            .hasLowCardinalityKeyValue("operation", "create")
                            .hasLowCardinalityKeyValue("outcome", "error")
                            .hasError())
                    // the schema step at startup ran CREATE TABLE outside any model operation
                    .hasAnObservation(o -> o.hasLowCardinalityKeyValue("model", "none")
                            .hasLowCardinalityKeyValue("operation", "create"));
        });
    }

    @Test
    void aStatementsObservationIsAChildOfTheOneInTheReactorContext() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        h2().withBean(ObservationRegistry.class, () -> registry).run(ctx -> {
            Model<SpringAuthor> authors = model(ctx, SpringAuthor.class);
            io.micrometer.observation.Observation request = io.micrometer.observation.Observation
                    .start("http.server.requests", registry);
            // WebFlux puts the request's observation in the Reactor context under this key
            authors.findAll().contextWrite(c -> c.put("micrometer.observation", request)).collectList().block(WAIT);
            request.stop();
            TestObservationRegistryAssert.assertThat(registry)
                    .hasAnObservation(o -> o.hasNameEqualTo("resequel.query")
                            .hasLowCardinalityKeyValue("operation", "findAll")
                            .hasParentObservationEqualTo(request));
        });
    }

    @Test
    void closingTheContextLetsARunningTransactionFinishThenClosesThePool() throws Exception {
        String url = "r2dbc:h2:mem:///spring_graceful_" + DB.incrementAndGet() + "?options=DB_CLOSE_DELAY=-1";
        java.util.concurrent.CompletableFuture<Long> work = new java.util.concurrent.CompletableFuture<>();
        Resequel[] db = new Resequel[1];
        long[] closedAfter = new long[1];
        runner.withPropertyValues("resequel.url=" + url, "resequel.shutdown-grace=20s").run(ctx -> {
            db[0] = ctx.getBean(Resequel.class);
            Model<SpringAuthor> authors = model(ctx, SpringAuthor.class);
            java.util.concurrent.CountDownLatch firstWritten = new java.util.concurrent.CountDownLatch(1);
            // in flight when the context closes: a transaction that writes, waits 700 ms, writes again
            db[0].transaction(t -> authors.create(Map.of("name", "Ann")).doOnNext(a -> firstWritten.countDown())
                    .then(Mono.delay(Duration.ofMillis(700)))
                    .then(authors.create(Map.of("name", "Bob"))).then(authors.count()))
                    .subscribe(work::complete, work::completeExceptionally);
            assertThat(firstWritten.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            ctx.close();
            closedAfter[0] = (System.nanoTime() - start) / 1_000_000;
            // closed: a new query is refused
            assertThatThrownBy(() -> db[0].authenticate().block(WAIT)).isInstanceOf(PoolClosedException.class);
        });
        // the transaction finished and committed before the pool closed
        assertThat(work.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2L);
        assertThat(closedAfter[0]).isGreaterThanOrEqualTo(300L);
        Resequel reader = Resequel.connect(url);
        try {
            assertThat(reader.select("SELECT COUNT(*) AS c FROM \"spring_authors\"", o -> { })
                    .map(r -> ((Number) r.values().iterator().next()).longValue()).blockFirst(WAIT)).isEqualTo(2L);
        } finally {
            reader.close().block(WAIT);
        }
    }

    @Test
    void closingTheContextClosesResequel() {
        Resequel[] db = new Resequel[1];
        h2().run(ctx -> {
            db[0] = ctx.getBean(Resequel.class);
            db[0].authenticate().block(WAIT);
        });
        assertThatThrownBy(() -> db[0].authenticate().block(WAIT)).isInstanceOf(PoolClosedException.class);
    }
}
