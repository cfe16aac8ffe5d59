package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.assoc.HasMany;
import io.resequel.error.InstanceException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.SaveOptions;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Port of Sequelize v6.37.8 {@code test/integration/instance/reload.test.js}. */
class InstanceReloadTest {

    private static Model<Instance> users(TestDb t) {
        Model<Instance> m = t.db().define("User", s -> s.attribute("username", DataTypes.STRING)
                .attribute("aNumber", DataTypes.INTEGER).attribute("bNumber", DataTypes.INTEGER));
        t.db().sync().block();
        return m;
    }

    @DatabaseTest
    void supportsTransactions(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = users.create(Map.of("username", "foo")).block();
        Transaction tx = t.db().startTransaction().block();
        users.findOne(q -> q.where("username", "foo").transaction(tx)).block()
                .update(Map.of("username", "bar"), SaveOptions.in(tx)).block();
        assertEquals("foo", user.reload().block().get("username"));
        assertEquals("bar", user.reload(q -> q.transaction(tx)).block().get("username"));
        tx.rollback().block();
    }

    @DatabaseTest
    void returnsTheSameInstance(TestDb t) {
        Model<Instance> users = users(t);
        Instance original = users.create(Map.of("username", "John Doe")).block();
        original.update(Map.of("username", "Doe John")).block();
        assertSame(original, original.reload().block());
    }

    @DatabaseTest
    void usesTheInstancesKeyWhateverTheWhere(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = users.create(Map.of("username", "Balak Bukhara")).block();
        Instance another = users.create(Map.of("username", "John Smith")).block();
        Object key = user.get("id");
        user.reload().block();
        assertEquals(key, user.get("id"));
        user.reload(q -> q.where("id", another.get("id"))).block();
        assertEquals(key, user.get("id"));
        assertEquals("Balak Bukhara", user.get("username"));
    }

    @DatabaseTest
    void updatesTheValuesOfAnOutOfSyncInstance(TestDb t) {
        Model<Instance> users = users(t);
        Instance original = users.create(Map.of("username", "John Doe")).block();
        users.findByPk(original.get("id")).block().update(Map.of("username", "Doe John")).block();
        assertEquals("John Doe", original.get("username"));
        Instance reloaded = original.reload().block();
        assertEquals("Doe John", original.get("username"));
        assertEquals("Doe John", reloaded.get("username"));
    }

    @DatabaseTest
    void supportsUpdatingASubsetOfAttributes(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = users.create(Map.of("aNumber", 1, "bNumber", 1)).block();
        users.update(Map.of("bNumber", 2), Where.eq("id", user.get("id"))).block();
        user.set("aNumber", 7); // a pending change of an attribute not reloaded stays
        user.reload(q -> q.attributes("bNumber")).block();
        assertEquals(7, user.get("aNumber"));
        assertEquals(2, user.get("bNumber"));
        assertTrue(user.changed("aNumber"));
    }

    @DatabaseTest
    void updatesReadOnlyAttributesAsWellUpdatedAt(TestDb t) throws Exception {
        Model<Instance> users = users(t);
        Instance original = users.create(Map.of("username", "John Doe")).block();
        OffsetDateTime updatedAt = (OffsetDateTime) original.get("updatedAt");
        Thread.sleep(10);
        Instance updated = users.findByPk(original.get("id")).block().update(Map.of("username", "Doe John")).block();
        original.reload().block();
        assertTrue(((OffsetDateTime) original.get("updatedAt")).isAfter(updatedAt));
        assertTrue(((OffsetDateTime) updated.get("updatedAt")).isAfter(updatedAt));
    }

    /** Book/Page of the association tests. */
    private static final class Books {
        final Model<Instance> books;
        final Model<Instance> pages;
        final HasMany<Instance, Instance> bookPages;

        Books(TestDb t) {
            books = t.db().define("Book", s -> s.attribute("title", DataTypes.STRING));
            pages = t.db().define("Page", s -> s.attribute("content", DataTypes.TEXT));
            bookPages = books.hasMany(pages);
            pages.belongsTo(books);
            t.db().sync().block();
        }
    }

    @DatabaseTest
    void updatesTheAssociationsAsWell(TestDb t) {
        Books b = new Books(t);
        Instance book = b.books.create(Map.of("title", "A very old book")).block();
        Instance page = b.pages.create(Map.of("content", "om nom nom")).block();
        b.bookPages.set(book, List.of(page)).block();
        Instance leBook = b.books.findOne(q -> q.where("id", book.get("id")).include(Include.of(b.pages))).block();
        page.update(Map.of("content", "something totally different")).block();
        assertEquals("om nom nom", leBook.getMany("Pages", Instance.class).get(0).get("content"));
        leBook.reload().block();
        List<Instance> pages = leBook.getMany("Pages", Instance.class);
        assertEquals(1, pages.size());
        assertEquals("something totally different", pages.get(0).get("content"));
    }

    @DatabaseTest
    void updatesTheInternalOptionsOfTheInstance(TestDb t) {
        Books b = new Books(t);
        Instance book = b.books.create(Map.of("title", "A very old book")).block();
        b.bookPages.set(book, List.of(b.pages.create(Map.of()).block())).block();
        Instance leBook = b.books.findOne(q -> q.where("id", book.get("id"))).block();
        assertTrue(!leBook.isIncluded("Pages"));
        leBook.reload(q -> q.include(Include.of(b.pages))).block();
        assertEquals(1, leBook.getMany("Pages", Instance.class).size());
        assertEquals(1, ((List<?>) leBook.toJSON().get("Pages")).size());
        // the include given to reload is the one a later reload runs again
        b.pages.create(Map.of("BookId", book.get("id"))).block();
        leBook.reload().block();
        assertEquals(2, leBook.getMany("Pages", Instance.class).size());
    }

    @DatabaseTest
    void failsWhenTheRowIsGone(TestDb t) {
        Model<Instance> users = users(t);
        Instance user = users.create(Map.of("username", "John Doe")).block();
        user.destroy().block();
        InstanceException e = assertThrows(InstanceException.class, () -> user.reload().block());
        assertTrue(e.getMessage().contains("could not be reloaded because it does not exist anymore"),
                e.getMessage());
    }

    @DatabaseTest
    void setsAToOneAssociationToNullAfterItsDeletion(TestDb t) {
        Model<Instance> shoes = t.db().define("Shoe", s -> s.attribute("brand", DataTypes.STRING));
        Model<Instance> players = t.db().define("Player", s -> s.attribute("name", DataTypes.STRING));
        players.hasOne(shoes);
        shoes.belongsTo(players);
        t.db().sync().block();
        Instance shoe = shoes.create(Map.of("brand", "the brand", "Player", Map.of("name", "the player")),
                Include.of(players)).block();
        Object playerId = shoe.getOne("Player", Instance.class).get("id");
        Instance player = players.findOne(q -> q.where("id", playerId).include(Include.of(shoes))).block();
        assertNotNull(player.getOne("Shoe", Instance.class));
        player.getOne("Shoe", Instance.class).destroy().block();
        player.reload().block();
        assertNull(player.getOne("Shoe", Instance.class));
    }

    /** Team/Player of the to-many tests. */
    private static Instance team(TestDb t, Model<Instance> teams, Model<Instance> players) {
        teams.hasMany(players);
        players.belongsTo(teams);
        t.db().sync().block();
        Instance team = teams.create(Map.of("name", "the team", "Players", List.of(Map.of("name", "the player1"),
                Map.of("name", "the player2"))), Include.of(players)).block();
        return teams.findOne(q -> q.where("id", team.get("id")).include(Include.of(players))).block();
    }

    @DatabaseTest
    void setsAToManyAssociationToEmptyAfterAllDeletion(TestDb t) {
        Model<Instance> teams = t.db().define("Team", s -> s.attribute("name", DataTypes.STRING));
        Model<Instance> players = t.db().define("Player", s -> s.attribute("name", DataTypes.STRING));
        Instance team = team(t, teams, players);
        List<Instance> list = team.getMany("Players", Instance.class);
        assertEquals(2, list.size());
        list.get(1).destroy().block();
        list.get(0).destroy().block();
        team.reload().block();
        assertEquals(List.of(), team.getMany("Players", Instance.class));
    }

    @DatabaseTest
    void updatesTheAssociationsAfterOneElementDeleted(TestDb t) {
        Model<Instance> teams = t.db().define("Team", s -> s.attribute("name", DataTypes.STRING));
        Model<Instance> players = t.db().define("Player", s -> s.attribute("name", DataTypes.STRING));
        Instance team = team(t, teams, players);
        team.getMany("Players", Instance.class).get(0).destroy().block();
        team.reload().block();
        assertEquals(1, team.getMany("Players", Instance.class).size());
    }

    @DatabaseTest
    void injectsTheDefaultScopeWhenReloading(TestDb t) {
        Model<Instance> bars = t.db().define("Bar", s -> s.attribute("name", DataTypes.TEXT));
        Model<Instance> foos = t.db().define("Foo", s -> s.attribute("name", DataTypes.TEXT)
                .options(o -> o.defaultScope(q -> q.include(Include.of(bars)))));
        bars.belongsTo(foos);
        HasMany<Instance, Instance> fooBars = foos.hasMany(bars);
        t.db().sync().block();
        Instance foo = foos.create(Map.of("name", "foo")).block();
        fooBars.create(foo, Map.of("name", "bar")).block();
        Instance found = foos.findByPk(foo.get("id")).block();
        assertEquals("bar", found.getMany("Bars", Instance.class).get(0).get("name"));
        foo.reload().block();
        assertEquals("bar", foo.getMany("Bars", Instance.class).get(0).get("name"));
    }
}
