package io.resequel.examples.webflux;

import io.resequel.model.Model;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/** Writes that belong together. */
@Service
public class Blog {

    private final Model<User> users;
    private final Model<Post> posts;

    Blog(Model<User> users, Model<Post> posts) {
        this.users = users;
        this.posts = posts;
    }

    /**
     * Creates a user with a first post in one transaction: if the post is not valid, the user is not kept either.
     *
     * @param name  the user's name
     * @param email the user's email
     * @param title the first post's title
     * @return the user
     */
    @Transactional
    public Mono<User> signUp(String name, String email, String title) {
        return users.create(Map.of("name", name, "email", email))
                .flatMap(u -> posts.create(Map.of("title", title, "userId", u.get("id"))).thenReturn(u));
    }
}
