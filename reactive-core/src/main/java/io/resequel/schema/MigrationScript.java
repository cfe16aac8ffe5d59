package io.resequel.schema;

import java.util.List;

/**
 * The DDL of a generated migration ({@link Synchronizer#plan}): what brings the tables to the models, and what
 * brings them back.
 *
 * @param up   the statements to apply, in order
 * @param down the statements that revert them, in order
 */
public record MigrationScript(List<String> up, List<String> down) {

    /** Copies the lists. */
    public MigrationScript {
        up = List.copyOf(up);
        down = List.copyOf(down);
    }

    /** @return whether the tables already match the models */
    public boolean isEmpty() {
        return up.isEmpty();
    }
}
