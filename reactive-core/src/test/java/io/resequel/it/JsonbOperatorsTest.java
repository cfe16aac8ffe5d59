package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.ResequelException;
import io.resequel.error.UnsupportedOperatorException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL JSONB operators: containment {@code @>} / {@code <@} ({@code Op.CONTAINS} / {@code Op.CONTAINED}) and
 * key existence {@code ?}, {@code ?|}, {@code ?&} ({@code Op.KEY_EXISTS}, {@code ANY_KEY_EXISTS},
 * {@code ALL_KEYS_EXIST}), values bound; refused with {@link UnsupportedOperatorException} on H2 and MariaDB.
 */
class JsonbOperatorsTest {

    private static Model<Instance> docs(TestDb t) {
        Model<Instance> m = t.db().define("ev_doc", s -> s.attribute("name", DataTypes.STRING)
                .attribute("doc", DataTypes.JSONB)
                .options(o -> o.tableName("ev_docs").timestamps(false)));
        t.db().sync().block();
        m.bulkCreate(List.of(
                Map.of("name", "a", "doc", Map.of("company", "Magnafone", "tags", List.of("x", "y"), "level", 3)),
                Map.of("name", "b", "doc", Map.of("company", "Other", "owner", Map.of("name", "Ann"))),
                Map.of("name", "c", "doc", Map.of("company", "Magnafone")),
                Map.of("name", "d", "doc", List.of("company", "z")))).blockLast();
        return m;
    }

    private static List<String> names(Model<Instance> m, Where where) {
        return m.findAll(q -> q.where(where).order(Order.asc("name"))).map(i -> (String) i.get("name"))
                .collectList().block();
    }

    // tag::jsonb-operators[]
    static List<String> companiesAndKeys(Model<Instance> docs) {
        // doc @> '{"company":"Magnafone"}'
        List<String> magnafone = names(docs, Where.where("doc", Op.CONTAINS, Map.of("company", "Magnafone")));
        // doc ? 'owner'
        List<String> owned = names(docs, Where.where("doc", Op.KEY_EXISTS, "owner"));
        // doc ?| ARRAY['owner', 'tags']  /  doc ?& ARRAY['company', 'level']
        List<String> ownedOrTagged = names(docs, Where.where("doc", Op.ANY_KEY_EXISTS, List.of("owner", "tags")));
        List<String> leveled = names(docs, Where.where("doc", Op.ALL_KEYS_EXIST, List.of("company", "level")));
        return List.of(String.join(",", magnafone), String.join(",", owned), String.join(",", ownedOrTagged),
                String.join(",", leveled));
    }
    // end::jsonb-operators[]

    @DatabaseTest
    void containmentAndKeyExistence(TestDb t) {
        Model<Instance> m = docs(t);
        if (!t.is("postgres")) {
            for (Op op : List.of(Op.CONTAINS, Op.CONTAINED, Op.KEY_EXISTS, Op.ANY_KEY_EXISTS, Op.ALL_KEYS_EXIST)) {
                Object value = op == Op.KEY_EXISTS ? "owner" : op.name().contains("KEY") ? List.of("owner")
                        : Map.of("company", "Magnafone");
                Exception e = assertThrows(Exception.class, () -> names(m, Where.where("doc", op, value)));
                UnsupportedOperatorException u = assertInstanceOf(UnsupportedOperatorException.class, e);
                assertEquals(op.name(), u.operator());
                assertEquals(t.kind(), u.dialect());
            }
            return;
        }
        t.clearStatements();
        assertEquals(List.of("a,c", "b", "a,b", "a"), companiesAndKeys(m));
        List<String> sql = t.statements();
        assertTrue(sql.get(0).contains("AS JSONB) @> CAST($1 AS JSONB)"), sql.get(0));
        assertTrue(sql.get(1).contains("AS JSONB) ? CAST($1 AS TEXT)"), sql.get(1));
        assertTrue(sql.get(2).contains("?| ARRAY[CAST($1 AS TEXT), CAST($2 AS TEXT)]::TEXT[]"), sql.get(2));
        assertTrue(sql.get(3).contains("?& ARRAY["), sql.get(3));

        assertEquals(List.of("c"), names(m, Where.where("doc", Op.CONTAINED,
                Map.of("company", "Magnafone", "extra", true))), "<@: every key of the row is in the value");
        assertEquals(List.of("d"), names(m, Where.where("doc", Op.KEY_EXISTS, "z")), "a string element of an array");
        assertEquals(List.of("a", "b", "c", "d"), names(m, Where.where("doc", Op.ALL_KEYS_EXIST, List.of())),
                "?& of no keys holds for every row, as in PostgreSQL");
        assertEquals(List.of(), names(m, Where.where("doc", Op.ANY_KEY_EXISTS, List.of())));
        assertEquals(List.of("a"), names(m, Where.or(Where.where("doc", Op.KEY_EXISTS, "it's; ?"),
                Where.where("doc", Op.KEY_EXISTS, "level"))), "keys are bound, never spliced");
        assertEquals(List.of("a", "c", "d"), names(m, Where.not(Where.where("doc", Op.KEY_EXISTS, "owner"))));

        ResequelException wrong = assertThrows(ResequelException.class,
                () -> names(m, Where.where("doc", Op.KEY_EXISTS, List.of("owner"))));
        assertTrue(wrong.getMessage().contains("RSQ-307") && wrong.getMessage().contains("'doc'"), wrong.getMessage());
        Exception notJson = assertThrows(Exception.class, () -> names(m, Where.where("name", Op.KEY_EXISTS, "x")));
        assertTrue(assertInstanceOf(UnsupportedOperatorException.class, notJson).getMessage().contains("KEY_EXISTS"));
    }

    /** A plain JSON column is cast to JSONB for the operator, as for containment. */
    @DatabaseTest
    void keyExistenceOnAJsonColumn(TestDb t) {
        Model<Instance> m = t.db().define("ev_json", s -> s.attribute("doc", DataTypes.JSON)
                .options(o -> o.tableName("ev_json").timestamps(false)));
        t.db().sync().block();
        m.create(Map.of("doc", Map.of("k", 1))).block();
        if (!t.is("postgres")) {
            assertThrows(UnsupportedOperatorException.class,
                    () -> m.count(q -> q.where(Where.where("doc", Op.KEY_EXISTS, "k"))).block());
            return;
        }
        assertEquals(1L, m.count(q -> q.where(Where.where("doc", Op.KEY_EXISTS, "k"))).block());
        assertEquals(0L, m.count(q -> q.where(Where.where("doc", Op.ALL_KEYS_EXIST, List.of("k", "m")))).block());
    }
}
