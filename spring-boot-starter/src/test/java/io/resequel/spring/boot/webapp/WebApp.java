package io.resequel.spring.boot.webapp;

import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.spring.boot.ModelDefinitions;
import io.resequel.spring.boot.models.SpringAuthor;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A WebFlux application using only the starter. */
@SpringBootApplication
public class WebApp {

    @Bean
    ModelDefinitions associations() {
        return db -> db.model("SpringAuthor").hasMany(db.model("SpringBook"), o -> o.as("books").foreignKey("authorId"));
    }

    /** Authors with their books. */
    @RestController
    static class Authors {
        private final Model<SpringAuthor> authors;

        Authors(Model<SpringAuthor> authors) {
            this.authors = authors;
        }

        @GetMapping("/authors")
        Flux<SpringAuthor> list() {
            return authors.findAll(q -> q.exclude("secret").include(Include.of("books")));
        }

        @GetMapping("/authors/{id}")
        Mono<SpringAuthor> one(@PathVariable long id) {
            return authors.findByPk(id, q -> q.rejectOnEmpty(true));
        }

        @PostMapping("/authors")
        Mono<SpringAuthor> create(@RequestBody Map<String, Object> body) {
            return authors.create(body);
        }
    }
}
