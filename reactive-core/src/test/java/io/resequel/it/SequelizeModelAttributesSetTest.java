package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.assoc.BelongsToMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.SyncOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sequelize v6.37.8 {@code test/integration/model/attributes.test.js}, {@code set}: an attribute setter of a
 * junction model runs once, when the junction row is written, not again when the row is read back. Tables {@code sc_*}.
 */
class SequelizeModelAttributesSetTest {

    @DatabaseTest
    void aJunctionSetterRunsOnceThroughTheAssociationGetter(TestDb t) {
        AtomicInteger calls = new AtomicInteger();
        Model<Instance> student = t.db().define("student", m -> m
                .attribute("no", DataTypes.INTEGER, a -> a.primaryKey(true))
                .attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("sc_student").timestamps(false)));
        Model<Instance> course = t.db().define("course", m -> m
                .attribute("no", DataTypes.INTEGER, a -> a.primaryKey(true))
                .attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("sc_course").timestamps(false)));
        Model<Instance> score = t.db().define("score", m -> m
                .attribute("score", DataTypes.INTEGER)
                .attribute("test_value", DataTypes.INTEGER, a -> a.set((i, v) -> {
                    calls.incrementAndGet();
                    i.setDataValue("test_value", ((Number) v).intValue() + 1);
                }))
                .options(o -> o.tableName("sc_score").timestamps(false)));
        BelongsToMany<Instance, Instance> courses = student.belongsToMany(course,
                a -> a.through(score).foreignKey("StudentId"));
        course.belongsToMany(student, a -> a.through(score).foreignKey("CourseId"));
        for (Model<Instance> m : List.of(student, course, score)) {
            t.db().sync(m, SyncOptions.force()).block();
        }
        Instance ryan = student.create(Map.of("no", 1, "name", "ryan")).block();
        Instance history = course.create(Map.of("no", 100, "name", "history")).block();

        courses.add(ryan, List.of(history), Map.of("score", 98, "test_value", 1000)).block();
        assertEquals(1, calls.get());
        Where both = Where.and(Where.eq("StudentId", 1), Where.eq("CourseId", 100));
        assertEquals(1001, ((Number) score.findOne(q -> q.where(both)).block().get("test_value")).intValue());

        List<Instance> got = courses.get(student.build(Map.of("no", 1)), q -> q.where("no", 100)).collectList()
                .block();
        Instance junction = (Instance) got.get(0).get("score");
        assertEquals(1001, ((Number) junction.toJSON().get("test_value")).intValue());
        assertEquals(1001, ((Number) score.findOne(q -> q.where(both)).block().get("test_value")).intValue());
        assertEquals(1, calls.get(), "reading rows back runs no setter");
    }
}
