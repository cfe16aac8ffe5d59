package io.resequel.examples;

import java.time.Duration;
import io.resequel.tx.TransactionOptions;
import io.resequel.query.Lock;
import io.resequel.Retries;
import io.r2dbc.spi.IsolationLevel;
import io.resequel.Resequel;
import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.error.UnknownAttributeException;
import io.resequel.error.ValidationException;
import io.resequel.model.Attribute;
import io.resequel.model.DataTypes;
import io.resequel.model.DefaultValue;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.Table;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.SyncOptions;
import io.resequel.query.Where;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * A runnable tour of Resequel on in-memory H2: define models (by name and as a typed class), sync, create, query,
 * update and delete, printing each step and the SQL it ran. Run it with the README's command.
 */
public final class Tour {

    /** A typed model: attribute constants make where, order and get checked by the compiler. */
    @Table(underscored = true)
    public static class Project extends Instance {
        /** The project name. */
        public static final Attribute<Project, String> NAME = Attribute.of("name", String.class, a -> a.allowNull(false).unique(true));
        /** The budget, exact to the cent. */
        public static final Attribute<Project, BigDecimal> BUDGET = Attribute.of("budget", BigDecimal.class, DataTypes.DECIMAL(12, 2));
        /** A public identifier generated on build. */
        public static final Attribute<Project, UUID> PUBLIC_ID = Attribute.of("publicId", UUID.class, a -> a.defaultValue(DefaultValue.UUIDV4));

        /** @return the name */
        public String getName() {
            return get(NAME);
        }
    }

    private Tour() {
    }

    /** @param args an optional R2DBC URL (default {@code r2dbc:h2:mem:///tour}) */
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "r2dbc:h2:mem:///tour";
        Resequel db = Resequel.builder().url(url).logging(true).build();
        step("Connected to " + url + " with the " + db.dialect().name() + " dialect");

        Model<Instance> users = db.define("User", m -> m
                .attribute("firstName", DataTypes.STRING, a -> a.allowNull(false))
                .attribute("lastName", DataTypes.STRING)
                .attribute("age", DataTypes.INTEGER, a -> a.defaultValue(0))
                .attribute("settings", DataTypes.JSON));
        Model<Project> projects = db.define(Project.class);
        Model<Instance> tasks = db.define("Task", m -> m.attribute("title", DataTypes.STRING, a -> a.allowNull(false)));
        HasMany<Instance, Instance> userTasks = users.hasMany(tasks, a -> a.as("tasks").foreignKey("ownerId"));
        tasks.belongsTo(users, a -> a.as("owner").foreignKey("ownerId"));
        BelongsToMany<Instance, Project> members = users.belongsToMany(projects, a -> a.as("projects")
                .through("Memberships"));
        projects.belongsToMany(users, a -> a.as("members").through("Memberships"));
        step("Defined " + users + ", " + projects + ", " + tasks + " and their associations " + users.associations());

        db.authenticate().then(db.sync(SyncOptions.force())).block();
        step("Synced: tables created");

        Instance ada = users.create(Map.of("firstName", "Ada", "lastName", "Lovelace", "age", 36,
                "settings", Map.of("theme", "dark"))).block();
        step("Created " + ada);

        users.bulkCreate(List.of(
                Map.of("firstName", "Alan", "lastName", "Turing", "age", 41),
                Map.of("firstName", "Grace", "lastName", "Hopper", "age", 85),
                Map.of("firstName", "Edsger", "lastName", "Dijkstra", "age", 72))).then().block();
        step("Bulk-created 3 users in one transaction");

        List<Instance> seniors = users.findAll(q -> q.where("age", Op.GTE, 40).order(io.resequel.query.Order.desc("age")))
                .collectList().block();
        step("Users aged 40 or more, oldest first: " + seniors.stream().map(u -> u.get("firstName")).toList());

        Instance found = users.findOne(q -> q.where(Where.or(Where.eq("lastName", "Hopper"), Where.eq("age", 99)))).block();
        step("findOne(lastName = Hopper OR age = 99): " + found.get("firstName"));

        found.set("age", 86);
        step("Changed after set: " + found.changed() + ", previous age " + found.previous("age"));
        found.save().block();
        step("Saved: only the changed column (and updatedAt) was written");

        ada.increment("age", 1).then(ada.reload()).block();
        step("Atomic increment, then reload: Ada is " + ada.get("age"));

        Project p = projects.create(Map.of("name", "Analytical Engine", "budget", new BigDecimal("1234.50"))).block();
        Project again = projects.findAll(q -> q.where(Project.BUDGET.gt(new BigDecimal("1000")))).blockFirst();
        step("Typed model: " + again.getName() + " budget " + again.get(Project.BUDGET) + " id " + again.get(Project.PUBLIC_ID)
                + " (same row: " + p.equals(again) + ")");

        // README "Transactions": the Mono form gives its result only after COMMIT succeeded
        Model<Instance> accounts = db.define("Account", m -> m.attribute("name", DataTypes.STRING)
                .attribute("balance", DataTypes.INTEGER).options(o -> o.timestamps(false)));
        db.sync().then(accounts.bulkCreate(List.of(Map.of("name", "ada", "balance", 100),
                Map.of("name", "linus", "balance", 0))).then()).block();
        Mono<Instance> moved = db.transaction(t -> accounts.findOne(q -> q.where("name", "ada").lock(Lock.UPDATE))
                .flatMap(a -> a.decrement("balance", 10))
                .then(accounts.increment(Map.of("balance", 10), Where.eq("name", "linus")))
                .then(accounts.findOne(q -> q.where("name", "linus"))));
        Mono<Long> retried = db.transaction(TransactionOptions.builder()
                .isolation(IsolationLevel.REPEATABLE_READ)
                .retry(Retries.onConflict(3, Duration.ofMillis(20)))
                .build(),
            t -> accounts.count());
        step("Transaction committed, then: linus has " + moved.block().get("balance") + "; "
                + retried.block() + " accounts counted in a repeatable-read transaction");

        Instance linus = users.create(Map.of("firstName", "Linus", "age", 30, "tasks", List.of(
                Map.of("title", "write a kernel"), Map.of("title", "write git"))), Include.of("tasks")).block();
        step("Created a user with 2 tasks in one transaction: " + linus.getMany("tasks", Instance.class).size());
        userTasks.create(ada, Map.of("title", "notes on the engine")).block();
        members.add(ada, p).block();
        step("Mixins: Ada has " + userTasks.count(ada).block() + " task(s) and is a member of "
                + members.get(ada).map(Project::getName).collectList().block());
        List<Instance> withTasks = users.findAll(q -> q.include(Include.of(tasks).as("tasks").required(true),
                Include.of("projects")).order(io.resequel.query.Order.asc("firstName"))).collectList().block();
        step("Eager loading (one LEFT/INNER JOIN query, folded per user): " + withTasks.stream()
                .map(u -> u.get("firstName") + " " + u.getMany("tasks", Instance.class).stream()
                        .map(x -> x.get("title")).toList() + " in " + u.getMany("projects", Project.class).size()
                        + " project(s)").toList());

        Long updated = users.update(Map.of("lastName", "Hopper-Murray"), Where.eq("firstName", "Grace")).block();
        Long deleted = users.destroy(Where.in("firstName", List.of("Alan", "Edsger", "Linus"))).block();
        step("Bulk update touched " + updated + " row, bulk destroy removed " + deleted);
        step("Users left: " + users.count().block());

        users.findAll(q -> q.where("fristName", "Ada")).onErrorResume(UnknownAttributeException.class, e -> {
            step("Typo caught before any SQL: " + e.getMessage());
            return Mono.empty();
        }).blockLast();
        users.create(Map.of("lastName", "Nobody")).onErrorResume(ValidationException.class, e -> {
            step("Validation caught before any SQL: " + e.getMessage());
            return Mono.empty();
        }).block();

        System.out.println("Users as JSON-ready maps: " + users.findAll().map(Instance::toJSON).collectList().block());
        db.close().block();
        step("Closed the pool. Tour complete.");
    }

    private static void step(String text) {
        System.out.println("==> " + text);
    }
}
