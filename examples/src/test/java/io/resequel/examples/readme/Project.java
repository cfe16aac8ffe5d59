package io.resequel.examples.readme;

import io.resequel.model.Attribute;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Table;
import java.math.BigDecimal;

// tag::quick-start-typed[]
// Typed definition, like Sequelize's TypeScript models
@Table(name = "projects", timestamps = false)
public class Project extends Instance {
    public static final Attribute<Project, String> NAME = Attribute.of("name", String.class, a -> a.allowNull(false));
    public static final Attribute<Project, BigDecimal> BUDGET = Attribute.of("budget", BigDecimal.class, DataTypes.DECIMAL(12, 2));
}
// end::quick-start-typed[]
