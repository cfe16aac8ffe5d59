package io.resequel.spring.boot.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.resequel.Resequel;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** Problem details of a concurrent update (409) and of a pool with no free connection (503), on H2. */
@SpringBootTest(classes = ErrorsApp.class, properties = {
    "resequel.url=r2dbc:h2:mem:///spr_errors", "resequel.schema=create",
    "resequel.pool.max-size=1", "resequel.pool.acquire-timeout=300ms"})
class ErrorMappingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ApplicationContext context;

    @Autowired
    Resequel db;

    @Autowired
    ErrorsApp.Gate gate;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToApplicationContext(context).configureClient().responseTimeout(WAIT).build();
        db.model("SprCounter").truncate().block(WAIT);
    }

    @Test
    void aWriteOverAConcurrentUpdateIs409() throws Exception {
        @SuppressWarnings("unchecked")
        Model<Instance> counters = (Model<Instance>) db.model("SprCounter");
        Object id = counters.create(Map.of("value", 1)).block(WAIT).get("id");
        gate.close();
        CompletableFuture<WebTestClient.ResponseSpec> request = CompletableFuture.supplyAsync(
                () -> client.put().uri("/counters/" + id + "/2").exchange());
        gate.loaded.get(30, TimeUnit.SECONDS);
        // another writer updates the row between the request's read and its write
        counters.findByPk(id).flatMap(c -> c.set("value", 5).save()).block(WAIT);
        gate.go.complete(null);
        request.get(30, TimeUnit.SECONDS)
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Concurrent update")
                .jsonPath("$.model").isEqualTo("SprCounter")
                .jsonPath("$.trace").doesNotExist();
        assertThat(counters.findByPk(id).block(WAIT).get("value")).isEqualTo(5);
        // without a concurrent writer the same request succeeds
        client.put().uri("/counters/" + id + "/3").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.value").isEqualTo(3);
    }

    @Test
    void noFreeConnectionWithinTheAcquireTimeoutIs503() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Void> holding = new CompletableFuture<>();
        // a transaction holds the only connection of the pool
        Mono<Object> held = db.transaction(t -> Mono.fromRunnable(() -> holding.complete(null))
                .then(Mono.fromFuture(release)).then(Mono.empty()));
        CompletableFuture<Object> done = held.toFuture();
        holding.join();
        try {
            client.get().uri("/counters/count").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.title").isEqualTo("Database busy")
                    .jsonPath("$.detail").value(d -> assertThat(d.toString()).doesNotContain("SELECT"));
        } finally {
            release.complete(null);
        }
        done.join();
        client.get().uri("/counters/count").exchange().expectStatus().isOk().expectBody(Long.class).isEqualTo(0L);
    }
}
