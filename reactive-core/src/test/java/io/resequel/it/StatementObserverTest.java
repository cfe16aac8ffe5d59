package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.Resequel;
import io.resequel.error.UniqueConstraintException;
import io.resequel.exec.StatementInfo;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The StatementObserver SPI: each statement is wrapped once, labelled with the outermost model operation. */
class StatementObserverTest {

    /** What ran, and how each statement's publisher ended. */
    private static final class Recorder implements io.resequel.exec.StatementObserver {
        final List<StatementInfo> seen = new CopyOnWriteArrayList<>();
        final List<String> ends = new CopyOnWriteArrayList<>();

        @Override
        public <T> reactor.core.publisher.Flux<T> observe(StatementInfo statement,
                reactor.core.publisher.Flux<T> execution) {
            seen.add(statement);
            return execution.doOnComplete(() -> ends.add("complete")).doOnError(e -> ends.add("error"))
                    .doOnCancel(() -> ends.add("cancel"));
        }

        StatementInfo last() {
            return seen.get(seen.size() - 1);
        }

        void clear() {
            seen.clear();
            ends.clear();
        }
    }

    @DatabaseTest
    void statementsCarryTheirModelAndOperation(TestDb t) {
        Recorder r = new Recorder();
        Resequel db = t.connect(b -> b.observer(r));
        Model<Instance> users = db.define("ObservedUser", m -> m
                .attribute("name", DataTypes.STRING, a -> a.unique(true)));
        db.sync().block();
        // DDL runs outside model operations: its first keyword stands for the operation
        assertTrue(r.seen.stream().anyMatch(s -> s.model().equals("none") && s.operation().equals("create")),
                r.seen::toString);
        assertTrue(r.seen.stream().allMatch(s -> s.dialect().equals(db.dialect().name())));
        r.clear();

        Instance ann = users.create(Map.of("name", "Ann")).block();
        assertEquals(new StatementInfo(r.last().sql(), "ObservedUser", "create", db.dialect().name()), r.last());
        assertTrue(r.last().sql().startsWith("INSERT") && !r.last().sql().contains("Ann"), r.last().sql());

        users.findAll(q -> q.where(Where.eq("name", "Ann"))).collectList().block();
        assertEquals("findAll", r.last().operation());
        // findByPk runs findOne inside: the outer name wins
        users.findByPk(ann.get("id")).block();
        assertEquals("findByPk", r.last().operation());
        users.count().block();
        assertEquals("count", r.last().operation());
        r.clear();

        assertThrows(UniqueConstraintException.class, () -> users.create(Map.of("name", "Ann")).block());
        assertTrue(r.ends.contains("error"), r.ends::toString);
        r.clear();

        users.update(Map.of("name", "Bea"), Where.eq("name", "Ann")).block();
        assertEquals("update", r.last().operation());
        db.query("SELECT 1", o -> { }).block();
        assertEquals(new StatementInfo("SELECT 1", "none", "select", db.dialect().name()), r.last());
        users.destroy(Where.and()).block();
        assertEquals("destroy", r.last().operation());
        // every statement was observed exactly once and ended normally
        assertEquals(r.seen.size(), r.ends.size());
        assertTrue(r.ends.stream().allMatch("complete"::equals), r.ends::toString);
    }
}
