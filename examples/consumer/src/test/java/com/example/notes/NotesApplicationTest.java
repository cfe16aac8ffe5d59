package com.example.notes;

import static org.assertj.core.api.Assertions.assertThat;

import io.resequel.model.Model;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The project a new user writes, built from an empty local repository against the staged artifacts: JSON out of a
 * {@code @RestController}, {@code @Transactional} all or nothing, errors as problem details, health in actuator, and
 * the library versions the BOM pins on the class path (not Spring Boot's older ones).
 */
@SpringBootTest
class NotesApplicationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    Model<Note> notes;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToApplicationContext(context).build();
        notes.truncate().block();
    }

    @Test
    void notesAreWrittenAndListedAsJson() {
        client.post().uri("/notes").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("title", "first"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.title").isEqualTo("first").jsonPath("$.id").isNumber()
                .jsonPath("$.newRecord").doesNotExist();
        client.get().uri("/notes").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].title").isEqualTo("first");
    }

    @Test
    void anInvalidNoteIsAProblemDetailAndATransactionalBatchWritesNothing() {
        client.post().uri("/notes/batch").contentType(MediaType.APPLICATION_JSON).bodyValue(List.of("kept?", ""))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].model").isEqualTo("Note")
                .jsonPath("$.errors[0].attribute").isEqualTo("title")
                .jsonPath("$.trace").doesNotExist();
        assertThat(notes.count().block()).isZero();
        client.post().uri("/notes/batch").contentType(MediaType.APPLICATION_JSON).bodyValue(List.of("a", "b"))
                .exchange().expectStatus().isCreated();
        assertThat(notes.count().block()).isEqualTo(2);
    }

    @Test
    void healthShowsTheDatabase() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.resequel.status").isEqualTo("UP");
    }

    @Test
    void theClassPathHasTheVersionsTheBomPins() {
        assertThat(io.netty.util.Version.identify().get("netty-common").artifactVersion())
                .isEqualTo(System.getProperty("expected.netty"));
        assertThat(reactor.pool.Pool.class.getPackage().getImplementationVersion())
                .isEqualTo(System.getProperty("expected.reactor-pool"));
        assertThat(io.r2dbc.pool.ConnectionPool.class.getPackage().getImplementationVersion())
                .isEqualTo(System.getProperty("expected.r2dbc-pool"));
        assertThat(org.h2.Driver.class.getPackage().getImplementationVersion())
                .isEqualTo(System.getProperty("expected.h2"));
    }
}
