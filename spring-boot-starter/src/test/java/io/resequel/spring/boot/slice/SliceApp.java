package io.resequel.spring.boot.slice;

import io.resequel.model.DataTypes;
import io.resequel.spring.boot.ModelDefinitions;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The application a {@code @ResequelTest} in this package finds: its typed model is {@link SprSliceNote}, its scanned
 * components {@link SliceComments} (kept by the slice) and {@link SliceMailer} (left out).
 */
@SpringBootApplication
public class SliceApp {

    /** A bean method of the configuration class: always kept. */
    @Bean
    ModelDefinitions tags() {
        return db -> db.define("SprSliceTag", m -> m.attribute("label", DataTypes.STRING)
                .options(o -> o.tableName("spr_slice_tags")));
    }
}
