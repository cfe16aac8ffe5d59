package io.resequel.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resequel.error.ValidationException;
import io.resequel.model.Model;
import io.resequel.spring.boot.test.ResequelTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

// tag::slice[]
/** Only Resequel, its transaction manager and the models (no web layer), plus the service under test. */
@ResequelTest(properties = "resequel.schema=create")
@Import(Blog.class)
class BlogSliceTest {

    @Autowired
    Blog blog;

    @Autowired
    Model<User> users;

    @Test
    void anInvalidFirstPostRollsTheNewUserBack() {
        assertThatThrownBy(() -> blog.signUp("Ann", "ann@example.com", "").block())
                .isInstanceOf(ValidationException.class);
        assertThat(users.count().block()).isZero();
        assertThat(blog.signUp("Ann", "ann@example.com", "Hello").block().get(User.NAME)).isEqualTo("Ann");
    }
}
// end::slice[]
