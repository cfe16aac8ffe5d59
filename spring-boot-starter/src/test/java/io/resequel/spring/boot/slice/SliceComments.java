package io.resequel.spring.boot.slice;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.spring.boot.ModelDefinitions;
import org.springframework.stereotype.Component;

/** A scanned ModelDefinitions: the slice keeps it. */
@Component
public class SliceComments implements ModelDefinitions {
    @Override
    public void define(Resequel db) {
        db.define("SprSliceComment", m -> m.attribute("text", DataTypes.STRING)
                .options(o -> o.tableName("spr_slice_comments")));
    }
}
