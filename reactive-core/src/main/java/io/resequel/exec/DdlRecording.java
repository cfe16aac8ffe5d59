package io.resequel.exec;

import java.util.List;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * A dry run of DDL: under {@link #into}, {@link Executor#executeAll} appends its statements to a list instead of
 * running them, while queries (the catalog reads that decide what to change) still run. Migration generation uses
 * it to write down what {@code sync({alter})} would do.
 */
public final class DdlRecording {

    private static final Object KEY = DdlRecording.class;

    private DdlRecording() {
    }

    /**
     * @param statements where the statements go, in order (accessed by one subscriber at a time)
     * @return a context in which DDL is recorded, not run
     */
    public static Context into(List<String> statements) {
        return Context.of(KEY, statements);
    }

    /** @param ctx a subscriber context @return its recording list, or {@code null} when DDL runs */
    static List<String> recorder(ContextView ctx) {
        return ctx.getOrDefault(KEY, null);
    }
}
