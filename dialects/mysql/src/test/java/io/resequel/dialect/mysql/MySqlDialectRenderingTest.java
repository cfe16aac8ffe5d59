package io.resequel.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.resequel.error.AccessDeniedException;
import io.resequel.error.ConnectionException;
import io.resequel.error.ConnectionLostException;
import io.resequel.error.ConnectionRefusedException;
import io.resequel.error.HostNotFoundException;
import io.resequel.error.DatabaseException;
import io.resequel.error.ForeignKeyConstraintException;
import io.resequel.error.ResequelException;
import io.resequel.error.UniqueConstraintException;
import io.resequel.model.DataTypes;
import io.resequel.model.ModelDefinition;
import io.resequel.model.MySqlTestModels;
import io.resequel.sql.Bind;
import io.resequel.sql.Sql;
import io.resequel.sql.SqlWriter;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rendering and message parsing that need no server, including the MySQL 8 message formats the local MariaDB
 * cannot produce. The driver exceptions are built from the texts the servers send.
 */
class MySqlDialectRenderingTest {

    private final MySqlDialect dialect = new MySqlDialect();

    @Test
    void quotingPlaceholdersAndLiterals() {
        assertEquals("`a``b`", dialect.quote("a`b"));
        assertEquals("?", dialect.placeholder(0));
        assertEquals("?", dialect.placeholder(7));
        assertEquals(65535, dialect.maxBindParameters());
        assertEquals("'it''s \\\\ ok'", dialect.literal("it's \\ ok"));
        assertEquals("mysql", dialect.name());
    }

    @Test
    void limitOffset() {
        Sql both = render(1, 2);
        assertEquals("SELECT 1 LIMIT ? OFFSET ?", both.text());
        assertEquals(List.of(new Bind(1, null), new Bind(2, null)), both.binds());
        Sql offsetOnly = render(null, 5);
        assertEquals("SELECT 1 LIMIT 18446744073709551615 OFFSET ?", offsetOnly.text());
        assertEquals(List.of(new Bind(5, null)), offsetOnly.binds());
        assertEquals("SELECT 1 LIMIT ?", render(3, null).text());
        assertEquals("SELECT 1", render(null, null).text());
    }

    private Sql render(Integer limit, Integer offset) {
        SqlWriter w = new SqlWriter(dialect).append("SELECT 1");
        dialect.limitOffset(w, limit, offset);
        return w.toSql();
    }

    @Test
    void createTableDdl() {
        ModelDefinition m = MySqlTestModels.define("Thing", s -> s
                .attribute("name", DataTypes.STRING, a -> a.allowNull(false).comment("the name").unique(true))
                .attribute("flag", DataTypes.BOOLEAN, a -> a.defaultValue(false))
                .attribute("at", DataTypes.DATE,
                        a -> a.defaultValue(OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 6000, ZoneOffset.ofHours(2))))
                .attribute("doc", DataTypes.JSON, a -> a.defaultValue(List.of("x")))
                .attribute("kind", DataTypes.ENUM("a", "b'c"))
                .attribute("uid", DataTypes.UUID)
                .attribute("data", DataTypes.BLOB)
                .options(o -> o.timestamps(false).tableName("things")));
        assertEquals(List.of("CREATE TABLE IF NOT EXISTS `things` (`id` INTEGER AUTO_INCREMENT NOT NULL, "
                + "`name` VARCHAR(255) NOT NULL COMMENT 'the name', `flag` TINYINT(1) DEFAULT 0, "
                + "`at` DATETIME(6) DEFAULT '2020-01-02 01:04:05.000006', `doc` JSON DEFAULT ('[\"x\"]'), "
                + "`kind` ENUM('a','b''c'), `uid` CHAR(36) BINARY, `data` LONGBLOB, PRIMARY KEY (`id`), "
                + "CONSTRAINT `things_name_unique` UNIQUE (`name`)) ENGINE=InnoDB"), dialect.createTable(m));
        assertEquals(List.of("ALTER TABLE `things` MODIFY COLUMN `name` VARCHAR(255) NOT NULL COMMENT 'the name'"),
                dialect.changeColumn(m, m.attribute("name")));
        assertEquals(List.of("ALTER TABLE `things` ADD COLUMN `flag` TINYINT(1) DEFAULT 0"),
                dialect.addColumn(m, m.attribute("flag")));
        assertEquals(List.of("ALTER TABLE `things` DROP COLUMN `flag`"), dialect.removeColumn(m, "flag"));
        assertEquals(List.of("DROP TABLE IF EXISTS `things`"), dialect.dropTable(m));
    }

    @Test
    void valuesToTheDriver() {
        OffsetDateTime at = OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 1000, ZoneOffset.ofHours(-3));
        assertEquals(LocalDateTime.of(2024, 6, 1, 15, 0, 0, 1000), dialect.toDriver(DataTypes.DATE, at));
        assertEquals(LocalDateTime.of(2024, 6, 1, 15, 0, 0, 1000), dialect.toDriver(null, at));
        UUID u = UUID.randomUUID();
        assertEquals(u.toString(), dialect.toDriver(DataTypes.UUID, u));
        assertEquals(u.toString(), dialect.toDriver(null, u));
        assertEquals("{\"a\":1}", dialect.toDriver(DataTypes.JSON, java.util.Map.of("a", 1)));
        assertSame(LocalDateTime.class, dialect.nullType(DataTypes.DATE));
        assertSame(String.class, dialect.nullType(DataTypes.UUID));
        assertSame(String.class, dialect.nullType(DataTypes.JSON));
        assertSame(String.class, dialect.nullType(null));
    }

    @Test
    void enumValuesAsInformationSchemaShowsThem() {
        assertEquals(List.of("a", "it's", "back\\slash", "x,y", ""),
                MySqlDialect.enumValues("enum('a','it''s','back\\\\slash','x,y','')"));
    }

    @Test
    void mariaDbDetection() {
        assertTrue(MySqlDialect.isMariaDb(metadata("Debian 12", "5.5.5-10.11.19-MariaDB-0+deb12u1")));
        assertFalse(MySqlDialect.isMariaDb(metadata("MySQL Community Server - GPL", "8.0.36")));
        MySqlDialect observing = new MySqlDialect();
        assertFalse(observing.supports(io.resequel.sql.Feature.MULTI_ROW_GENERATED_KEYS));
        observing.observe(metadata("Debian 12", "5.5.5-10.11.19-MariaDB"));
        assertTrue(observing.isMariaDb());
        assertTrue(observing.supports(io.resequel.sql.Feature.MULTI_ROW_GENERATED_KEYS));
        observing.observe(metadata("MySQL", "8.4.0"));
        assertFalse(observing.supports(io.resequel.sql.Feature.MULTI_ROW_GENERATED_KEYS));
        assertTrue(MySqlDialect.mariaDb().isMariaDb());
        assertFalse(MySqlDialect.mysql().isMariaDb());
    }

    private static ConnectionMetadata metadata(String product, String version) {
        return new ConnectionMetadata() {
            @Override
            public String getDatabaseProductName() {
                return product;
            }

            @Override
            public String getDatabaseVersion() {
                return version;
            }
        };
    }

    @Test
    void mysql8DuplicateKeyNamesTheTable() {
        var e = new R2dbcDataIntegrityViolationException(
                "Duplicate entry 'a@x.io' for key 'users.users_email_unique'", "23000", 1062);
        UniqueConstraintException u = assertInstanceOf(UniqueConstraintException.class,
                dialect.translate(e, "INSERT INTO `users` (`email`) VALUES (?)"));
        assertEquals("users_email_unique", u.constraint());
        assertEquals(List.of("email"), u.fields());
        // without the statement the table still comes from the message
        u = assertInstanceOf(UniqueConstraintException.class, dialect.translate(e, null));
        assertEquals(List.of("email"), u.fields());
    }

    @Test
    void mariaDbDuplicateKeyWithUnderscoredTable() {
        var e = new R2dbcDataIntegrityViolationException(
                "Duplicate entry 'x-1' for key 'user_roles_role_name_unique'", "23000", 1062);
        UniqueConstraintException u = assertInstanceOf(UniqueConstraintException.class,
                dialect.translate(e, "UPDATE `app`.`user_roles` SET `role_name` = ?"));
        assertEquals(List.of("role_name"), u.fields());
        // a name outside the core's scheme, never seen in DDL: unknown rather than guessed
        e = new R2dbcDataIntegrityViolationException("Duplicate entry 'x' for key 'legacy_idx'", "23000", 1062);
        u = assertInstanceOf(UniqueConstraintException.class, dialect.translate(e, "INSERT INTO `t` VALUES (?)"));
        assertEquals("legacy_idx", u.constraint());
        assertEquals(List.of(), u.fields());
    }

    @Test
    void compositeForeignKeyMessage() {
        var e = new R2dbcDataIntegrityViolationException("Cannot add or update a child row: a foreign key constraint"
                + " fails (`db`.`lines`, CONSTRAINT `lines_ibfk_1` FOREIGN KEY (`orderId`, `odd``col`) REFERENCES"
                + " `orders` (`id`, `x`) ON DELETE CASCADE)", "23000", 1452);
        ForeignKeyConstraintException f = assertInstanceOf(ForeignKeyConstraintException.class,
                dialect.translate(e, "INSERT INTO `lines` VALUES (?)"));
        assertEquals("lines_ibfk_1", f.constraint());
        assertEquals(List.of("orderId", "odd`col"), f.fields());
        // the nameless legacy code
        var legacy = new R2dbcDataIntegrityViolationException(
                "Cannot add or update a child row: a foreign key constraint fails", "23000", 1216);
        f = assertInstanceOf(ForeignKeyConstraintException.class, dialect.translate(legacy, "x"));
        assertNull(f.constraint());
        assertEquals(List.of(), f.fields());
    }

    @Test
    void otherErrorsKeepTheirState() {
        ResequelException r = dialect.translate(
                new R2dbcBadGrammarException("Table 'db.nope' doesn't exist", "42S02", 1146), "SELECT 1");
        DatabaseException d = assertInstanceOf(DatabaseException.class, r);
        assertEquals("42S02", d.sqlState());
        assertEquals("SELECT 1", d.sql());
        // SQLSTATE 23000 alone is not a unique violation on MySQL (1048: column cannot be null)
        r = dialect.translate(new R2dbcDataIntegrityViolationException("Column 'x' cannot be null", "23000", 1048),
                "INSERT");
        assertEquals(DatabaseException.class, r.getClass());
        assertSame(r, dialect.translate(r, "again"));
        assertEquals(DatabaseException.class, dialect.translate(new IllegalStateException("boom"), "q").getClass());
    }

    @Test
    void connectionErrorsByVendorCode() {
        // connecting: access denied, refused, unknown host; an unknown database is the family's base
        assertInstanceOf(AccessDeniedException.class, dialect.translateConnect(
                new R2dbcPermissionDeniedException("Access denied for user 'x'@'localhost'", "28000", 1045)));
        assertInstanceOf(AccessDeniedException.class, dialect.translateConnect(
                new R2dbcPermissionDeniedException("Access denied for user 'x' to database 'd'", "42000", 1044)));
        assertInstanceOf(ConnectionRefusedException.class, dialect.translateConnect(
                new R2dbcNonTransientResourceException("Can't connect to MySQL server", "HY000", 2003)));
        assertInstanceOf(HostNotFoundException.class, dialect.translateConnect(
                new R2dbcNonTransientResourceException("Unknown MySQL server host 'h'", "HY000", 2005)));
        assertEquals(ConnectionException.class, dialect.translateConnect(
                new R2dbcBadGrammarException("Unknown database 'd'", "42000", 1049)).getClass());
        // under a statement: gone away, lost, killed, shutdown
        for (int code : new int[] {2006, 2013, 1927, 1053}) {
            ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, dialect.translate(
                    new R2dbcNonTransientResourceException("gone", "HY000", code), "SELECT 1"));
            assertEquals("HY000", lost.sqlState());
        }
        // a missing table privilege or a read-only transaction is no connection matter
        assertEquals(DatabaseException.class, dialect.translate(
                new R2dbcPermissionDeniedException("SELECT command denied", "42000", 1142), "SELECT 1").getClass());
        assertEquals(DatabaseException.class, dialect.translate(new R2dbcNonTransientResourceException(
                "Cannot execute statement in a READ ONLY transaction", "25006", 1792), "UPDATE t").getClass());
        // a hook's own error while connecting passes unchanged
        IllegalStateException own = new IllegalStateException("hook");
        assertSame(own, dialect.translateConnect(own));
    }
}
