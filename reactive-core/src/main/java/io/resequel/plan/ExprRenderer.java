package io.resequel.plan;

import io.resequel.error.ResequelException;
import io.resequel.query.Col;
import io.resequel.query.Expr;
import io.resequel.sql.SqlScanner;
import io.resequel.sql.SqlWriter;
import java.util.Iterator;

/** Renders {@link Expr}s: functions, columns, literals with their explicit binds, casts. Plain values are bound. */
final class ExprRenderer {

    private ExprRenderer() {
    }

    static void render(SqlWriter w, Scope model, Object e) {
        if (e instanceof Col c) {
            WhereRenderer.Operand.column(w, model, c.name());
        } else if (e instanceof Expr.Fn f) {
            w.append(f.name()).append('(');
            for (int i = 0; i < f.args().size(); i++) {
                if (i > 0) {
                    w.append(", ");
                }
                render(w, model, f.args().get(i));
            }
            w.append(')');
        } else if (e instanceof Expr.Cast c) {
            w.append("CAST(");
            render(w, model, c.value());
            w.append(" AS ").append(c.type()).append(')');
        } else if (e instanceof Expr.Literal l) {
            literal(w, l);
        } else if (e instanceof Expr.Random) {
            w.append(w.dialect().random());
        } else {
            w.bind(e, null);
        }
    }

    static void literal(SqlWriter w, Expr.Literal l) {
        Iterator<Object> values = l.binds().iterator();
        int[] used = {0};
        SqlScanner.scan(l.sql(), w.dialect().backslashEscapes(), false, new SqlScanner.Listener() {
            @Override
            public void text(String sql) {
                w.append(sql);
            }

            @Override
            public void positional() {
                if (!values.hasNext()) {
                    throw new ResequelException("RSQ-321 literal has more ? than its " + l.binds().size()
                            + " bind value(s): " + l.sql());
                }
                used[0]++;
                w.bind(values.next(), null);
            }

            @Override
            public void named(String name) {
                w.append(':').append(name);
            }

            @Override
            public void bind(String name) {
                w.append('$').append(name);
            }
        });
        if (values.hasNext()) {
            throw new ResequelException("RSQ-321 literal has " + used[0] + " ? but " + l.binds().size()
                    + " bind values: " + l.sql());
        }
    }
}
