package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.spring.ResequelTransactionManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Spring's TransactionalOperator and @Transactional driving Resequel transactions, with each propagation. */
class SpringTransactionTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static TransactionalOperator operator(ReactiveTransactionManager tm, int propagation) {
        DefaultTransactionDefinition d = new DefaultTransactionDefinition(propagation);
        return TransactionalOperator.create(tm, d);
    }

    static List<Object> names(TestDb t) {
        return t.raw("SELECT " + t.q("name") + " AS n FROM " + t.q("Accounts") + " ORDER BY " + t.q("name"))
                .map(r -> r.get("n")).collectList().block(WAIT);
    }

    static Mono<Instance> add(Model<Instance> a, String name) {
        return a.create(Map.of("name", name, "balance", 0));
    }

    @DatabaseTest
    void requiredCommitsRollsBackAndJoins(TestDb t) {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        ReactiveTransactionManager tm = new ResequelTransactionManager(t.db().transactionManager());
        TransactionalOperator required = operator(tm, TransactionDefinition.PROPAGATION_REQUIRED);

        Long seenOutside = add(a, "a").then(t.raw("SELECT COUNT(*) AS n FROM " + t.q("Accounts"))
                        .next().map(r -> ((Number) r.get("n")).longValue()))
                .as(required::transactional).block(WAIT);
        assertEquals(0L, seenOutside, "the create ran in the Spring transaction, uncommitted");
        assertEquals(List.of("a"), names(t));

        StepVerifier.create(add(a, "b").then(Mono.error(new IllegalStateException("fail")))
                .as(required::transactional)).expectErrorMessage("fail").verify(WAIT);
        assertEquals(List.of("a"), names(t));

        StepVerifier.create(add(a, "c").then(add(a, "d").as(required::transactional))
                .then(Mono.error(new IllegalStateException("outer fails")))
                .as(required::transactional)).expectErrorMessage("outer fails").verify(WAIT);
        assertEquals(List.of("a"), names(t), "the inner REQUIRED joined the outer and rolled back with it");
    }

    @DatabaseTest
    void requiresNewAndNested(TestDb t) {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        ReactiveTransactionManager tm = new ResequelTransactionManager(t.db().transactionManager());
        TransactionalOperator required = operator(tm, TransactionDefinition.PROPAGATION_REQUIRED);
        TransactionalOperator requiresNew = operator(tm, TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        TransactionalOperator nested = operator(tm, TransactionDefinition.PROPAGATION_NESTED);

        StepVerifier.create(add(a, "outer").then(add(a, "new").as(requiresNew::transactional))
                .then(Mono.error(new IllegalStateException("outer fails")))
                .as(required::transactional)).expectErrorMessage("outer fails").verify(WAIT);
        assertEquals(List.of("new"), names(t), "REQUIRES_NEW committed on its own connection");

        add(a, "x").then(add(a, "savepoint").then(Mono.error(new IllegalStateException("inner fails")))
                        .as(nested::transactional).onErrorResume(IllegalStateException.class, e -> Mono.empty()))
                .then(add(a, "z")).as(required::transactional).block(WAIT);
        assertEquals(List.of("new", "x", "z"), names(t), "NESTED rolled back to its savepoint; the outer committed");
    }

    @DatabaseTest
    void supportsMandatoryNever(TestDb t) {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        ReactiveTransactionManager tm = new ResequelTransactionManager(t.db().transactionManager());
        TransactionalOperator required = operator(tm, TransactionDefinition.PROPAGATION_REQUIRED);
        TransactionalOperator supports = operator(tm, TransactionDefinition.PROPAGATION_SUPPORTS);
        TransactionalOperator mandatory = operator(tm, TransactionDefinition.PROPAGATION_MANDATORY);
        TransactionalOperator never = operator(tm, TransactionDefinition.PROPAGATION_NEVER);

        StepVerifier.create(add(a, "s").then(Mono.error(new IllegalStateException("no tx to roll back")))
                .as(supports::transactional)).expectError(IllegalStateException.class).verify(WAIT);
        assertEquals(List.of("s"), names(t), "SUPPORTS without a transaction ran each statement on its own");

        StepVerifier.create(add(a, "m").as(mandatory::transactional))
                .expectError(IllegalTransactionStateException.class).verify(WAIT);
        add(a, "m").as(mandatory::transactional).as(required::transactional).block(WAIT);

        StepVerifier.create(add(a, "n").as(never::transactional).as(required::transactional))
                .expectError(IllegalTransactionStateException.class).verify(WAIT);
        add(a, "n").as(never::transactional).block(WAIT);
        assertEquals(List.of("m", "n", "s"), names(t));
    }

    /** A bean whose method Spring wraps in a transaction. */
    static class Accounts {
        private final Model<Instance> model;

        Accounts(Model<Instance> model) {
            this.model = model;
        }

        @Transactional
        public Mono<Void> createTwoThenFail() {
            return add(model, "one").then(add(model, "two")).then(Mono.error(new IllegalStateException("bean fails")));
        }

        @Transactional
        public Mono<Void> createTwo() {
            return add(model, "one").then(add(model, "two")).then();
        }
    }

    /** Turns on @Transactional. */
    @Configuration
    @EnableTransactionManagement
    static class Config {
    }

    @DatabaseTest
    void transactionalAnnotationRollsBack(TestDb t) {
        Model<Instance> a = TransactionTest.accounts(t, t.db());
        try (AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext()) {
            ctx.register(Config.class);
            ctx.registerBean("transactionManager", ReactiveTransactionManager.class,
                    () -> new ResequelTransactionManager(t.db().transactionManager()));
            ctx.registerBean(Accounts.class, () -> new Accounts(a));
            ctx.refresh();
            Accounts bean = ctx.getBean(Accounts.class);
            StepVerifier.create(bean.createTwoThenFail()).expectErrorMessage("bean fails").verify(WAIT);
            assertEquals(List.of(), names(t), "@Transactional rolled back both creates");
            bean.createTwo().block(WAIT);
            assertEquals(List.of("one", "two"), names(t));
        }
    }
}
