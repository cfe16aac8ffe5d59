package io.resequel.it;

import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelSpec;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Shared helpers of the belongs-to-many.test.js ports: every table is prefixed {@code btm_}. */
final class BtmSupport {

    static final Duration WAIT = Duration.ofSeconds(60);

    private BtmSupport() {
    }

    /** Defines a model whose table is {@code table} (prefixed by the caller). */
    static Model<Instance> model(TestDb t, String name, String table, Consumer<ModelSpec> spec) {
        return t.db().define(name, m -> {
            spec.accept(m);
            m.options(o -> o.tableName(table));
        });
    }

    /** A model with no attributes of its own. */
    static Model<Instance> model(TestDb t, String name, String table) {
        return model(t, name, table, m -> { });
    }

    /** Runs the work in an unmanaged transaction (Sequelize's {@code {transaction: t}} option). */
    static <T> Mono<T> in(Transaction tx, Mono<T> work) {
        return work.contextWrite(ctx -> TransactionContext.with(ctx, tx));
    }

    /** Runs the work in an unmanaged transaction. */
    static <T> Flux<T> in(Transaction tx, Flux<T> work) {
        return work.contextWrite(ctx -> TransactionContext.with(ctx, tx));
    }

    /** @return the value of one attribute of each instance */
    static List<Object> values(List<? extends Instance> l, String attribute) {
        return l.stream().map(i -> i.get(attribute)).toList();
    }

    /** @return the attribute names of the model */
    static Set<String> attributes(Model<?> m) {
        return m.definition().attributes().stream().map(a -> a.name()).collect(Collectors.toSet());
    }

    /** @return the number of rows of the (prefixed) table */
    static long count(TestDb t, String table) {
        Object n = t.raw("SELECT COUNT(*) AS n FROM " + t.q(table)).blockFirst(WAIT).get("n");
        return ((Number) n).longValue();
    }

    /** @return the rows of the table, all columns */
    static List<Map<String, Object>> rows(TestDb t, String table) {
        return t.raw("SELECT * FROM " + t.q(table)).collectList().block(WAIT);
    }

    /** @return the captured SELECT, INSERT, UPDATE and DELETE statements (not BEGIN, COMMIT or savepoints) */
    static List<String> queries(TestDb t) {
        return t.statements().stream().filter(s -> {
            String l = s.strip().toUpperCase(java.util.Locale.ROOT);
            return l.startsWith("SELECT") || l.startsWith("INSERT") || l.startsWith("DELETE")
                    || l.startsWith("UPDATE");
        }).collect(Collectors.toList());
    }

    /** @return the value as a long */
    static long asLong(Object v) {
        return ((Number) v).longValue();
    }
}
