package io.resequel.spring.boot.models;

import io.resequel.model.Attribute;
import io.resequel.model.Instance;
import io.resequel.model.Table;
import io.resequel.validation.V;

/** A typed model the starter's scan finds. */
@Table(name = "spring_authors")
public class SpringAuthor extends Instance {
    public static final Attribute<SpringAuthor, String> NAME = Attribute.of("name", String.class,
            a -> a.allowNull(false).unique(true).validate(V.len(2, 40)));
    public static final Attribute<SpringAuthor, String> SECRET = Attribute.of("secret", String.class);

    public String getName() {
        return get(NAME);
    }
}
