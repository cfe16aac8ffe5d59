package io.resequel.spring.boot.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.resequel.model.Model;
import io.resequel.spring.boot.models.SpringAuthor;
import io.resequel.spring.boot.models.SpringBook;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** JSON of instances and problem details of errors through WebFlux, with only the starter configured. */
@SpringBootTest(classes = WebApp.class, properties = {
    "resequel.url=r2dbc:h2:mem:///spring_webapp", "resequel.schema=create",
    "resequel.model-packages=io.resequel.spring.boot.models"})
class WebAppTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    Model<SpringAuthor> authors;

    @Autowired
    Model<SpringBook> books;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToApplicationContext(context).build();
        books.truncate().then(authors.destroy(io.resequel.query.Where.and())).block();
    }

    @Test
    void instancesAreWrittenAsTheirJsonWithIncludesAndWithoutExcludedAttributes() {
        SpringAuthor ann = authors.create(Map.of("name", "Ann", "secret", "s3")).block();
        books.create(Map.of("title", "Waves", "authorId", ann.get("id"))).block();
        client.get().uri("/authors").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].name").isEqualTo("Ann")
                .jsonPath("$[0].books[0].title").isEqualTo("Waves")
                .jsonPath("$[0].secret").doesNotExist()
                .jsonPath("$[0].newRecord").doesNotExist();
    }

    @Test
    void validationErrorsAre400WithTheirItems() {
        client.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.errors[0].model").isEqualTo("SpringAuthor")
                .jsonPath("$.errors[0].attribute").isEqualTo("name")
                .jsonPath("$.errors[0].message").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void uniqueViolationsAre409AndMissingRows404() {
        authors.create(Map.of("name", "Ann")).block();
        client.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Ann"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.fields[0]").isEqualTo("name")
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).doesNotContain("Ann"));
        client.get().uri("/authors/999999").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.title").isEqualTo("Not found");
    }
}
