package io.resequel.migrate;

import io.resequel.error.MigrationException;
import io.resequel.sql.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A migration written as SQL: the script of a {@code NAME.up.sql} file and, optionally, of {@code NAME.down.sql}.
 * Each script may hold several statements; they run one by one in order ({@link SqlSplitter}). The checksum is the
 * SHA-256 of the up script with line endings normalised, so a checkout on Windows does not look edited.
 */
public final class SqlMigration implements Migration {

    private final String name;
    private final String up;
    private final String down;
    private final String checksum;

    /**
     * @param name the migration's name (the file name without {@code .up.sql})
     * @param up   the up script
     * @param down the down script, or {@code null} when there is no down file
     */
    public SqlMigration(String name, String up, String down) {
        this.name = Objects.requireNonNull(name, "name");
        this.up = Objects.requireNonNull(up, "up");
        this.down = down;
        this.checksum = sha256(up.replace("\r\n", "\n"));
    }

    @Override
    public Mono<Void> up(MigrationContext ctx) {
        return run(ctx, up);
    }

    @Override
    public Mono<Void> down(MigrationContext ctx) {
        if (down == null) {
            return Mono.error(new MigrationException("RSQ-953 migration " + name + " has no down script: add "
                    + name + ".down.sql next to " + name + ".up.sql"));
        }
        return run(ctx, down);
    }

    private static Mono<Void> run(MigrationContext ctx, String script) {
        return Mono.defer(() -> {
            Dialect d = ctx.db().dialect();
            SqlSplitter splitter = new SqlSplitter(d.backslashEscapes(), d.backslashEscapes());
            return Flux.fromIterable(splitter.split(script)).concatMap(ctx::execute).then();
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String checksum() {
        return checksum;
    }

    /** @return the up script */
    public String upScript() {
        return up;
    }

    /** @return the down script, or {@code null} */
    public String downScript() {
        return down;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "SqlMigration[" + name + "]";
    }
}
