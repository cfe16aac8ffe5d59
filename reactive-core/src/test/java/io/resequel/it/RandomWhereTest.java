package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.plan.Planner;
import io.resequel.query.FindOptions;
import io.resequel.query.Op;
import io.resequel.query.Where;
import io.resequel.sql.Sql;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Property test: 1,000 random where-trees (seeded, so a failure reproduces) render SQL whose placeholders match its
 * binds, and every database accepts each statement.
 */
class RandomWhereTest {

    private static final Op[] STRING_OPS = {Op.EQ, Op.NE, Op.GT, Op.LTE, Op.IN, Op.NOT_IN, Op.LIKE, Op.NOT_LIKE,
        Op.ILIKE, Op.NOT_ILIKE, Op.STARTS_WITH, Op.ENDS_WITH, Op.SUBSTRING, Op.REGEXP, Op.NOT_IREGEXP, Op.BETWEEN};
    private static final Op[] NUMBER_OPS = {Op.EQ, Op.NE, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.IN, Op.NOT_IN,
        Op.BETWEEN, Op.NOT_BETWEEN};

    @DatabaseTest
    void thousandRandomTreesRenderAndRun(TestDb t) {
        Model<Instance> p = OperatorsTest.people(t);
        Planner planner = new Planner(t.db().dialect());
        Random random = new Random(4);
        for (int i = 0; i < 1000; i++) {
            Where where = tree(random, 3);
            FindOptions options = FindOptions.builder().where(where).limit(5).build();
            Sql sql = planner.select(p.definition(), options).sql();
            assertEquals(sql.binds().size(), placeholders(sql.text()), () -> "tree " + where + " -> " + sql.text());
            p.findAll(options).collectList().block();
        }
    }

    private static Where tree(Random r, int depth) {
        int kind = depth == 0 ? 0 : r.nextInt(5);
        if (kind <= 1) {
            return leaf(r);
        }
        List<Where> items = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            items.add(tree(r, depth - 1));
        }
        return switch (kind) {
            case 2 -> new Where.And(items);
            case 3 -> new Where.Or(items);
            default -> Where.not(items.isEmpty() ? leaf(r) : items.get(0));
        };
    }

    private static Where leaf(Random r) {
        switch (r.nextInt(4)) {
            case 0 -> {
                Op op = STRING_OPS[r.nextInt(STRING_OPS.length)];
                // LIKE and regular-expression patterns are syntax: only escaped operators take arbitrary text.
                String alphabet = op == Op.REGEXP || op == Op.NOT_IREGEXP ? "aAdB1 "
                        : op == Op.LIKE || op == Op.NOT_LIKE || op == Op.ILIKE || op == Op.NOT_ILIKE ? "aAdB%_!'?:$ 1"
                        : "aAdB%_!'?:$\\\" 1";
                return Where.where(r.nextBoolean() ? "name" : "city", op, value(r, op, () -> text(r, alphabet)));
            }
            case 1 -> {
                Op op = NUMBER_OPS[r.nextInt(NUMBER_OPS.length)];
                if (r.nextInt(5) == 0 && op.ordinal() <= Op.LTE.ordinal()) {
                    return Where.where("age", op, r.nextBoolean() ? Where.col("minAge")
                            : r.nextBoolean() ? Where.any(List.of(r.nextInt(60), r.nextInt(60)))
                            : Where.all(List.of(r.nextInt(60))));
                }
                return Where.where("age", op, value(r, op, () -> r.nextInt(60)));
            }
            case 2 -> {
                Op op = new Op[] {Op.IS, Op.NOT, Op.EQ}[r.nextInt(3)];
                return Where.where("active", op, r.nextInt(3) == 0 ? null : r.nextBoolean());
            }
            default -> {
                return Where.where(r.nextBoolean() ? "city" : "age", r.nextBoolean() ? Op.EQ : Op.NE, null);
            }
        }
    }

    private static Object value(Random r, Op op, java.util.function.Supplier<Object> one) {
        return switch (op) {
            case IN, NOT_IN -> {
                List<Object> l = new ArrayList<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    l.add(one.get());
                }
                yield l;
            }
            case BETWEEN, NOT_BETWEEN -> Arrays.asList(one.get(), one.get());
            default -> one.get();
        };
    }

    private static String text(Random r, String alphabet) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** Counts {@code ?} and {@code $n} placeholders outside string literals. */
    static int placeholders(String sql) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '?' || c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1)))) {
                count++;
            }
        }
        return count;
    }
}
