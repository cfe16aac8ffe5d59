package io.resequel.examples.webflux;

import io.resequel.model.Attribute;
import io.resequel.model.Instance;
import io.resequel.model.Table;
import io.resequel.validation.V;

/** A user; the starter finds this class in the application's package and defines it. */
@Table(name = "spring_blog_users")
public class User extends Instance {
    public static final Attribute<User, String> NAME = Attribute.of("name", String.class,
            a -> a.allowNull(false).validate(V.len(2, 40)));
    public static final Attribute<User, String> EMAIL = Attribute.of("email", String.class,
            a -> a.allowNull(false).unique(true).validate(V.isEmail()));
}
