package io.resequel.it;

import io.resequel.model.Attribute;
import io.resequel.model.Instance;
import io.resequel.model.Table;
import java.math.BigDecimal;

/** A typed model: its attribute constants make where/order/get type-checked. */
@Table(underscored = true)
public class Customer extends Instance {
    /** Status values. */
    public enum Tier { FREE, PRO }

    public static final Attribute<Customer, String> FIRST_NAME = Attribute.of("firstName", String.class,
            a -> a.allowNull(false));
    public static final Attribute<Customer, Integer> AGE = Attribute.of("age", Integer.class);
    public static final Attribute<Customer, BigDecimal> BALANCE = Attribute.of("balance", BigDecimal.class);
    public static final Attribute<Customer, Tier> TIER = Attribute.of("tier", Tier.class);

    public String getFirstName() {
        return get(FIRST_NAME);
    }

    public Integer getAge() {
        return get(AGE);
    }

    public Tier getTier() {
        return get(TIER);
    }
}
