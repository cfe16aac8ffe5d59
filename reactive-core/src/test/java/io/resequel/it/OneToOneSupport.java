package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.resequel.assoc.Association;
import io.resequel.assoc.AssociationOptions;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ModelSpec;
import io.resequel.query.Include;
import io.resequel.query.Where;
import io.resequel.testkit.TestDb;
import io.resequel.tx.Transaction;
import io.resequel.tx.TransactionContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * What the ports of Sequelize's belongs-to.test.js and has-one.test.js share: the two files run the same scenarios
 * (constraints, eager loading) on a belongsTo from Task to User and on a hasOne from User to Task.
 */
final class OneToOneSupport {

    static final Duration WAIT = Duration.ofSeconds(60);

    private OneToOneSupport() {
    }

    /** @return a model named as in Sequelize (the name makes the keys) on the table {@code <prefix><name>} */
    static Model<Instance> model(TestDb t, String prefix, String name, Consumer<ModelSpec> spec) {
        return t.db().define(name, m -> {
            spec.accept(m);
            m.options(o -> o.tableName(prefix + name.toLowerCase(Locale.ROOT)));
        });
    }

    static <T> Mono<T> in(Transaction tx, Mono<T> work) {
        return work.contextWrite(ctx -> TransactionContext.with(ctx, tx));
    }

    static long id(Instance i) {
        return ((Number) i.get("id")).longValue();
    }

    static Long asLong(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }

    /** Runs {@code body} with a fresh schema (a MySQL database) named with our prefix, dropped and checked gone. */
    static void withSchema(TestDb t, Consumer<String> body) {
        String schema = "bto_archive_" + UUID.randomUUID().toString().substring(0, 8);
        t.db().queryInterface().createSchema(schema).block(WAIT);
        boolean dropped = false;
        try {
            body.accept(schema);
            t.db().queryInterface().dropSchema(schema).block(WAIT);
            dropped = true;
            assertFalse(t.db().queryInterface().showAllSchemas().collectList().block(WAIT).contains(schema));
        } finally {
            if (!dropped) {
                t.db().queryInterface().dropSchema(schema).onErrorResume(e -> Mono.empty()).block(WAIT);
            }
        }
    }

    /** Declares the association under test between tasks and users; returns how to link a user and a task. */
    interface Declare {
        BiFunction<Instance, Instance, Mono<?>> declare(Model<Instance> tasks, Model<Instance> users,
                Consumer<AssociationOptions> options);
    }

    /** A user "foo" and a task "task", synced and linked. */
    record Linked(TestDb t, String prefix, Model<Instance> tasks, Model<Instance> users, Instance user,
            Instance task) {

        String userTable() {
            return prefix + "user";
        }

        List<Instance> tasksNow() {
            return tasks.findAll().collectList().block(WAIT);
        }

        /** Changes the user's key behind the ORM's back, as Sequelize's {@code queryInterface.update}. */
        Mono<Long> moveUserKeyTo(int key) {
            return t.db().queryInterface().bulkUpdate(userTable(), Map.of("id", key), Where.eq("id", user.get("id")));
        }

        void restrictsDelete() {
            StepVerifier.create(user.destroy()).expectError(ForeignKeyConstraintException.class).verify(WAIT);
            assertEquals(1, tasksNow().size());
        }

        void restrictsUpdate() {
            StepVerifier.create(moveUserKeyTo(999)).expectError(ForeignKeyConstraintException.class).verify(WAIT);
            assertEquals(List.of(id(user)), tasksNow().stream().map(i -> asLong(i.get("UserId"))).toList());
        }

        void cascadesUpdate() {
            moveUserKeyTo(999).block(WAIT);
            assertEquals(List.of(999L), tasksNow().stream().map(i -> asLong(i.get("UserId"))).toList());
        }

        void cascadesDelete() {
            user.destroy().block(WAIT);
            assertEquals(0L, tasks.count().block(WAIT));
        }

        /** The key after the user is deleted. */
        Long keyAfterUserDeleted() {
            user.destroy().block(WAIT);
            task.reload().block(WAIT);
            return asLong(task.get("UserId"));
        }
    }

    static Linked linked(TestDb t, String prefix, Declare kind, Consumer<AssociationOptions> options) {
        Model<Instance> tasks = model(t, prefix, "Task", m -> m.attribute("title", DataTypes.STRING));
        Model<Instance> users = model(t, prefix, "User", m -> m.attribute("username", DataTypes.STRING));
        BiFunction<Instance, Instance, Mono<?>> link = kind.declare(tasks, users, options);
        t.db().sync().block(WAIT);
        Instance user = users.create(Map.of("username", "foo")).block(WAIT);
        Instance task = tasks.create(Map.of("title", "task")).block(WAIT);
        link.apply(user, task).block(WAIT);
        return new Linked(t, prefix, tasks, users, user, task);
    }

    /** An individual wearing a hat through the association aliased {@code personwearinghat}. */
    record Hats(Model<Instance> individuals, Model<Instance> hats, Association<Instance, Instance> wearing) {

        Instance fooBar(Include include) {
            Instance i = individuals.findOne(q -> q.where("name", "Foo Bar").include(include)).block(WAIT);
            assertEquals("Foo Bar", i.get("name"));
            return i;
        }

        void loadsWithAnAlias() {
            assertEquals("Baz", fooBar(Include.of(hats).as("personwearinghat"))
                    .getOne("personwearinghat", Instance.class).get("name"));
            // Sequelize's second form, as: {singular: 'personwearinghat'}, is the same string in Java: the
            // association object names it instead.
            assertEquals("Baz", fooBar(Include.of(wearing)).getOne("personwearinghat", Instance.class).get("name"));
        }

        void loadsAll() {
            assertEquals("Baz", fooBar(Include.all()).getOne("personwearinghat", Instance.class).get("name"));
        }
    }

    /** {@code declare(individuals, hats)} declares the association and returns it with its linking mixin. */
    static Hats hats(TestDb t, String prefix, BiFunction<Model<Instance>, Model<Instance>,
            Map.Entry<Association<Instance, Instance>, BiFunction<Instance, Instance, Mono<?>>>> declare) {
        Model<Instance> individual = model(t, prefix, "individual", m -> m.attribute("name", DataTypes.STRING));
        Model<Instance> hat = model(t, prefix, "hat", m -> m.attribute("name", DataTypes.STRING));
        var wearing = declare.apply(individual, hat);
        t.db().sync().block(WAIT);
        Instance i = individual.create(Map.of("name", "Foo Bar")).block(WAIT);
        Instance h = hat.create(Map.of("name", "Baz")).block(WAIT);
        wearing.getValue().apply(i, h).block(WAIT);
        return new Hats(individual, hat, wearing.getKey());
    }
}
