package io.resequel.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.resequel.Resequel;
import io.resequel.model.Model;
import io.resequel.query.Where;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The example service through HTTP; each subclass runs it on one database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BlogTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    Resequel db;

    @Autowired
    Model<User> users;

    @Autowired
    Model<Post> posts;

    WebTestClient client;

    @BeforeEach
    void clean() {
        client = WebTestClient.bindToApplicationContext(context).build();
        posts.destroy(Where.and()).then(users.destroy(Where.and())).block();
    }

    @AfterAll
    void dropTables() {
        db.drop().block();
    }

    private WebTestClient.ResponseSpec signUp(String name, String email, String firstPost) {
        return client.post().uri("/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name, "email", email, "firstPost", firstPost)).exchange();
    }

    @Test
    void aUserIsCreatedWithAFirstPostAndListedWithItsPosts() {
        signUp("Ann", "ann@example.com", "Hello").expectStatus().isCreated()
                .expectBody().jsonPath("$.name").isEqualTo("Ann").jsonPath("$.newRecord").doesNotExist();
        client.get().uri("/users").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].email").isEqualTo("ann@example.com")
                .jsonPath("$[0].posts[0].title").isEqualTo("Hello");
    }

    @Test
    void anInvalidFirstPostRollsTheUserBack() {
        signUp("Ann", "ann@example.com", "").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].model").isEqualTo("Post")
                .jsonPath("$.errors[0].attribute").isEqualTo("title")
                .jsonPath("$.trace").doesNotExist();
        // the user was inserted first, in the same @Transactional method: gone with the post
        assertThat(users.count().block()).isZero();
    }

    @Test
    void invalidAndDuplicateEmailsAre400And409() {
        signUp("Ann", "not-an-email", "Hello").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].attribute").isEqualTo("email");
        signUp("Ann", "ann@example.com", "Hello").expectStatus().isCreated();
        signUp("Bob", "ann@example.com", "Hi").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.fields[0]").isEqualTo("email");
        assertThat(users.count().block()).isEqualTo(1L);
    }

    @Test
    void aMissingUserIs404() {
        client.get().uri("/users/999999").exchange().expectStatus().isNotFound();
        client.post().uri("/users/999999/posts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Lost")).exchange().expectStatus().isNotFound();
        assertThat(posts.count().block()).isZero();
    }

    @Test
    void healthAndQueryMetricsAreInTheActuator() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.resequel.status").isEqualTo("UP")
                .jsonPath("$.components.resequel.details.database").isEqualTo(db.dialect().name());
        client.get().uri("/users").exchange().expectStatus().isOk();
        client.get().uri("/actuator/metrics/resequel.query?tag=operation:findAll&tag=model:User").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.measurements[?(@.statistic == 'COUNT')].value").value(v ->
                        assertThat(v.toString()).doesNotContain("[0.0]"));
    }
}
