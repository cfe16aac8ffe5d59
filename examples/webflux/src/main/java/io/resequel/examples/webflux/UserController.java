package io.resequel.examples.webflux;

import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Users and their posts as JSON; Resequel's errors become problem details through the starter. */
@RestController
public class UserController {

    private final Model<User> users;
    private final Model<Post> posts;
    private final Blog blog;

    UserController(Model<User> users, Model<Post> posts, Blog blog) {
        this.users = users;
        this.posts = posts;
        this.blog = blog;
    }

    // tag::controller[]
    @GetMapping("/users")
    Flux<User> list() {
        return users.findAll(q -> q.include(Include.of("posts")).order(Order.asc("id")));
    }
    // end::controller[]

    @GetMapping("/users/{id}")
    Mono<User> one(@PathVariable long id) {
        return users.findByPk(id, q -> q.include(Include.of("posts")).rejectOnEmpty(true));
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<User> signUp(@RequestBody Map<String, String> body) {
        return blog.signUp(body.get("name"), body.get("email"), body.get("firstPost"));
    }

    @PostMapping("/users/{id}/posts")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Post> write(@PathVariable long id, @RequestBody Map<String, String> body) {
        return users.findByPk(id, q -> q.rejectOnEmpty(true))
                .flatMap(u -> posts.create(Map.of("title", body.get("title"), "userId", id)));
    }
}
