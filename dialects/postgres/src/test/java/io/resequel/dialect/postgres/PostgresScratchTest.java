package io.resequel.dialect.postgres;
import io.resequel.model.*;
import org.junit.jupiter.api.Test;
class PostgresScratchTest {
  @Test void print() {
    PostgresDialect d = new PostgresDialect();
    ModelDefinition m = PostgresTestModels.define("User", s -> s.options(o -> o.schema("s"))
      .attribute("status", DataTypes.ENUM("a", "b"), a -> a.defaultValue("a"))
      .attribute("email", DataTypes.STRING, a -> a.unique(true).allowNull(false).comment("mail")));
    d.createTable(m).forEach(System.out::println);
    d.dropTable(m).forEach(System.out::println);
    d.changeColumn(m, m.attribute("status")).forEach(System.out::println);
    d.changeColumn(m, m.attribute("email")).forEach(System.out::println);
    d.changeColumn(m, m.attribute("id")).forEach(System.out::println);
    System.out.println(d.describeTable(null, "Users").text());
  }
}
