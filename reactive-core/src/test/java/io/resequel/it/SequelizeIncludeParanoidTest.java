package io.resequel.it;

import static io.resequel.it.SequelizeIncludeTest.def;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/** Ported from Sequelize v6.37.8 test/integration/include/paranoid.test.js. */
class SequelizeIncludeParanoidTest {

    private record Models(Model<Instance> a, Model<Instance> b, BelongsTo<Instance, Instance> ab) {
    }

    private static Model<Instance> paranoid(TestDb t, String name) {
        return def(t, name, s -> s.attribute("name", DataTypes.STRING).options(o -> o.paranoid(true)));
    }

    private static Models models(TestDb t) {
        Model<Instance> a = paranoid(t, "A");
        Model<Instance> b = paranoid(t, "B");
        Model<Instance> c = paranoid(t, "C");
        Model<Instance> d = paranoid(t, "D");
        BelongsTo<Instance, Instance> ab = a.belongsTo(b);
        a.belongsToMany(d, o -> o.through("inc_a_d"));
        a.hasMany(c);
        b.hasMany(a);
        b.hasMany(c);
        c.belongsTo(a);
        c.belongsTo(b);
        d.belongsToMany(a, o -> o.through("inc_a_d"));
        t.db().sync().block();
        return new Models(a, b, ab);
    }

    @DatabaseTest
    void paranoidWithoutTimestampsIsIgnored(TestDb t) {
        models(t);
        Model<Instance> test = def(t, "Test", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.timestamps(false).paranoid(true)));
        t.db().sync().block();
        assertNull(test.findByPk(1).block());
        assertFalse(test.definition().attributes().stream().anyMatch(a -> a.name().equals("deletedAt")));
    }

    /** The include is immutable: finding with it leaves required as given, and the join is a LEFT OUTER JOIN. */
    @DatabaseTest
    void nonRequiredStaysFalse(TestDb t) {
        Models m = models(t);
        Include include = Include.of(m.b()).required(false);
        Instance a = m.a().create(Map.of("name", "a")).block();
        assertEquals(a.get("id"), m.a().findOne(q -> q.include(include)).block().get("id"));
        assertEquals(Boolean.FALSE, include.required());
        assertTrue(t.statements().stream().anyMatch(s -> s.contains("LEFT OUTER JOIN")));
    }

    @DatabaseTest
    void requiredStaysTrue(TestDb t) {
        Models m = models(t);
        Include include = Include.of(m.b()).required(true);
        Instance a = m.a().create(Map.of("name", "a")).block();
        assertNull(m.a().findOne(q -> q.include(include)).block());
        m.ab().set(a, m.b().create(Map.of("name", "b")).block()).block();
        assertEquals(a.get("id"), m.a().findOne(q -> q.include(include)).block().get("id"));
        assertEquals(Boolean.TRUE, include.required());
        assertTrue(t.statements().stream().anyMatch(s -> s.contains("INNER JOIN")));
    }

    @DatabaseTest
    void doesNotLoadDestroyedParanoidInstancesWithANonParanoidParent(TestDb t) {
        models(t);
        Model<Instance> x = def(t, "x", s -> s.attribute("name", DataTypes.STRING).options(o -> o.paranoid(false)));
        Model<Instance> y = def(t, "y", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.timestamps(true).paranoid(true)));
        HasMany<Instance, Instance> ys = x.hasMany(y);
        t.db().sync().block();
        Instance x0 = x.create(Map.of()).block();
        Instance y0 = y.create(Map.of()).block();
        ys.add(x0, y0).block();
        assertEquals("ys", ys.as(), "Sequelize's inflection: a one-letter name gets an s");
        assertEquals(1, x.findAll(q -> q.include(y)).blockFirst().getMany("ys", Instance.class).size());
        y0.destroy().block();
        List<Instance> found = x.findAll(q -> q.include(y)).collectList().block();
        assertEquals(0, found.get(0).getMany("ys", Instance.class).size());
        assertEquals(1, x.findAll(q -> q.include(Include.of(y).paranoid(false))).blockFirst()
                .getMany("ys", Instance.class).size(), "paranoid(false) on the include shows it");
    }
}
