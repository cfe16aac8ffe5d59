package io.resequel.it.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.model.Instance;
import io.resequel.query.Include;
import io.resequel.query.Order;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.test.StepVerifier;

/** Joined eager loads stream root by root with backpressure; cancelling releases the connection. */
class EagerStreamingTest {

    static final int ROOTS = 2000;
    static final int CHILDREN = 5;

    static Shop big(TestDb t) {
        Shop s = Shop.empty(t);
        List<Map<String, Object>> us = new ArrayList<>(ROOTS);
        for (int i = 0; i < ROOTS; i++) {
            us.add(Map.of("name", String.format("u%04d", i)));
        }
        List<Instance> created = s.users.bulkCreate(us).collectList().block();
        List<Map<String, Object>> ts = new ArrayList<>(ROOTS * CHILDREN);
        for (Instance u : created) {
            for (int k = 0; k < CHILDREN; k++) {
                ts.add(Map.of("title", "t" + k, "UserId", u.get("id")));
            }
        }
        s.tasks.bulkCreate(ts).blockLast();
        t.clearStatements();
        return s;
    }

    @DatabaseTest
    void takeCancelsABigJoinedStream(TestDb t) {
        Shop s = big(t);
        List<Instance> three = s.users.findAll(q -> q.include(s.tasks)).take(3).collectList()
                .block(Duration.ofSeconds(30));
        assertEquals(3, three.size());
        for (Instance u : three) {
            assertEquals(CHILDREN, u.getMany("Tasks", Instance.class).size(), "each taken root is complete");
        }
        // the connection is free again: the next query runs (and the kit checks no connection stays acquired)
        assertEquals((long) ROOTS, s.users.count(q -> q.include(s.tasks)).block());
        Instance first = s.users.findAll(q -> q.include(Include.of(s.tasks).required(true)).order(Order.desc("name")))
                .next().block(Duration.ofSeconds(30));
        assertEquals("u1999", first.get("name"));
        assertEquals(CHILDREN, first.getMany("Tasks", Instance.class).size());
    }

    @DatabaseTest
    void rootsArriveBeforeTheQueryCompletes(TestDb t) {
        Shop s = big(t);
        AtomicInteger seen = new AtomicInteger();
        List<Integer> completedStatementsAtFirstRoot = new ArrayList<>();
        StepVerifier.create(s.users.findAll(q -> q.include(s.tasks)).limitRate(10)
                        .doOnNext(u -> {
                            if (seen.getAndIncrement() == 0) {
                                // the listener records a statement when its result completes (or is cancelled)
                                completedStatementsAtFirstRoot.add(t.statements().size());
                            }
                        }), 0)
                .thenRequest(1)
                .assertNext(u -> assertEquals(CHILDREN, u.getMany("Tasks", Instance.class).size()))
                .thenRequest(19)
                .expectNextCount(19)
                .thenCancel()
                .verify(Duration.ofSeconds(30));
        assertEquals(List.of(0), completedStatementsAtFirstRoot, "the first root came while the rows still streamed");
        assertTrue(seen.get() <= 30, "no more roots than requested (plus one prefetch window): " + seen.get());
        // and consumed to the end with limitRate(10) every root arrives whole
        AtomicInteger children = new AtomicInteger();
        long roots = s.users.findAll(q -> q.include(s.tasks)).limitRate(10)
                .doOnNext(u -> children.addAndGet(u.getMany("Tasks", Instance.class).size())).count()
                .block(Duration.ofSeconds(60));
        assertEquals(ROOTS, roots);
        assertEquals(ROOTS * CHILDREN, children.get());
    }
}
