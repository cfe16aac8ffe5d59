package io.resequel.it.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.Association;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.model.AttributeDefinition;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Port of Sequelize v6 {@code test/integration/associations/self.test.js}. */
class SequelizeAssocSelfTest {

    private static Model<Instance> persons(TestDb t) {
        return t.db().define("Person", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("as_self_people")));
    }

    private static Set<Object> ids(List<Instance> l) {
        return l.stream().map(i -> ((Number) i.get("id")).longValue()).collect(Collectors.toSet());
    }

    private static Set<String> attributes(Model<?> m) {
        return m.definition().attributes().stream().map(AttributeDefinition::name).collect(Collectors.toSet());
    }

    @DatabaseTest
    void supportsFreezeTableName(TestDb t) {
        Model<Instance> groups = t.db().define("Group", m -> m.options(o -> o.tableName("as_user_group")
                .timestamps(false).underscored(true).freezeTableName(true)));
        groups.belongsTo(groups, a -> a.as("Parent").foreignKey("parent_id"));
        t.db().sync().block();
        Instance root = groups.create(Map.of()).block();
        groups.create(Map.of("parent_id", root.get("id"))).block();
        List<Instance> all = groups.findAll(q -> q.include(Include.of(groups).as("Parent"))).collectList().block();
        assertEquals(2, all.size());
        assertEquals(1, all.stream().filter(g -> g.getOne("Parent", Instance.class) != null).count());
        String sql = t.statements().get(t.statements().size() - 1);
        assertTrue(sql.contains(t.q("as_user_group") + " AS " + t.q("Parent")), sql);
    }

    @DatabaseTest
    void handlesOneToManyAssociations(TestDb t) {
        Model<Instance> person = persons(t);
        HasMany<Instance, Instance> children = person.hasMany(person, a -> a.as("Children").foreignKey("parent_id"));
        assertTrue(person.definition().hasAttribute("parent_id"));
        t.db().sync().block();
        Instance mary = person.create(Map.of("name", "Mary")).block();
        Instance john = person.create(Map.of("name", "John")).block();
        Instance chris = person.create(Map.of("name", "Chris")).block();
        children.set(mary, List.of(john, chris)).block();
        assertEquals(ids(List.of(john, chris)), ids(children.get(mary).collectList().block()));
    }

    @DatabaseTest
    void handlesManyToManyAssociations(TestDb t) {
        Model<Instance> person = persons(t);
        BelongsToMany<Instance, Instance> parents = person.belongsToMany(person, a -> a.as("Parents")
                .through("as_self_family").foreignKey("ChildId").otherKey("PersonId"));
        BelongsToMany<Instance, Instance> childs = person.belongsToMany(person, a -> a.as("Childs")
                .through("as_self_family").foreignKey("PersonId").otherKey("ChildId"));
        assertEquals(Set.of("PersonId", "ChildId"), person.associations().stream()
                .map(a -> ((BelongsToMany<?, ?>) a).otherKey()).collect(Collectors.toSet()));
        assertEquals(Set.of("createdAt", "updatedAt", "PersonId", "ChildId"), attributes(parents.through()));
        t.db().sync().block();
        Instance mary = person.create(Map.of("name", "Mary")).block();
        Instance john = person.create(Map.of("name", "John")).block();
        Instance chris = person.create(Map.of("name", "Chris")).block();
        parents.set(mary, List.of(john)).block();
        parents.add(chris, john).block();
        assertEquals(ids(List.of(mary, chris)), ids(childs.get(john).collectList().block()));
    }

    @DatabaseTest
    void handlesManyToManyAssociationsWithADeclaredJunction(TestDb t) {
        Model<Instance> person = persons(t);
        Model<Instance> family = t.db().define("Family", m -> m
                .attribute("preexisting_child", DataTypes.INTEGER, a -> a.primaryKey(true))
                .attribute("preexisting_parent", DataTypes.INTEGER, a -> a.primaryKey(true))
                .options(o -> o.tableName("as_self_families").timestamps(false)));
        BelongsToMany<Instance, Instance> parents = person.belongsToMany(person, a -> a.as("Parents").through(family)
                .foreignKey("preexisting_child").otherKey("preexisting_parent"));
        BelongsToMany<Instance, Instance> children = person.belongsToMany(person, a -> a.as("Children")
                .through(family).foreignKey("preexisting_parent").otherKey("preexisting_child"));
        assertEquals(Set.of("preexisting_parent", "preexisting_child"), person.associations().stream()
                .map(a -> ((BelongsToMany<?, ?>) a).otherKey()).collect(Collectors.toSet()));
        assertEquals(Set.of("preexisting_parent", "preexisting_child"), attributes(family));
        t.db().sync().block();
        Instance mary = person.create(Map.of("name", "Mary")).block();
        Instance john = person.create(Map.of("name", "John")).block();
        Instance chris = person.create(Map.of("name", "Chris")).block();
        t.clearStatements();
        parents.set(mary, List.of(john)).block();
        parents.add(mary, chris).block();
        List<String> inserts = AssocSupport.matching(t, "INSERT", "preexisting_child", "preexisting_parent");
        assertEquals(2, inserts.size(), String.valueOf(t.statements()));
        t.clearStatements();
        List<Instance> kids = children.get(john).collectList().block();
        assertEquals(1, t.statements().size());
        String where = t.statements().get(0).split("FROM", 2)[1];
        assertTrue(where.contains("preexisting_child") && where.contains("preexisting_parent"), where);
        assertEquals(ids(List.of(mary)), ids(kids));
        assertTrue(person.associations().stream().allMatch(Association::isAliased));
    }
}
