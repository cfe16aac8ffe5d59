package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resequel.error.EagerLoadingException;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.Op;
import io.resequel.query.Order;
import io.resequel.query.Where;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/**
 * Ported from Sequelize v6.37.8 test/unit/sql/generateJoin.test.js: the JOIN each include shape writes (belongsTo,
 * hasMany, nested, required, right, inside and outside the root sub-query of a limited find, and the include options
 * {@code on} and {@code or}), asserted in the SELECT sent to each database and in the rows read back. Sequelize's
 * expectation writes the parent's column first ({@code [User].[company_id] = [Company].[id]}); ours writes the
 * included table's first, the same condition. Tables {@code ss_j_*}.
 */
class SequelizeJoinSqlTest {

    /** The file's models: users with renamed columns, their tasks, companies (with an owner) and professions. */
    record Models(Model<Instance> users, Model<Instance> tasks, Model<Instance> companies,
            Model<Instance> professions) {
    }

    static Models define(TestDb t) {
        Model<Instance> users = t.db().define("User", s -> s
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true).field("id_user"))
                .attribute("companyId", DataTypes.INTEGER, a -> a.field("company_id"))
                .attribute("alternativeId", DataTypes.INTEGER, a -> a.field("alternative_id"))
                .options(o -> o.tableName("ss_j_user").timestamps(false)));
        Model<Instance> tasks = t.db().define("Task", s -> s.attribute("title", DataTypes.STRING)
                .attribute("userId", DataTypes.INTEGER, a -> a.field("user_id"))
                .options(o -> o.tableName("ss_j_task").timestamps(false)));
        Model<Instance> companies = t.db().define("Company", s -> s.attribute("name", DataTypes.STRING)
                .attribute("ownerId", DataTypes.INTEGER, a -> a.field("owner_id"))
                .attribute("public", DataTypes.BOOLEAN)
                .options(o -> o.tableName("ss_j_company").timestamps(false)));
        Model<Instance> professions = t.db().define("Profession", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("ss_j_profession").timestamps(false)));
        users.hasMany(tasks, a -> a.as("Tasks").foreignKey("userId").constraints(false));
        users.belongsTo(companies, a -> a.foreignKey("companyId").constraints(false));
        users.belongsTo(professions, a -> a.foreignKey("professionId").constraints(false));
        professions.hasMany(users, a -> a.as("Professionals").foreignKey("professionId").constraints(false));
        companies.hasMany(users, a -> a.as("Employees").foreignKey("companyId").constraints(false));
        companies.belongsTo(users, a -> a.as("Owner").foreignKey("ownerId").constraints(false));
        t.db().sync().block();
        return new Models(users, tasks, companies, professions);
    }

    /**
     * Ada (id 1) works at ABC (private, owned by Ada, a developer) and has task t1; Bob (id 2, alternative id 1) has
     * no company and task t2; XYZ is public and owned by Bob.
     */
    static Models seeded(TestDb t) {
        Models m = define(t);
        Instance dev = m.professions.create(Map.of("name", "dev")).block();
        Instance ada = m.users.create(Map.of("professionId", dev.get("id"))).block();
        Instance bob = m.users.create(Map.of("alternativeId", 1)).block();
        Instance abc = m.companies.create(Map.of("name", "ABC", "public", false, "ownerId", ada.get("id"))).block();
        m.companies.create(Map.of("name", "XYZ", "public", true, "ownerId", bob.get("id"))).block();
        ada.set("companyId", abc.get("id"));
        ada.save().block();
        m.tasks.create(Map.of("title", "t1", "userId", ada.get("id"))).block();
        m.tasks.create(Map.of("title", "t2", "userId", bob.get("id"))).block();
        t.clearStatements();
        return m;
    }

    private static List<Instance> find(TestDb t, Model<Instance> model, Include... includes) {
        t.clearStatements();
        return model.findAll(q -> q.include(includes).order(Order.asc("id"))).collectList().block();
    }

    /** With a limit and a to-many include (Tasks), the root is selected in a sub-query: Sequelize's subQuery. */
    private static List<Instance> findLimited(TestDb t, Model<Instance> model, Include... includes) {
        t.clearStatements();
        return model.findAll(q -> q.include(includes).order(Order.asc("id")).limit(5)).collectList().block();
    }

    private static void joins(TestDb t, String expected) {
        String sql = SqlText.last(t);
        assertTrue(sql.contains(SqlText.of(t, expected)), sql);
    }

    private static Object companyName(Instance user) {
        Instance c = user.getOne("Company", Instance.class);
        return c == null ? null : c.get("name");
    }

    /** BelongsTo: include[0] of User is Company, plain and with an {@code or}ed where. */
    @DatabaseTest
    void belongsToJoins(TestDb t) {
        Models m = seeded(t);
        List<Instance> all = find(t, m.users, Include.of(m.users.association("Company")));
        joins(t, " LEFT OUTER JOIN [ss_j_company] AS [Company] ON [Company].[id] = [User].[company_id] ORDER BY");
        assertEquals("ABC", companyName(all.get(0)));
        assertNull(companyName(all.get(1)));
        // {association: User.Company, where: {public: true}, or: true}: the link OR the where, an INNER JOIN.
        List<Instance> or = find(t, m.users, Include.of(m.users.association("Company"))
                .where(Where.eq("public", true)).or(true));
        joins(t, " INNER JOIN [ss_j_company] AS [Company] ON ([Company].[id] = [User].[company_id] OR "
                + "([Company].[public] = ?)) ORDER BY");
        // Ada joins ABC (her company) and XYZ (public); Bob, without a company, only XYZ.
        assertEquals(2, or.size());
        assertTrue(List.of("ABC", "XYZ").contains(companyName(or.get(0))), or.toString());
        assertEquals("XYZ", companyName(or.get(1)));
    }

    /** include[0].include[0] of Profession → Professionals (limit 3, so separate) → Company. */
    @DatabaseTest
    void belongsToBelowASeparateLimitedInclude(TestDb t) {
        Models m = seeded(t);
        List<Instance> all = find(t, m.professions, Include.of(m.professions.association("Professionals")).limit(3)
                .include(Include.of(m.users.association("Company"))));
        joins(t, " LEFT OUTER JOIN [ss_j_company] AS [Company] ON [Company].[id] = [User].[company_id]");
        Instance ada = all.get(0).getMany("Professionals", Instance.class).get(0);
        assertEquals("ABC", companyName(ada));
    }

    /** subQuery: true — belongsTo includes of a limited root, joined outside its sub-query. */
    @DatabaseTest
    void belongsToOutsideTheRootSubQuery(TestDb t) {
        Models m = seeded(t);
        Include tasks = Include.of(m.users.association("Tasks"));
        List<Instance> all = findLimited(t, m.users, tasks, Include.of(m.users.association("Company")));
        joins(t, ") [User] LEFT OUTER JOIN [ss_j_task] AS [Tasks] ON [Tasks].[user_id] = [User].[id_user] "
                + "LEFT OUTER JOIN [ss_j_company] AS [Company] ON [Company].[id] = [User].[company_id] ORDER BY");
        assertEquals("ABC", companyName(all.get(0)));
        // {required: false, where: {name: 'ABC'}}: the where joins the ON clause of the LEFT JOIN.
        all = findLimited(t, m.users, tasks, Include.of(m.users.association("Company")).required(false)
                .where(Where.eq("name", "ABC")));
        joins(t, " LEFT OUTER JOIN [ss_j_company] AS [Company] ON [Company].[id] = [User].[company_id] AND "
                + "([Company].[name] = ?) ORDER BY");
        assertEquals(2, all.size());
        // {right: true}
        all = findLimited(t, m.users, tasks, Include.of(m.users.association("Company")).right(true));
        joins(t, " RIGHT OUTER JOIN [ss_j_company] AS [Company] ON [Company].[id] = [User].[company_id] ORDER BY");
        assertTrue(all.stream().anyMatch(u -> "ABC".equals(companyName(u))), all.toString());
        // {required: true}: joined inside the sub-query, so only roots with a company are counted by the limit.
        all = findLimited(t, m.users, tasks, Include.of(m.users.association("Company")).required(true));
        joins(t, " FROM [ss_j_user] AS [User] WHERE EXISTS (SELECT 1 FROM [ss_j_company] AS [Company] WHERE "
                + "[Company].[id] = [User].[company_id])");
        joins(t, " INNER JOIN [ss_j_company] AS [Company] ON [Company].[id] = [User].[company_id] ORDER BY");
        assertEquals(1, all.size());
    }

    /** include[0].include[0](.include[0]): Company → Owner (→ Profession), aliases joined with {@code ->}. */
    @DatabaseTest
    void nestedBelongsToInTheRootSubQuery(TestDb t) {
        Models m = seeded(t);
        Include tasks = Include.of(m.users.association("Tasks"));
        Include owner = Include.of(m.companies.association("Owner"));
        List<Instance> all = findLimited(t, m.users, tasks, Include.of(m.users.association("Company")).include(owner));
        joins(t, " LEFT OUTER JOIN [ss_j_user] AS [Company->Owner] ON [Company->Owner].[id_user] = "
                + "[Company].[owner_id]");
        assertEquals(1, all.get(0).getOne("Company", Instance.class).getOne("Owner", Instance.class).get("id"));
        all = findLimited(t, m.users, tasks, Include.of(m.users.association("Company"))
                .include(owner.include(Include.of(m.users.association("Profession")))));
        joins(t, " LEFT OUTER JOIN [ss_j_profession] AS [Company->Owner->Profession] ON "
                + "[Company->Owner->Profession].[id] = [Company->Owner].[professionId]");
        assertEquals("dev", all.get(0).getOne("Company", Instance.class).getOne("Owner", Instance.class)
                .getOne("Profession", Instance.class).get("name"));
        // A required Company with an optional Owner: the Owner's join stays a LEFT OUTER JOIN.
        all = findLimited(t, m.users, tasks, Include.of(m.users.association("Company")).required(true).include(owner));
        joins(t, " INNER JOIN [ss_j_company] AS [Company] ON [Company].[id] = [User].[company_id] LEFT OUTER JOIN "
                + "[ss_j_user] AS [Company->Owner] ON [Company->Owner].[id_user] = [Company].[owner_id]");
        assertEquals(1, all.size());
    }

    /** HasMany: include[0] of User is Tasks, plain and outside the sub-query of a limited root. */
    @DatabaseTest
    void hasManyJoins(TestDb t) {
        Models m = seeded(t);
        List<Instance> all = find(t, m.users, Include.of(m.users.association("Tasks")));
        joins(t, " FROM [ss_j_user] AS [User] LEFT OUTER JOIN [ss_j_task] AS [Tasks] ON [Tasks].[user_id] = "
                + "[User].[id_user] ORDER BY");
        assertEquals("t1", all.get(0).getMany("Tasks", Instance.class).get(0).get("title"));
        all = findLimited(t, m.users, Include.of(m.users.association("Tasks")));
        // Sequelize aliases the key in its sub-query ([User].[id]); ours keeps the column name ([User].[id_user]).
        joins(t, ") [User] LEFT OUTER JOIN [ss_j_task] AS [Tasks] ON [Tasks].[user_id] = [User].[id_user] ORDER BY");
        assertEquals("t2", all.get(1).getMany("Tasks", Instance.class).get(0).get("title"));
    }

    /** The include option {@code on}: the join condition replaces the key link. */
    @DatabaseTest
    void customOnCondition(TestDb t) {
        Models m = seeded(t);
        // on: {[Op.or]: [{'$User.id_user$': {[Op.col]: 'Tasks.user_id'}}, {'$Tasks.user_id$': 2}]}
        List<Instance> all = find(t, m.users, Include.of(m.users.association("Tasks")).on(Where.or(
                Where.where("$User.id$", Op.EQ, Where.col("Tasks.userId")), Where.eq("$Tasks.userId$", 2))));
        joins(t, " LEFT OUTER JOIN [ss_j_task] AS [Tasks] ON ([User].[id_user] = [Tasks].[user_id] OR "
                + "[Tasks].[user_id] = ?) ORDER BY");
        assertEquals(List.of("t1", "t2"), titles(all.get(0)));
        assertEquals(List.of("t2"), titles(all.get(1)));
        // on: {user_id: {[Op.col]: 'User.alternative_id'}}: Bob's alternative id is Ada's id.
        all = find(t, m.users, Include.of(m.users.association("Tasks"))
                .on(Where.where("userId", Op.EQ, Where.col("User.alternativeId"))));
        joins(t, " LEFT OUTER JOIN [ss_j_task] AS [Tasks] ON [Tasks].[user_id] = [User].[alternative_id] ORDER BY");
        assertEquals(List.of(), titles(all.get(0)));
        assertEquals(List.of("t1"), titles(all.get(1)));
        // Nested, in the sub-query shape: Company → Owner on
        // {[Op.or]: [{'$Company.owner_id$': {[Op.col]: 'Company.Owner.id_user'}}, {'$Company.Owner.id_user$': 2}]}
        all = findLimited(t, m.users, Include.of(m.users.association("Tasks")), Include.of(m.users.association("Company"))
                .include(Include.of(m.companies.association("Owner")).on(Where.or(
                        Where.where("$Company.ownerId$", Op.EQ, Where.col("Company.Owner.id")),
                        Where.eq("$Company.Owner.id$", 2)))));
        joins(t, " LEFT OUTER JOIN [ss_j_user] AS [Company->Owner] ON ([Company].[owner_id] = [Company->Owner].[id_user] "
                + "OR [Company->Owner].[id_user] = ?) ORDER BY");
        // Two users meet ABC's condition (its owner, and user 2); a to-one include keeps one of them.
        Object owner = all.get(0).getOne("Company", Instance.class).getOne("Owner", Instance.class).get("id");
        assertTrue(List.of(1, 2).contains(owner), String.valueOf(owner));
    }

    /** A belongsToMany joins through its junction: {@code on}/{@code or} there are a typed error before SQL. */
    @DatabaseTest
    void onIsRefusedForABelongsToMany(TestDb t) {
        Models m = define(t);
        Model<Instance> tags = t.db().define("Tag", s -> s.attribute("name", DataTypes.STRING)
                .options(o -> o.tableName("ss_j_tag").timestamps(false)));
        m.users.belongsToMany(tags, a -> a.through("ss_j_user_tags"));
        t.db().sync().block();
        t.clearStatements();
        Exception e = assertThrows(Exception.class, () -> m.users.findAll(q -> q.include(Include.of(tags)
                .on(Where.eq("name", "x")))).collectList().block());
        assertInstanceOf(EagerLoadingException.class, e);
        assertTrue(e.getMessage().contains("RSQ-816"), e.getMessage());
        assertTrue(t.statements().isEmpty(), t.statements().toString());
    }

    private static List<Object> titles(Instance user) {
        return user.getMany("Tasks", Instance.class).stream().map(x -> x.get("title")).toList();
    }
}
