package io.resequel.examples.webflux;

import io.resequel.model.Attribute;
import io.resequel.model.Instance;
import io.resequel.model.Table;
import io.resequel.validation.V;

/** A user's post. */
@Table(name = "spring_blog_posts")
public class Post extends Instance {
    public static final Attribute<Post, String> TITLE = Attribute.of("title", String.class,
            a -> a.allowNull(false).validate(V.len(1, 100)));
}
