package io.resequel.spring.boot.slice;

import io.resequel.model.DataTypes;
import io.resequel.spring.boot.ModelDefinitions;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/** The application a {@code @ResequelTest} in this package finds: its typed model is {@link SprSliceNote}. */
@SpringBootApplication
public class SliceApp {

    /** A bean method of the configuration class: always kept. */
    @Bean
    ModelDefinitions tags() {
        return db -> db.define("SprSliceTag", m -> m.attribute("label", DataTypes.STRING)
                .options(o -> o.tableName("spr_slice_tags")));
    }

    /** A scanned ModelDefinitions: the slice keeps it. */
    @Component
    public static class Comments implements ModelDefinitions {
        @Override
        public void define(io.resequel.Resequel db) {
            db.define("SprSliceComment", m -> m.attribute("text", DataTypes.STRING)
                    .options(o -> o.tableName("spr_slice_comments")));
        }
    }

    /** A scanned service: the slice leaves it out. */
    @Service
    public static class Mailer {
    }
}
