package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.DatabaseException;
import io.resequel.model.DataTypes;
import io.resequel.model.ReferentialAction;
import io.resequel.model.TableConstraint;
import io.resequel.query.Op;
import io.resequel.query.Where;
import io.resequel.schema.ConstraintDescription;
import io.resequel.schema.QueryInterface;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/**
 * Sequelize v6 {@code test/unit/sql/add-constraint.test.js}, {@code get-constraint-snippet.test.js} (the same
 * snippets, which Sequelize also writes inside CREATE TABLE), {@code show-constraints.test.js} and
 * {@code remove-constraint.test.js}. Each {@code addConstraint} is run: the statement sent is asserted, then
 * {@code showConstraint} reads the constraint back from the catalog, and the database enforces it. Tables are
 * prefixed {@code sd_}.
 */
class SequelizeConstraintSqlTest {

    private static final String TABLE = "sd_myTable";
    private static final String OTHER = "sd_myOtherTable";

    private static QueryInterface tables(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.createTable(OTHER, m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true))
                .attribute("id1", DataTypes.INTEGER, a -> a.allowNull(false))
                .attribute("id2", DataTypes.INTEGER, a -> a.allowNull(false))).block();
        qi.createTable(TABLE, m -> m
                .attribute("myColumn", DataTypes.INTEGER, a -> a.allowNull(false))
                .attribute("myColumn1", DataTypes.INTEGER, a -> a.allowNull(false))
                .attribute("myColumn2", DataTypes.INTEGER, a -> a.allowNull(false))
                .attribute("anotherColumn", DataTypes.INTEGER)
                .attribute("word", DataTypes.STRING)).block();
        t.clearStatements();
        return qi;
    }

    /** Adds the constraint, asserts the one statement sent (quoted per database) and returns it as read back. */
    private static ConstraintDescription add(TestDb t, QueryInterface qi, TableConstraint c, String expected) {
        t.clearStatements();
        qi.addConstraint(TABLE, c).block();
        String sql = expected.replace('[', t.q("x").charAt(0)).replace(']', t.q("x").charAt(0));
        assertEquals(List.of(sql), t.statements().stream().filter(s -> s.startsWith("ALTER")).toList());
        // MySQL and MariaDB name every primary key PRIMARY, whatever it was given.
        String name = t.is("mysql") && c.type() == TableConstraint.Type.PRIMARY_KEY ? "PRIMARY" : c.nameFor(TABLE);
        return qi.showConstraint(TABLE).filter(d -> d.name().equals(name)).next()
                .blockOptional().orElseThrow(() -> new AssertionError(name + " not in the catalog"));
    }

    private static void insert(TestDb t, String table, Map<String, Object> row) {
        t.db().queryInterface().bulkInsert(table, List.of(row)).block();
    }

    // ---- unique -----------------------------------------------------------------------------------------------

    @DatabaseTest
    void uniqueNaming(TestDb t) {
        QueryInterface qi = tables(t);
        ConstraintDescription d = add(t, qi, TableConstraint.unique("myColumn").name("unique_mytable_mycolumn"),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [unique_mytable_mycolumn] UNIQUE ([myColumn])");
        assertEquals("UNIQUE", d.type());
        assertEquals(List.of("myColumn"), d.fields());
        insert(t, TABLE, Map.of("myColumn", 1, "myColumn1", 1, "myColumn2", 1));
        assertThrows(DatabaseException.class, () -> insert(t, TABLE, Map.of("myColumn", 1, "myColumn1", 2,
                "myColumn2", 2)));
    }

    @DatabaseTest
    void uniqueCreatesTheNameIfNotPassed(TestDb t) {
        QueryInterface qi = tables(t);
        ConstraintDescription d = add(t, qi, TableConstraint.unique("myColumn"),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [sd_myTable_myColumn_uk] UNIQUE ([myColumn])");
        assertEquals("UNIQUE", d.type());
    }

    @DatabaseTest
    void uniqueWorksWithMultipleColumns(TestDb t) {
        QueryInterface qi = tables(t);
        ConstraintDescription d = add(t, qi, TableConstraint.unique("myColumn1", "myColumn2"),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [sd_myTable_myColumn1_myColumn2_uk] UNIQUE ([myColumn1], "
                        + "[myColumn2])");
        assertEquals(List.of("myColumn1", "myColumn2"), d.fields());
        insert(t, TABLE, Map.of("myColumn", 1, "myColumn1", 1, "myColumn2", 1));
        insert(t, TABLE, Map.of("myColumn", 2, "myColumn1", 1, "myColumn2", 2));
        assertThrows(DatabaseException.class, () -> insert(t, TABLE, Map.of("myColumn", 3, "myColumn1", 1,
                "myColumn2", 2)));
    }

    // ---- check ------------------------------------------------------------------------------------------------

    @DatabaseTest
    void checkNaming(TestDb t) {
        QueryInterface qi = tables(t);
        ConstraintDescription d = add(t, qi,
                TableConstraint.check(Where.in("word", List.of("value1", "value2", "value3")), "word"),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [sd_myTable_word_ck] CHECK ([word] IN ('value1', 'value2', "
                        + "'value3'))");
        assertEquals("CHECK", d.type());
        insert(t, TABLE, Map.of("myColumn", 1, "myColumn1", 1, "myColumn2", 1, "word", "value2"));
        assertThrows(DatabaseException.class, () -> insert(t, TABLE, Map.of("myColumn", 2, "myColumn1", 2,
                "myColumn2", 2, "word", "value4")));
    }

    @DatabaseTest
    void checkWhere(TestDb t) {
        QueryInterface qi = tables(t);
        add(t, qi, TableConstraint.check(Where.and(Where.where("myColumn", Op.GT, 50), Where.where("myColumn", Op.LT, 100)), "myColumn")
                        .name("check_mycolumn_where"),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [check_mycolumn_where] CHECK (([myColumn] > 50 AND "
                        + "[myColumn] < 100))");
        insert(t, TABLE, Map.of("myColumn", 51, "myColumn1", 1, "myColumn2", 1));
        assertThrows(DatabaseException.class, () -> insert(t, TABLE, Map.of("myColumn", 100, "myColumn1", 1,
                "myColumn2", 1)));
    }

    // ---- primary key ------------------------------------------------------------------------------------------

    @DatabaseTest
    void primaryKeyNaming(TestDb t) {
        QueryInterface qi = tables(t);
        ConstraintDescription d = add(t, qi, TableConstraint.primaryKey("myColumn").name("primary_mytable_mycolumn"),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [primary_mytable_mycolumn] PRIMARY KEY ([myColumn])");
        assertEquals("PRIMARY KEY", d.type());
        assertTrue(qi.describeTable(TABLE).block().get("myColumn").primaryKey());
    }

    @DatabaseTest
    void primaryKeyCreatesTheNameIfNotPassed(TestDb t) {
        QueryInterface qi = tables(t);
        add(t, qi, TableConstraint.primaryKey("myColumn"),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [sd_myTable_myColumn_pk] PRIMARY KEY ([myColumn])");
    }

    @DatabaseTest
    void primaryKeyWorksWithMultipleColumns(TestDb t) {
        QueryInterface qi = tables(t);
        add(t, qi, TableConstraint.primaryKey("myColumn1", "myColumn2"),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [sd_myTable_myColumn1_myColumn2_pk] PRIMARY KEY "
                        + "([myColumn1], [myColumn2])");
        Map<String, io.resequel.schema.ColumnDescription> cols = qi.describeTable(TABLE).block();
        assertTrue(cols.get("myColumn1").primaryKey() && cols.get("myColumn2").primaryKey());
        assertFalse(cols.get("myColumn").primaryKey());
    }

    // ---- foreign key ------------------------------------------------------------------------------------------

    @DatabaseTest
    void foreignKeyNaming(TestDb t) {
        QueryInterface qi = tables(t);
        ConstraintDescription d = add(t, qi, TableConstraint.foreignKey("myColumn").references(OTHER, "id")
                        .name("foreignkey_mytable_mycolumn"),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [foreignkey_mytable_mycolumn] FOREIGN KEY ([myColumn]) "
                        + "REFERENCES [sd_myOtherTable] ([id])");
        assertEquals("FOREIGN KEY", d.type());
        assertEquals(OTHER, d.referencedTable());
        assertEquals(List.of("id"), d.referencedFields());
        assertThrows(DatabaseException.class, () -> insert(t, TABLE, Map.of("myColumn", 7, "myColumn1", 1,
                "myColumn2", 1)));
    }

    /** Sequelize writes ON UPDATE before ON DELETE here (and the reverse in column references); either is SQL. */
    @DatabaseTest
    void foreignKeySupportsCompositeKeys(TestDb t) {
        QueryInterface qi = tables(t);
        qi.addConstraint(OTHER, TableConstraint.unique("id1", "id2")).block();
        ConstraintDescription d = add(t, qi, TableConstraint.foreignKey("myColumn", "anotherColumn")
                        .references(OTHER, List.of("id1", "id2"))
                        .onUpdate(ReferentialAction.CASCADE).onDelete(ReferentialAction.CASCADE),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [sd_myTable_myColumn_anotherColumn_sd_myOtherTable_fk] "
                        + "FOREIGN KEY ([myColumn], [anotherColumn]) REFERENCES [sd_myOtherTable] ([id1], [id2]) "
                        + "ON DELETE CASCADE ON UPDATE CASCADE");
        assertEquals(List.of("myColumn", "anotherColumn"), d.fields());
        assertEquals(List.of("id1", "id2"), d.referencedFields());
        assertEquals("CASCADE", d.onDelete());
        assertEquals("CASCADE", d.onUpdate());
        insert(t, OTHER, Map.of("id", 1, "id1", 10, "id2", 20));
        insert(t, TABLE, Map.of("myColumn", 10, "myColumn1", 1, "myColumn2", 1, "anotherColumn", 20));
        assertThrows(DatabaseException.class, () -> insert(t, TABLE, Map.of("myColumn", 10, "myColumn1", 1,
                "myColumn2", 1, "anotherColumn", 21)));
        qi.bulkDelete(OTHER, Where.eq("id", 1)).block();
        assertEquals(0L, t.raw("SELECT * FROM " + t.q(TABLE)).count().block(), "ON DELETE CASCADE");
        assertThrows(IllegalArgumentException.class,
                () -> TableConstraint.foreignKey("a", "b").references(OTHER, List.of("id1")));
    }

    @DatabaseTest
    void foreignKeyUsesOnDeleteOnUpdate(TestDb t) {
        QueryInterface qi = tables(t);
        ConstraintDescription d = add(t, qi, TableConstraint.foreignKey("myColumn").references(OTHER, "id")
                        .onUpdate(ReferentialAction.CASCADE).onDelete(ReferentialAction.CASCADE),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [sd_myTable_myColumn_sd_myOtherTable_fk] FOREIGN KEY "
                        + "([myColumn]) REFERENCES [sd_myOtherTable] ([id]) ON DELETE CASCADE ON UPDATE CASCADE");
        assertEquals("CASCADE", d.onDelete());
        assertEquals("CASCADE", d.onUpdate());
        insert(t, OTHER, Map.of("id", 1, "id1", 1, "id2", 1));
        insert(t, TABLE, Map.of("myColumn", 1, "myColumn1", 1, "myColumn2", 1));
        qi.bulkUpdate(OTHER, Map.of("id", 2), Where.eq("id", 1)).block();
        assertEquals(2, ((Number) t.raw("SELECT " + t.q("myColumn") + " AS v FROM " + t.q(TABLE)).blockFirst()
                .get("v")).intValue(), "ON UPDATE CASCADE");
    }

    @DatabaseTest
    void foreignKeyUsesOnDeleteNoAction(TestDb t) {
        QueryInterface qi = tables(t);
        ConstraintDescription d = add(t, qi, TableConstraint.foreignKey("myColumn").references(OTHER, "id")
                        .onUpdate(ReferentialAction.CASCADE).onDelete(ReferentialAction.NO_ACTION),
                "ALTER TABLE [sd_myTable] ADD CONSTRAINT [sd_myTable_myColumn_sd_myOtherTable_fk] FOREIGN KEY "
                        + "([myColumn]) REFERENCES [sd_myOtherTable] ([id]) ON DELETE NO ACTION ON UPDATE CASCADE");
        // MySQL and MariaDB report NO ACTION as RESTRICT, their synonym.
        assertTrue(List.of("NO ACTION", "RESTRICT").contains(d.onDelete()), d.onDelete());
        insert(t, OTHER, Map.of("id", 1, "id1", 1, "id2", 1));
        insert(t, TABLE, Map.of("myColumn", 1, "myColumn1", 1, "myColumn2", 1));
        assertThrows(DatabaseException.class, () -> qi.bulkDelete(OTHER, Where.eq("id", 1)).block());
    }

    @DatabaseTest
    void foreignKeyErrorsIfReferencesAreNotPassed(TestDb t) {
        QueryInterface qi = tables(t);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> qi.addConstraint(TABLE, TableConstraint.foreignKey("myColumn")).block());
        assertTrue(e.getMessage().contains("references(table, column)"), e.getMessage());
        assertTrue(t.statements().stream().noneMatch(s -> s.startsWith("ALTER")), t.statements().toString());
    }

    // ---- remove-constraint.test.js, show-constraints.test.js --------------------------------------------------

    @DatabaseTest
    void removeConstraintNaming(TestDb t) {
        QueryInterface qi = tables(t);
        qi.addConstraint(TABLE, TableConstraint.unique("myColumn").name("constraint_name")).block();
        t.clearStatements();
        qi.removeConstraint(TABLE, "constraint_name").block();
        String expected = t.is("mysql") ? "ALTER TABLE `sd_myTable` DROP INDEX `constraint_name`"
                : "ALTER TABLE " + t.q(TABLE) + " DROP CONSTRAINT " + t.q("constraint_name");
        assertEquals(List.of(expected), t.statements().stream().filter(s -> s.startsWith("ALTER")).toList());
        assertTrue(qi.showConstraint(TABLE).filter(c -> c.name().equals("constraint_name")).collectList().block()
                .isEmpty());
    }

    @DatabaseTest
    void removeConstraintWithASchema(TestDb t) {
        QueryInterface root = t.db().queryInterface();
        root.createSchema("sd_inspections").block();
        try {
            QueryInterface qi = root.withSchema("sd_inspections");
            qi.createTable("myTable", m -> m.attribute("myColumn", DataTypes.INTEGER)).block();
            qi.addConstraint("myTable", TableConstraint.unique("myColumn").name("constraint_name")).block();
            t.clearStatements();
            qi.removeConstraint("myTable", "constraint_name").block();
            String drop = t.is("mysql") ? "DROP INDEX" : "DROP CONSTRAINT";
            assertEquals(List.of("ALTER TABLE " + t.q("sd_inspections") + "." + t.q("myTable") + " " + drop + " "
                    + t.q("constraint_name")), t.statements().stream().filter(s -> s.startsWith("ALTER")).toList());
            assertTrue(qi.showConstraint("myTable").filter(c -> c.name().equals("constraint_name")).collectList()
                    .block().isEmpty());
        } finally {
            root.dropSchema("sd_inspections").block();
        }
    }

    /** showConstraintsQuery('myTable'): every constraint of the table, of this table only. */
    @DatabaseTest
    void showConstraintNaming(TestDb t) {
        QueryInterface qi = tables(t);
        qi.addConstraint(TABLE, TableConstraint.unique("myColumn").name("myConstraintName")).block();
        qi.addConstraint(OTHER, TableConstraint.unique("id1").name("otherConstraint")).block();
        List<String> names = qi.showConstraint(TABLE).map(ConstraintDescription::name).collectList().block();
        assertTrue(names.contains("myConstraintName"), names.toString());
        assertFalse(names.contains("otherConstraint"), names.toString());
    }
}
