package io.resequel.benchmarks;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import io.resequel.Resequel;
import io.resequel.assoc.BelongsTo;
import io.resequel.assoc.HasMany;
import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The eager-loading fixture of W6 and {@link StreamMillion}: authors, their books, the books' chapters and the
 * chapters' editor, with the associations
 *
 * <pre>{@code
 * authors.hasMany(books, a -> a.as("books").foreignKey("authorId"))
 * books.hasMany(chapters, a -> a.as("chapters").foreignKey("bookId"))
 * chapters.belongsTo(editors, a -> a.as("editor").foreignKey("editorId"))
 * }</pre>
 *
 * Tables {@value #AUTHORS} (id, name), {@value #BOOKS} (id, title, authorId, pages), {@value #CHAPTERS} (id, title,
 * bookId, editorId), {@value #EDITORS} (id, name); integer auto-increment keys, no timestamps, {@code bench_} names so
 * runs do not collide with test suites. Rows are inserted with explicit ids 1..n by hand-written multi-row INSERTs.
 */
final class Library {

    static final String AUTHORS = "bench_authors";
    static final String BOOKS = "bench_books";
    static final String CHAPTERS = "bench_chapters";
    static final String EDITORS = "bench_editors";
    /** Same cap as the ORM's {@code BulkWriter.MAX_ROWS_PER_STATEMENT}. */
    static final int MAX_ROWS_PER_STATEMENT = 1000;

    final Model<Instance> authors;
    final Model<Instance> books;
    final Model<Instance> chapters;
    final Model<Instance> editors;
    final HasMany<Instance, Instance> authorBooks;
    final HasMany<Instance, Instance> bookChapters;
    final BelongsTo<Instance, Instance> chapterEditor;

    /** Defines the four models and their associations on {@code orm}. */
    Library(Resequel orm) {
        editors = orm.define("Editor", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("name", DataTypes.STRING)
                .options(o -> o.timestamps(false).tableName(EDITORS)));
        authors = orm.define("Author", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("name", DataTypes.STRING)
                .options(o -> o.timestamps(false).tableName(AUTHORS)));
        books = orm.define("Book", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("title", DataTypes.STRING)
                .attribute("authorId", DataTypes.INTEGER)
                .attribute("pages", DataTypes.INTEGER)
                .options(o -> o.timestamps(false).tableName(BOOKS)));
        chapters = orm.define("Chapter", m -> m
                .attribute("id", DataTypes.INTEGER, a -> a.primaryKey(true).autoIncrement(true))
                .attribute("title", DataTypes.STRING)
                .attribute("bookId", DataTypes.INTEGER)
                .attribute("editorId", DataTypes.INTEGER)
                .options(o -> o.timestamps(false).tableName(CHAPTERS)));
        authorBooks = authors.hasMany(books, a -> a.as("books").foreignKey("authorId"));
        bookChapters = books.hasMany(chapters, a -> a.as("chapters").foreignKey("bookId"));
        chapterEditor = chapters.belongsTo(editors, a -> a.as("editor").foreignKey("editorId"));
    }

    /** Computes column {@code column} of row {@code row} (0-based) of a fixture table. */
    @FunctionalInterface
    interface Cell {
        Object value(int row, int column);
    }

    /**
     * Inserts {@code rows} rows with multi-row INSERTs of up to {@value #MAX_ROWS_PER_STATEMENT} rows (fewer when
     * the dialect's bind limit requires), all in one transaction on {@code c}.
     *
     * @return the number of rows inserted
     */
    static Mono<Long> insert(Connection c, Dialect dialect, String table, List<String> columns, int rows, Cell cell) {
        int width = columns.size();
        int per = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, dialect.maxBindParameters() / width));
        List<String> quoted = new ArrayList<>(width);
        for (String col : columns) {
            quoted.add(dialect.quote(col));
        }
        String head = "INSERT INTO " + dialect.quote(table) + " (" + String.join(", ", quoted) + ") VALUES ";
        return Mono.from(c.beginTransaction())
                .thenMany(Flux.range(0, (rows + per - 1) / per).concatMap(b -> {
                    int from = b * per;
                    int to = Math.min(rows, from + per);
                    StringBuilder sql = new StringBuilder(head.length() + (to - from) * width * 6).append(head);
                    int p = 0;
                    for (int i = from; i < to; i++) {
                        sql.append(i == from ? "(" : ", (");
                        for (int k = 0; k < width; k++) {
                            sql.append(k == 0 ? "" : ", ").append(dialect.placeholder(p++));
                        }
                        sql.append(')');
                    }
                    Statement st = c.createStatement(sql.toString());
                    p = 0;
                    for (int i = from; i < to; i++) {
                        for (int k = 0; k < width; k++) {
                            st.bind(p++, cell.value(i, k));
                        }
                    }
                    return Flux.from(st.execute()).concatMap(r -> r.getRowsUpdated());
                }))
                .reduce(0L, Long::sum)
                .flatMap(n -> Mono.from(c.commitTransaction()).thenReturn(n))
                .onErrorResume(e -> Mono.from(c.rollbackTransaction()).then(Mono.error(e)));
    }

    /** Baseline row type of an author with its books. */
    record Author(Integer id, String name, List<Book> books) {
    }

    /** Baseline row type of a book. */
    record Book(Integer id, String title, Integer authorId, Integer pages) {
    }

    /** Baseline row type of an author with books with chapters (3 levels). */
    record Author3(Integer id, String name, List<Book3> books) {
    }

    /** Baseline row type of a book with its chapters. */
    record Book3(Integer id, String title, Integer authorId, Integer pages, List<Chapter> chapters) {
    }

    /** Baseline row type of a chapter with its editor. */
    record Chapter(Integer id, String title, Integer bookId, Integer editorId, Editor editor) {
    }

    /** Baseline row type of an editor. */
    record Editor(Integer id, String name) {
    }
}
