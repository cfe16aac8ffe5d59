package io.resequel.exec;

import java.util.Locale;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Names the model operation a statement belongs to, carried in the Reactor context so that the executor can tell a
 * {@link StatementObserver}. The outermost operation wins: {@code findByPk} running {@code findOne} stays
 * {@code findByPk}.
 *
 * @param model     the model's name
 * @param operation the operation, e.g. {@code findAll}
 */
public record OperationLabel(String model, String operation) {

    private static final Class<OperationLabel> KEY = OperationLabel.class;

    /** @param publisher a model operation @param model its model @param operation its name @return labelled */
    public static <T> Flux<T> label(Flux<T> publisher, String model, String operation) {
        OperationLabel label = new OperationLabel(model, operation);
        return publisher.contextWrite(ctx -> put(ctx, label));
    }

    /** @param publisher a model operation @param model its model @param operation its name @return labelled */
    public static <T> Mono<T> label(Mono<T> publisher, String model, String operation) {
        OperationLabel label = new OperationLabel(model, operation);
        return publisher.contextWrite(ctx -> put(ctx, label));
    }

    private static Context put(Context ctx, OperationLabel label) {
        // contextWrite runs from the subscriber upwards: an outer operation's label is already there
        return ctx.hasKey(KEY) ? ctx : ctx.put(KEY, label);
    }

    static StatementInfo describe(String sql, String dialect, ContextView ctx) {
        OperationLabel label = ctx.getOrDefault(KEY, null);
        if (label != null) {
            return new StatementInfo(sql, label.model, label.operation, dialect);
        }
        String text = sql.stripLeading();
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        String verb = end == 0 ? "other" : text.substring(0, end).toLowerCase(Locale.ROOT);
        return new StatementInfo(sql, "none", verb, dialect);
    }
}
