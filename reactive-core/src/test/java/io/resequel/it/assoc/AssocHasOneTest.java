package io.resequel.it.assoc;

import static io.resequel.it.assoc.AssocSupport.WAIT;
import static io.resequel.it.assoc.AssocSupport.asLong;
import static io.resequel.it.assoc.AssocSupport.id;
import static io.resequel.it.assoc.AssocSupport.matching;
import static io.resequel.it.assoc.AssocSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.HasOne;
import io.resequel.error.AssociationException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import reactor.test.StepVerifier;

/** hasOne mixins: get, set (instance, key, new instance, null; the previous target unlinked), create. */
class AssocHasOneTest {

    record Fixture(Model<Instance> users, Model<Instance> profiles, HasOne<Instance, Instance> profile,
            Instance ada, Instance bob) {
    }

    static Fixture fixture(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> profiles = t.db().define("Profile", m -> m.attribute("bio", DataTypes.STRING));
        HasOne<Instance, Instance> profile = users.hasOne(profiles);
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        Instance bob = users.create(Map.of("name", "Bob")).block(WAIT);
        return new Fixture(users, profiles, profile, ada, bob);
    }

    /** @return profile bio → UserId (as long), read with raw SQL */
    static Map<Object, Object> links(TestDb t) {
        Map<Object, Object> out = new java.util.TreeMap<>();
        for (Map<String, Object> r : rows(t, "Profiles", null, "id", "bio", "UserId")) {
            out.put(r.get("bio"), r.get("UserId") == null ? "null" : asLong(r.get("UserId")));
        }
        return out;
    }

    @DatabaseTest
    void createAndGet(TestDb t) {
        Fixture f = fixture(t);
        StepVerifier.create(f.profile().get(f.ada())).verifyComplete();
        Instance p = f.profile().create(f.ada(), Map.of("bio", "math")).block(WAIT);
        assertFalse(p.isNewRecord());
        assertEquals(id(f.ada()), asLong(p.get("UserId")));
        assertEquals(Map.of("math", id(f.ada())), links(t));
        t.clearStatements();
        Instance got = f.profile().get(f.ada()).block(WAIT);
        assertEquals("math", got.get("bio"));
        assertEquals(1, t.statements().size());
        assertTrue(t.statements().get(0).contains(t.q("UserId")), t.statements().get(0));
        StepVerifier.create(f.profile().get(f.bob())).verifyComplete();
        StepVerifier.create(f.profile().get(f.ada(), q -> q.where("bio", "other"))).verifyComplete();
        assertEquals("math", f.profile().get(f.ada(), q -> q.attributes("id", "bio")).block(WAIT).get("bio"));
    }

    @DatabaseTest
    void setInstanceUnlinksThePreviousOne(TestDb t) {
        Fixture f = fixture(t);
        f.profile().create(f.ada(), Map.of("bio", "old")).block(WAIT);
        Instance fresh = f.profiles().create(Map.of("bio", "new")).block(WAIT);
        Instance linked = f.profile().set(f.ada(), fresh).block(WAIT);
        assertEquals(id(f.ada()), asLong(linked.get("UserId")));
        Map<Object, Object> expected = new java.util.TreeMap<>(Map.of("old", "null", "new", id(f.ada())));
        assertEquals(expected, links(t));
        assertEquals("new", f.profile().get(f.ada()).block(WAIT).get("bio"));
    }

    @DatabaseTest
    void setByKeyAndSameTargetAgainDoesNothing(TestDb t) {
        Fixture f = fixture(t);
        Instance p1 = f.profiles().create(Map.of("bio", "p1")).block(WAIT);
        Instance p2 = f.profiles().create(Map.of("bio", "p2")).block(WAIT);
        Instance linked = f.profile().set(f.ada(), p1.get("id")).block(WAIT);
        assertEquals("p1", linked.get("bio"));
        assertFalse(linked.isNewRecord());
        assertEquals(new java.util.TreeMap<>(Map.of("p1", id(f.ada()), "p2", "null")), links(t));
        t.clearStatements();
        f.profile().set(f.ada(), p1.get("id")).block(WAIT);
        f.profile().set(f.ada(), p1).block(WAIT);
        assertEquals(List.of(), matching(t, "UPDATE"), "linking the current target again writes nothing");
        f.profile().set(f.ada(), p2.get("id")).block(WAIT);
        assertEquals(new java.util.TreeMap<>(Map.of("p1", "null", "p2", id(f.ada()))), links(t));
    }

    @DatabaseTest
    void setNewInstanceInsertsIt(TestDb t) {
        Fixture f = fixture(t);
        f.profile().create(f.ada(), Map.of("bio", "old")).block(WAIT);
        Instance unsaved = f.profiles().build(Map.of("bio", "built"));
        t.clearStatements();
        Instance saved = f.profile().set(f.ada(), unsaved).block(WAIT);
        assertFalse(saved.isNewRecord());
        assertEquals(1, matching(t, "INSERT", "Profiles").size(), t.statements().toString());
        assertEquals(new java.util.TreeMap<>(Map.of("old", "null", "built", id(f.ada()))), links(t));
    }

    @DatabaseTest
    void setNullOnlyUnlinks(TestDb t) {
        Fixture f = fixture(t);
        f.profile().create(f.ada(), Map.of("bio", "a")).block(WAIT);
        f.profile().create(f.bob(), Map.of("bio", "b")).block(WAIT);
        StepVerifier.create(f.profile().set(f.ada(), null)).verifyComplete();
        assertEquals(new java.util.TreeMap<>(Map.of("a", "null", "b", id(f.bob()))), links(t));
        StepVerifier.create(f.profile().get(f.ada())).verifyComplete();
        assertEquals(2, AssocSupport.count(t, "Profiles", null), "nothing is deleted");
        StepVerifier.create(f.profile().set(f.ada(), null)).verifyComplete();
    }

    @DatabaseTest
    void setFailsWhenThePreviousCannotBeUnlinked(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> passports = t.db().define("Passport", m -> m.attribute("no", DataTypes.STRING));
        HasOne<Instance, Instance> passport = users.hasOne(passports, a -> a.foreignKeyAllowNull(false));
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        Instance bob = users.create(Map.of("name", "Bob")).block(WAIT);
        passport.create(ada, Map.of("no", "1")).block(WAIT);
        Instance other = passport.create(bob, Map.of("no", "2")).block(WAIT);
        StepVerifier.create(passport.set(ada, other.get("id"))).expectError().verify(WAIT);
        List<Map<String, Object>> r = rows(t, "Passports", null, "id", "UserId");
        assertEquals(List.of(id(ada), id(bob)), r.stream().map(m -> asLong(m.get("UserId"))).toList(),
                "the failed set changed nothing");
    }

    @DatabaseTest
    void scopeIsWrittenAndFilters(TestDb t) {
        Model<Instance> users = t.db().define("User", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> images = t.db().define("Image", m -> m.attribute("kind", DataTypes.STRING)
                .attribute("url", DataTypes.STRING));
        HasOne<Instance, Instance> avatar = users.hasOne(images, a -> a.as("avatar").foreignKey("ownerId")
                .scope(Map.of("kind", "avatar")));
        t.db().sync().block(WAIT);
        Instance ada = users.create(Map.of("name", "Ada")).block(WAIT);
        images.create(Map.of("kind", "banner", "url", "b", "ownerId", ada.get("id"))).block(WAIT);
        StepVerifier.create(avatar.get(ada)).verifyComplete();
        Instance a = avatar.create(ada, Map.of("url", "a")).block(WAIT);
        assertEquals("avatar", a.get("kind"));
        assertEquals("a", avatar.get(ada).block(WAIT).get("url"));
        Instance loose = images.create(Map.of("kind", "x", "url", "c")).block(WAIT);
        avatar.set(ada, loose).block(WAIT);
        assertEquals(List.of("banner", "avatar", "avatar"),
                rows(t, "Images", null, "id", "kind").stream().map(m -> m.get("kind")).toList(),
                "set writes the scope values");
        assertEquals("c", avatar.get(ada).block(WAIT).get("url"));
    }

    @DatabaseTest
    void unsavedSourceAndWrongModelAreAssociationErrors(TestDb t) {
        Fixture f = fixture(t);
        Instance unsaved = f.users().build(Map.of("name", "new"));
        t.clearStatements();
        StepVerifier.create(f.profile().get(unsaved)).expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.profile().create(unsaved, Map.of("bio", "x")))
                .expectError(AssociationException.class).verify(WAIT);
        StepVerifier.create(f.profile().set(unsaved, null)).expectError(AssociationException.class).verify(WAIT);
        AssociationException e = assertThrows(AssociationException.class,
                () -> f.profile().get(unsaved).block(WAIT));
        assertTrue(e.getMessage().contains("save it"), e.getMessage());
        assertEquals(List.of(), t.statements(), "no SQL for a failed mixin");
        StepVerifier.create(f.profile().set(f.ada(), f.bob())).expectErrorSatisfies(x -> {
            assertTrue(x instanceof AssociationException, x.toString());
            assertTrue(x.getMessage().contains("Profile"), x.getMessage());
        }).verify(WAIT);
        assertEquals(0, AssocSupport.count(t, "Profiles", null));
        assertEquals(0, matching(t, "UPDATE", "Users").size());
    }
}
