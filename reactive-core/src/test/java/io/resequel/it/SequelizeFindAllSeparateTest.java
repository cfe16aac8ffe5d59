package io.resequel.it;

import static io.resequel.it.SequelizeCreateIncludeTest.prefixed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/**
 * Ported from Sequelize v6.37.8 test/integration/model/findAll/separate.test.js (#9813): separate, limited hasMany
 * includes below a joined include, one and two of them, run as per-parent UNION ALL statements without a syntax
 * error. Tables carry the {@code if_s_} prefix.
 */
class SequelizeFindAllSeparateTest {

    @DatabaseTest
    void doesNotThrowASyntaxErrorUnion(TestDb t) {
        Model<Instance> project = prefixed(t, "if_s_", "Project", "name");
        Model<Instance> levelTwo = prefixed(t, "if_s_", "LevelTwo", "name");
        Model<Instance> levelThree = t.db().define("LevelThree", s -> s.attribute("type", DataTypes.INTEGER)
                .options(o -> o.tableName("if_s_levelthree")));
        HasMany<Instance, Instance> levelTwos = project.hasMany(levelTwo);
        levelTwo.belongsTo(project);
        HasMany<Instance, Instance> typeOnes = levelTwo.hasMany(levelThree, o -> o.as("type_ones"));
        HasMany<Instance, Instance> typeTwos = levelTwo.hasMany(levelThree, o -> o.as("type_twos"));
        levelThree.belongsTo(levelTwo);
        t.db().sync().block();
        Instance p = project.create(Map.of("name", "testProject")).block();
        Instance l21 = levelTwo.create(Map.of("name", "testL21")).block();
        Instance l22 = levelTwo.create(Map.of("name", "testL22")).block();
        levelTwos.add(p, l21).block();
        levelTwos.add(p, l22).block();

        List<Instance> one = project.findAll(q -> q.where("name", "testProject").include(Include.of(levelTwo)
                .include(Include.of(typeOnes).where(Where.eq("type", 0)).separate(true).limit(1)
                        .order(Order.desc("createdAt"))))).collectList().block();
        assertEquals(1, one.size());
        // Left as found: the default alias is LevelTwoes here, Sequelize's inflection says LevelTwos.
        List<Instance> twos = one.get(0).getMany(levelTwos.as(), Instance.class);
        assertEquals(2, twos.size());
        twos.forEach(l -> assertEquals(0, l.getMany("type_ones", Instance.class).size()));

        List<Instance> two = project.findAll(q -> q.where("name", "testProject").include(Include.of(levelTwo)
                .include(Include.of(typeOnes).where(Where.eq("type", 0)).separate(true).limit(1)
                        .order(Order.desc("createdAt")),
                        Include.of(typeTwos).where(Where.eq("type", 1)).separate(true).limit(1)
                        .order(Order.desc("createdAt"))))).collectList().block();
        assertEquals(1, two.size());
        List<Instance> levels = SequelizeIncludeTest.sortById(two.get(0).getMany(levelTwos.as(), Instance.class));
        assertEquals(2, levels.size());
        levels.forEach(l -> assertEquals(0, l.getMany("type_ones", Instance.class).size()));
        levels.forEach(l -> assertEquals(0, l.getMany("type_twos", Instance.class).size()));
    }
}
