package io.resequel.spring.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jackson 2: an instance is written as its toJSON(), not as a bean. */
class ResequelModuleTest {

    @Test
    void anInstanceIsWrittenAsItsValuesWithVirtualsAndNestedInstances() throws Exception {
        Resequel db = Resequel.connect("r2dbc:h2:mem:///spring_jackson");
        try {
            Model<Instance> users = db.define("JsonUser", m -> m
                    .attribute("first", DataTypes.STRING)
                    .attribute("last", DataTypes.STRING)
                    .virtual("full", v -> v.get(i -> i.get("first") + " " + i.get("last"))));
            Instance ann = users.build(Map.of("first", "Ann", "last", "Lee"));
            ObjectMapper mapper = new ObjectMapper().registerModule(new ResequelModule());
            @SuppressWarnings("unchecked")
            Map<String, Object> json = mapper.readValue(mapper.writeValueAsString(Map.of("user", ann,
                    "list", List.of(ann))), Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> user = (Map<String, Object>) json.get("user");
            assertThat(user.get("first")).isEqualTo("Ann");
            assertThat(user.get("full")).isEqualTo("Ann Lee");
            assertThat(user).doesNotContainKey("newRecord").doesNotContainKey("model");
            assertThat(json.get("list")).isEqualTo(List.of(user));
        } finally {
            db.close().block();
        }
    }
}
