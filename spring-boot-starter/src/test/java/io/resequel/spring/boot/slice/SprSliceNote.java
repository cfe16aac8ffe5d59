package io.resequel.spring.boot.slice;

import io.resequel.model.Attribute;
import io.resequel.model.Instance;
import io.resequel.model.Table;
import io.resequel.validation.V;

/** A typed model found in the application's package. */
@Table(name = "spr_slice_notes")
public class SprSliceNote extends Instance {
    public static final Attribute<SprSliceNote, String> BODY = Attribute.of("body", String.class,
            a -> a.allowNull(false).validate(V.len(2, 40)));
}
