package io.resequel.spring.boot.models;

import io.resequel.model.Attribute;
import io.resequel.model.Instance;
import io.resequel.model.Table;

/** A typed model the starter's scan finds; associated to {@link SpringAuthor} by a ModelDefinitions bean. */
@Table(name = "spring_books")
public class SpringBook extends Instance {
    public static final Attribute<SpringBook, String> TITLE = Attribute.of("title", String.class,
            a -> a.allowNull(false));
}
