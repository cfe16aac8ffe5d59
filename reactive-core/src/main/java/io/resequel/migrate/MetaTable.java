package io.resequel.migrate;

import io.resequel.Resequel;
import io.resequel.error.DatabaseException;
import io.resequel.model.DataTypes;
import io.resequel.sql.Bind;
import io.resequel.sql.Dialect;
import io.resequel.sql.Sql;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The meta table, compatible with sequelize-cli's {@code SequelizeMeta}: a {@code name VARCHAR(255)} primary key
 * holding each applied migration's name, plus a nullable {@code checksum} column (added to a table sequelize-cli
 * created; sequelize-cli ignores it). Reads and writes run in the transaction in the Reactor Context, so recording a
 * migration commits or rolls back with it.
 */
final class MetaTable implements MetaStorage {

    private final Resequel db;
    private final String table;
    private final String name;
    private final String checksum;

    MetaTable(Resequel db, String table) {
        this.db = db;
        Dialect d = db.dialect();
        this.table = d.quote(table);
        this.name = d.quote("name");
        this.checksum = d.quote("checksum");
    }

    @Override
    public Mono<Void> ensure() {
        Mono<Long> create = db.executor().update(Sql.of("CREATE TABLE IF NOT EXISTS " + table + " (" + name
                + " VARCHAR(255) NOT NULL, " + checksum + " VARCHAR(64), PRIMARY KEY (" + name + "))"));
        // a SequelizeMeta made by sequelize-cli has no checksum column yet
        Mono<Void> column = db.executor().query(Sql.of("SELECT " + checksum + " FROM " + table + " WHERE 1 = 0"),
                        row -> row)
                .then()
                .onErrorResume(DatabaseException.class, e -> db.executor().update(Sql.of("ALTER TABLE " + table
                        + " ADD " + checksum + " VARCHAR(64)")).then());
        return create.then(column);
    }

    @Override
    public Flux<Applied> list() {
        return db.executor().query(Sql.of("SELECT " + name + ", " + checksum + " FROM " + table),
                row -> new Applied(row.get(0, String.class), row.get(1, String.class)));
    }

    @Override
    public Mono<Void> insert(String migration, String sum) {
        Dialect d = db.dialect();
        return db.executor().update(new Sql("INSERT INTO " + table + " (" + name + ", " + checksum + ") VALUES ("
                + d.placeholder(0) + ", " + d.placeholder(1) + ")", binds(migration, sum))).then();
    }

    @Override
    public Mono<Void> delete(String migration) {
        return db.executor().update(new Sql("DELETE FROM " + table + " WHERE " + name + " = "
                + db.dialect().placeholder(0), List.of(new Bind(migration, DataTypes.STRING)))).then();
    }

    @Override
    public Mono<Void> updateChecksum(String migration, String sum) {
        Dialect d = db.dialect();
        return db.executor().update(new Sql("UPDATE " + table + " SET " + checksum + " = " + d.placeholder(0)
                + " WHERE " + name + " = " + d.placeholder(1), binds(sum, migration))).then();
    }

    private static List<Bind> binds(String a, String b) {
        return List.of(new Bind(a, DataTypes.STRING), new Bind(b, DataTypes.STRING));
    }
}
