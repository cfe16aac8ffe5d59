package io.resequel.dialect.h2;

import io.resequel.Resequel;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class SmokeTest {
    @Test
    void crud() {
        Resequel db = Resequel.builder().url("r2dbc:h2:mem:///smoke").logging(true).build();
        Model<Instance> users = db.define("User", m -> m
                .attribute("firstName", DataTypes.STRING, a -> a.allowNull(false))
                .attribute("age", DataTypes.INTEGER)
                .attribute("data", DataTypes.JSON));
        StepVerifier.create(db.sync()
                .then(users.create(Map.of("firstName", "Ada", "age", 36, "data", Map.of("a", List.of(1, 2)))))
                .flatMap(u -> u.update(Map.of("age", 37)))
                .thenMany(users.bulkCreate(List.of(Map.of("firstName", "B"), Map.of("firstName", "C"))))
                .thenMany(users.findAll(q -> q.where(Where.eq("age", 37)))))
                .assertNext(u -> System.out.println(u))
                .verifyComplete();
        StepVerifier.create(users.count()).expectNext(3L).verifyComplete();
        StepVerifier.create(db.close()).verifyComplete();
    }
}
