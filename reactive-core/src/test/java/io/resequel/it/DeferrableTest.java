package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.error.UnsupportedOperatorException;
import io.resequel.model.DataTypes;
import io.resequel.model.Deferrable;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import io.resequel.tx.ConstraintCheck;
import io.resequel.tx.TransactionOptions;
import java.util.Map;
import reactor.test.StepVerifier;

/** Deferrable foreign keys and the transaction's constraints option (Sequelize's {@code deferrable}). */
class DeferrableTest {

    @DatabaseTest
    void deferredForeignKeyIsCheckedAtCommit(TestDb t) {
        Model<Instance> teams = t.db().define("Team", m -> m.attribute("name", DataTypes.STRING)
                .options(o -> o.timestamps(false)));
        Model<Instance> players = t.db().define("Player", m -> m
                .attribute("teamId", DataTypes.INTEGER, a -> a.references(teams, "id").deferrable(Deferrable.INITIALLY_IMMEDIATE))
                .options(o -> o.timestamps(false)));
        t.db().sync().block();
        TransactionOptions deferred = TransactionOptions.builder().constraints(ConstraintCheck.setDeferred()).build();
        // The child row comes first and its parent later: only a deferred check accepts that order.
        var work = t.db().transaction(deferred, tx -> players.create(Map.of("teamId", 7))
                .then(teams.create(Map.of("id", 7, "name", "late"))));
        if (!t.is("postgres")) {
            StepVerifier.create(work).expectError(UnsupportedOperatorException.class).verify();
            assertEquals(0L, players.count().block(), "refused before BEGIN: nothing written");
            return;
        }
        StepVerifier.create(work).expectNextCount(1).verifyComplete();
        assertEquals(1L, players.count().block());
        assertTrue(t.statements().stream().anyMatch(s -> s.contains("DEFERRABLE INITIALLY IMMEDIATE")),
                "the DDL declares the key deferrable");

        // Without the option the key is checked per statement, as declared.
        StepVerifier.create(t.db().transaction(tx -> players.create(Map.of("teamId", 8))))
                .expectError(ForeignKeyConstraintException.class).verify();
        assertEquals(1L, players.count().block());
    }
}
