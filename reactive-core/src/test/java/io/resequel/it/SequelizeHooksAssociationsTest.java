package io.resequel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.resequel.assoc.BelongsToMany;
import io.resequel.assoc.HasMany;
import io.resequel.assoc.HasOne;
import io.resequel.hooks.HookType;
import io.resequel.it.SequelizeHooksInstanceTest.Spies;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.model.ReferentialAction;
import io.resequel.testkit.DatabaseTest;
import io.resequel.testkit.TestDb;
import java.util.List;
import java.util.Map;

/**
 * Port of Sequelize v6.37.8 {@code test/integration/hooks/associations.test.js} (tables {@code fi_*}): which hooks
 * association setters and cascading destroys fire.
 */
class SequelizeHooksAssociationsTest {

    /** Projects, Tasks and MiniTasks of the file, hooks counted. */
    static final class Fixture {
        final Model<Instance> projects;
        final Model<Instance> tasks;
        final Model<Instance> miniTasks;
        final Spies spies = new Spies();

        Fixture(TestDb t) {
            projects = t.db().define("Project", s -> s.attribute("title", DataTypes.STRING)
                    .options(o -> o.tableName("fi_ha_projects")));
            tasks = t.db().define("Task", s -> s.attribute("title", DataTypes.STRING)
                    .options(o -> o.tableName("fi_ha_tasks")));
            miniTasks = t.db().define("MiniTask", s -> s.attribute("mini_title", DataTypes.STRING)
                    .options(o -> o.tableName("fi_ha_mini_tasks")));
        }

        /** Counts the projects' create hooks and the given hooks of another model, one failing if named. */
        void count(Model<Instance> m, String prefix, HookType before, HookType after, boolean beforeFails) {
            m.hooks().add(before, beforeFails ? spies.failing(prefix + ".before") : spies.spy(prefix + ".before"));
            m.hooks().add(after, spies.spy(prefix + ".after"));
        }

        void countProjects() {
            count(projects, "project", HookType.BEFORE_CREATE, HookType.AFTER_CREATE, false);
        }

        List<Integer> n(String... names) {
            return java.util.Arrays.stream(names).map(spies::n).toList();
        }

        Instance project() {
            return projects.create(Map.of("title", "New Project")).block();
        }

        Instance task() {
            return tasks.create(Map.of("title", "New Task")).block();
        }
    }

    // ---- 1:1 ----------------------------------------------------------------------------------------------

    @DatabaseTest
    void hasOneSetterSavesTheTargetWithItsUpdateHooks(TestDb t) {
        for (boolean cascade : new boolean[] {true, false}) {
            Fixture f = new Fixture(t);
            HasOne<Instance, Instance> task = f.projects.hasOne(f.tasks, o -> {
                if (cascade) {
                    o.onUpdate(ReferentialAction.CASCADE).hooks(true);
                }
            });
            f.tasks.belongsTo(f.projects);
            t.db().sync(io.resequel.query.SyncOptions.force()).block();
            f.count(f.tasks, "task", HookType.BEFORE_UPDATE, HookType.AFTER_UPDATE, false);
            Instance project = f.project();
            task.set(project, f.task()).block();
            // the key is read-only through update (see InstanceFidelityTest): no cascade to observe
            project.update(Map.of("id", 2)).block();
            assertEquals(List.of(1, 1), f.n("task.before", "task.after"), "cascade " + cascade);

            f.tasks.hooks().add(HookType.AFTER_UPDATE, e -> reactor.core.publisher.Mono.error(
                    new IllegalStateException("Whoops!")));
            Instance other = f.project();
            assertThrows(IllegalStateException.class, () -> task.set(other, f.task()).block());
            t.db().drop().block();
        }
    }

    @DatabaseTest
    void hasOneCascadeDeleteWithHooksDestroysTheTargetWithItsHooks(TestDb t) {
        for (boolean fail : new boolean[] {false, true}) {
            Fixture f = new Fixture(t);
            HasOne<Instance, Instance> task = f.projects.hasOne(f.tasks,
                    o -> o.onDelete(ReferentialAction.CASCADE).hooks(true));
            f.tasks.belongsTo(f.projects);
            t.db().sync(io.resequel.query.SyncOptions.force()).block();
            f.countProjects();
            f.count(f.tasks, "task", HookType.BEFORE_DESTROY, HookType.AFTER_DESTROY, fail);
            Instance project = f.project();
            task.set(project, f.task()).block();
            destroyCascades(t, f, project, fail);
        }
    }

    /** Destroys the project: its task goes with its hooks, or the failing before-hook keeps both rows. */
    private static void destroyCascades(TestDb t, Fixture f, Instance project, boolean fail) {
        if (fail) {
            assertEquals("Whoops!", assertThrows(IllegalStateException.class, () -> project.destroy().block())
                    .getMessage());
            assertEquals(1L, f.projects.count().block(), "the project stays");
            assertEquals(1L, f.tasks.count().block(), "the task stays");
        } else {
            project.destroy().block();
            assertEquals(0L, f.tasks.count().block());
        }
        assertEquals(List.of(1, 1, 1, fail ? 0 : 1), f.n("project.before", "project.after", "task.before",
                "task.after"));
        t.db().drop().block();
    }

    // ---- 1:M ----------------------------------------------------------------------------------------------

    @DatabaseTest
    void hasManyAddAndRemoveRunNoInstanceHooksOfTheTarget(TestDb t) {
        for (boolean fail : new boolean[] {false, true}) {
            Fixture f = new Fixture(t);
            HasMany<Instance, Instance> tasks = f.projects.hasMany(f.tasks);
            f.tasks.belongsTo(f.projects);
            t.db().sync(io.resequel.query.SyncOptions.force()).block();
            f.countProjects();
            f.count(f.tasks, "task", HookType.BEFORE_UPDATE, HookType.AFTER_UPDATE, fail);
            Instance project = f.project();
            Instance task = f.task();
            tasks.add(project, task).block();
            assertEquals(1L, tasks.count(project).block());
            tasks.remove(project, task).block();
            assertEquals(0L, tasks.count(project).block());
            assertEquals(List.of(1, 1, 0, 0), f.n("project.before", "project.after", "task.before", "task.after"));
            t.db().drop().block();
        }
    }

    @DatabaseTest
    void hasManyCascadeDeleteWithHooksDestroysEachChildWithItsHooks(TestDb t) {
        for (boolean fail : new boolean[] {false, true}) {
            Fixture f = new Fixture(t);
            HasMany<Instance, Instance> tasks = f.projects.hasMany(f.tasks,
                    o -> o.onDelete(ReferentialAction.CASCADE).hooks(true));
            f.tasks.belongsTo(f.projects, o -> o.hooks(true));
            t.db().sync(io.resequel.query.SyncOptions.force()).block();
            f.countProjects();
            f.count(f.tasks, "task", HookType.BEFORE_DESTROY, HookType.AFTER_DESTROY, fail);
            Instance project = f.project();
            tasks.add(project, f.task()).block();
            destroyCascades(t, f, project, fail);
        }
    }

    // ---- M:M ----------------------------------------------------------------------------------------------

    @DatabaseTest
    void belongsToManyNeverCascadesToTheTargetsHooks(TestDb t) {
        for (boolean cascade : new boolean[] {true, false}) {
            Fixture f = new Fixture(t);
            String through = cascade ? "fi_ha_projects_and_tasks" : "fi_ha_project_tasks";
            BelongsToMany<Instance, Instance> tasks = f.projects.belongsToMany(f.tasks, o -> {
                o.through(through).hooks(true);
                if (cascade) {
                    o.onDelete(ReferentialAction.CASCADE);
                }
            });
            f.tasks.belongsToMany(f.projects, o -> o.through(through).hooks(true));
            t.db().sync(io.resequel.query.SyncOptions.force()).block();
            f.countProjects();
            f.count(f.tasks, "destroy", HookType.BEFORE_DESTROY, HookType.AFTER_DESTROY, true);
            f.count(f.tasks, "update", HookType.BEFORE_UPDATE, HookType.AFTER_UPDATE, true);
            Instance project = f.project();
            Instance task = f.task();
            tasks.add(project, task).block();
            if (cascade) {
                project.destroy().block();
            } else {
                tasks.remove(project, task).block();
            }
            assertEquals(1L, f.tasks.count().block(), "the task stays");
            assertEquals(List.of(1, 1, 0, 0, 0, 0), f.n("project.before", "project.after", "destroy.before",
                    "destroy.after", "update.before", "update.after"));
            t.db().drop().block();
        }
    }

    // ---- multiple 1:M -------------------------------------------------------------------------------------

    private static Fixture multiple(TestDb t) {
        Fixture f = new Fixture(t);
        f.projects.hasMany(f.tasks, o -> o.onDelete(ReferentialAction.CASCADE).hooks(true));
        f.projects.hasMany(f.miniTasks, o -> o.onDelete(ReferentialAction.CASCADE).hooks(true));
        f.tasks.belongsTo(f.projects, o -> o.hooks(true));
        f.tasks.hasMany(f.miniTasks, o -> o.onDelete(ReferentialAction.CASCADE).hooks(true));
        f.miniTasks.belongsTo(f.projects, o -> o.hooks(true));
        f.miniTasks.belongsTo(f.tasks, o -> o.hooks(true));
        t.db().sync(io.resequel.query.SyncOptions.force()).block();
        f.countProjects();
        return f;
    }

    @SuppressWarnings("unchecked")
    private static HasMany<Instance, Instance> many(Model<Instance> m, String as) {
        HasMany<Instance, Instance> a = (HasMany<Instance, Instance>) m.association(as);
        assertNotNull(a, as);
        return a;
    }

    @DatabaseTest
    void multipleHasManyCascadeReachesTheDirectChildren(TestDb t) {
        for (boolean fail : new boolean[] {false, true}) {
            Fixture f = multiple(t);
            f.count(f.tasks, "task", HookType.BEFORE_DESTROY, HookType.AFTER_DESTROY, false);
            f.count(f.miniTasks, "mini", HookType.BEFORE_DESTROY, HookType.AFTER_DESTROY, fail);
            Instance project = f.project();
            Instance mini = f.miniTasks.create(Map.of("mini_title", "New MiniTask")).block();
            many(f.projects, "MiniTasks").add(project, mini).block();
            if (fail) {
                assertThrows(IllegalStateException.class, () -> project.destroy().block());
            } else {
                project.destroy().block();
            }
            assertEquals(List.of(1, 1, 0, 0, 1, fail ? 0 : 1), f.n("project.before", "project.after",
                    "task.before", "task.after", "mini.before", "mini.after"));
            assertEquals(fail ? 1L : 0L, f.miniTasks.count().block());
            t.db().drop().block();
        }
    }

    @DatabaseTest
    void multipleHasManyCascadeRunsSequentiallyThroughGrandchildren(TestDb t) {
        for (boolean fail : new boolean[] {false, true}) {
            Fixture f = multiple(t);
            f.count(f.tasks, "task", HookType.BEFORE_DESTROY, HookType.AFTER_DESTROY, fail);
            f.count(f.miniTasks, "mini", HookType.BEFORE_DESTROY, HookType.AFTER_DESTROY, false);
            Instance project = f.project();
            Instance task = f.task();
            Instance mini = f.miniTasks.create(Map.of("mini_title", "New MiniTask")).block();
            many(f.tasks, "MiniTasks").add(task, mini).block();
            many(f.projects, "Tasks").add(project, task).block();
            if (fail) {
                assertEquals("Whoops!", assertThrows(IllegalStateException.class, () -> project.destroy().block())
                        .getMessage());
            } else {
                project.destroy().block();
            }
            assertEquals(List.of(1, 1, 1, fail ? 0 : 1, fail ? 0 : 1, fail ? 0 : 1), f.n("project.before",
                    "project.after", "task.before", "task.after", "mini.before", "mini.after"));
            assertEquals(fail ? 1L : 0L, f.miniTasks.count().block() + (fail ? 0 : f.tasks.count().block()));
            t.db().drop().block();
        }
    }
}
