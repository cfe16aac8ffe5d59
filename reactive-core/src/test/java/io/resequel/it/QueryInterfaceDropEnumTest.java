package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.UnsupportedFeatureException;
import io.resequel.model.DataTypes;
import io.resequel.schema.QueryInterface;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;

/**
 * Sequelize v6 {@code test/integration/query-interface/dropEnum.test.js}, and PostgreSQL's enum types created,
 * extended and dropped; elsewhere the enum calls are refused with a typed error.
 */
class QueryInterfaceDropEnumTest {

    @DatabaseTest
    void dropTheSpecifiedEnum(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        qi.dropTable("qi_de_menus").block();
        qi.createTable("qi_de_menus", m -> m.attribute("structuretype", DataTypes.ENUM("menus", "submenu", "routine"))
                .attribute("sequence", DataTypes.INTEGER).attribute("name", DataTypes.STRING)).block();
        try {
            if (!t.is("postgres")) {
                assertThrows(UnsupportedFeatureException.class, () -> qi.listEnums().block());
                assertThrows(UnsupportedFeatureException.class, () -> qi.dropEnum("enum_qi_de_menus_structuretype")
                        .block());
                return;
            }
            qi.removeColumn("qi_de_menus", "structuretype").block();
            assertEquals(List.of("menus", "submenu", "routine"),
                    qi.listEnums().block().get("enum_qi_de_menus_structuretype"));
            qi.dropEnum("enum_qi_de_menus_structuretype").block();
            assertFalse(qi.listEnums().block().containsKey("enum_qi_de_menus_structuretype"));
        } finally {
            qi.dropTable("qi_de_menus").block();
        }
    }

    @DatabaseTest
    void createExtendAndDropAnEnumType(TestDb t) {
        QueryInterface qi = t.db().queryInterface();
        if (!t.is("postgres")) {
            UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                    () -> qi.createEnum("qi_de_mood", "sad", "happy").block());
            assertTrue(e.getMessage().contains("enum"), e.getMessage());
            return;
        }
        qi.dropTable("qi_de_people").block();
        qi.dropEnum("qi_de_mood").block();
        try {
            qi.createEnum("qi_de_mood", "sad", "it's ok").block();
            qi.addEnumValue("qi_de_mood", "happy").block();
            qi.addEnumValue("qi_de_mood", "happy").block(); // already there: nothing happens
            qi.addEnumValueBefore("qi_de_mood", "furious", "sad").block();
            assertEquals(List.of("furious", "sad", "it's ok", "happy"), qi.listEnums().block().get("qi_de_mood"));
            t.rawUpdate("CREATE TABLE \"qi_de_people\" (\"mood\" \"qi_de_mood\")").block();
            assertEquals(List.of("furious", "sad", "it's ok", "happy"),
                    qi.describeTable("qi_de_people").block().get("mood").values());
            qi.dropTable("qi_de_people").block();
            qi.dropEnum("qi_de_mood").block();
            assertFalse(qi.listEnums().block().containsKey("qi_de_mood"));
        } finally {
            qi.dropTable("qi_de_people").block();
            qi.dropEnum("qi_de_mood").block();
        }
    }
}
