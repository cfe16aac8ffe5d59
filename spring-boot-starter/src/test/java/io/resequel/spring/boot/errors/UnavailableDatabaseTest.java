package io.resequel.spring.boot.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.resequel.Resequel;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Problem details when the database cannot be reached (a PostgreSQL URL whose port refuses connections) and when
 * the pool was closed (the application is stopping): both 503.
 */
@SpringBootTest(classes = ErrorsApp.class, properties = "resequel.schema=none")
@DirtiesContext
class UnavailableDatabaseTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void url(DynamicPropertyRegistry registry) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free now, and nobody listens there once closed
        }
        int closedPort = port;
        registry.add("resequel.url", () -> "r2dbc:postgresql://spr@127.0.0.1:" + closedPort + "/spr");
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    Resequel db;

    @Test
    void aRefusedConnectionAndAClosedPoolAre503() {
        WebTestClient client = WebTestClient.bindToApplicationContext(context).configureClient()
                .responseTimeout(WAIT).build();
        client.get().uri("/counters/count").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Database unavailable")
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).doesNotContain("127.0.0.1"));
        db.close(Duration.ZERO).block(WAIT);
        client.get().uri("/counters/count").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.title").isEqualTo("Shutting down");
    }
}
