package com.example.notes;

import io.resequel.model.Attribute;
import io.resequel.model.Instance;
import io.resequel.model.Table;
import io.resequel.validation.V;

/** A note: the typed model class the starter finds in the application's package. */
@Table(name = "notes")
public class Note extends Instance {
    public static final Attribute<Note, String> TITLE = Attribute.of("title", String.class,
            a -> a.allowNull(false).validate(V.len(1, 80)));
}
