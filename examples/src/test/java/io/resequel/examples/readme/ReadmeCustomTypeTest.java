package io.resequel.examples.readme;

import static io.resequel.examples.readme.ReadmeDb.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.resequel.Resequel;
import io.resequel.error.ValidationException;
import io.resequel.model.CustomType;
import io.resequel.model.DataType;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Op;
import io.resequel.query.Where;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

/** The README's "Custom data types", run on each database. */
class ReadmeCustomTypeTest {

    // tag::custom-type[]
    // Amounts with two decimals, stored as whole cents in a BIGINT.
    static final class Money extends CustomType<BigDecimal, Long> {
        private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE, 2);

        Money() {
            super("MONEY", BigDecimal.class, DataTypes.BIGINT);
        }

        @Override
        public Long toDriver(BigDecimal amount) {
            return amount.movePointRight(2).longValueExact();
        }

        @Override
        public BigDecimal fromDriver(Long cents) {
            return BigDecimal.valueOf(cents, 2);
        }

        @Override
        public String validate(BigDecimal amount) {
            if (amount.stripTrailingZeros().scale() > 2) {
                return "must have at most 2 decimals, got " + amount.toPlainString();
            }
            return amount.abs().compareTo(MAX) > 0 ? "is out of range: " + amount.toPlainString() : null;
        }

        @Override
        public boolean same(BigDecimal a, BigDecimal b) {
            return a.compareTo(b) == 0; // 5.0 and 5.00 are the same amount
        }
    }

    static final DataType MONEY = DataTypes.custom(new Money());
    // end::custom-type[]

    @ParameterizedTest
    @MethodSource("io.resequel.examples.readme.ReadmeDb#all")
    void money(String database) {
        Resequel db = ReadmeDb.connect(database, "custom_type");
        try {
            // tag::custom-type-use[]
            Model<Instance> products = db.define("Product", s -> s.attribute("price", MONEY));
            db.sync().block();
            products.create(Map.of("price", new BigDecimal("19.99"))).block();            // stores 1999
            List<Instance> over5 = products.findAll(q -> q.where(Where.where("price", Op.GT, new BigDecimal("5"))))
                    .collectList().block();                                                 // binds 500
            Mono<Instance> invalid = products.create(Map.of("price", new BigDecimal("1.005")));
            // -> ValidationException: Product.price must have at most 2 decimals, got 1.005
            // end::custom-type-use[]
            assertEquals(1, over5.size());
            assertEquals(new BigDecimal("19.99"), over5.get(0).get("price"));
            assertEquals(1999L, ((Number) db.select("SELECT " + db.dialect().quote("price") + " FROM "
                    + db.dialect().quote("Products"), o -> { }).blockFirst(WAIT).values().iterator().next()).longValue());
            ValidationException e = assertThrows(ValidationException.class, () -> invalid.block(WAIT));
            assertEquals("Product.price must have at most 2 decimals, got 1.005", e.items().get(0).message());
        } finally {
            db.close().block(WAIT);
        }
    }
}
