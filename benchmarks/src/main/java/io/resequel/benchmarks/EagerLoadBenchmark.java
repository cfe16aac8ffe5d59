package io.resequel.benchmarks;

import io.r2dbc.spi.Row;
import io.resequel.Resequel;
import io.resequel.benchmarks.Library.Author;
import io.resequel.benchmarks.Library.Author3;
import io.resequel.benchmarks.Library.Book;
import io.resequel.benchmarks.Library.Book3;
import io.resequel.benchmarks.Library.Chapter;
import io.resequel.benchmarks.Library.Editor;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.query.Include;
import io.resequel.query.SyncOptions;
import io.resequel.sql.Dialect;
import io.resequel.tx.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * W6 (issue W-assoc): eager loading of 1,000 authors, each with 10 books (10,000 joined rows), as object graphs. One
 * operation = all 1,000 roots with their includes collected into a list; higher ops/s is better. The fixture is
 * {@link Library} ({@code bench_authors}, {@code bench_books}, {@code bench_chapters}, {@code bench_editors}).
 *
 * <ul>
 *   <li>{@link #joined()}: {@code authors.findAll(q -> q.include(Include.of(authorBooks))).collectList()} (the association:
 *   {@code Include.of(books)} is rejected because the association has an alias, as in Sequelize): one
 *   {@code LEFT OUTER JOIN}, rows folded root by root;</li>
 *   <li>{@link #raw()}: the same SQL text (captured from the ORM at setup through a {@code StatementListener} on a
 *   separate probe instance, and checked against the text built here), rows read by index and folded by hand into
 *   {@link Author} records with a {@code List<Book>} (rows are ordered by author id, then book id);</li>
 *   <li>{@link #separate()}: {@code Include.of(authorBooks).separate(true)}: the authors, then per window of 256 authors
 *   one {@code SELECT .. FROM bench_books WHERE authorId IN (..)};</li>
 *   <li>{@link #rawSeparate()}: the same two SQL texts by hand: stream the authors, buffer 256, query their books on
 *   a second pooled connection, attach them through a {@code HashMap} by id;</li>
 *   <li>{@link #joined3()} / {@link #raw3()}: three levels, each book with 2 chapters, each chapter {@code belongsTo}
 *   one of 10 editors (20,000 joined rows, 1,000 roots): {@code Include.of(authorBooks).include(Include.of(bookChapters)
 *   .include(Include.of(chapterEditor)))} vs the same SQL folded by hand (a new {@link Editor} per chapter, as the ORM
 *   builds one instance per row).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EagerLoadBenchmark extends UsersFixture {

    /** Roots. */
    public static final int AUTHORS = 1_000;
    /** Books per author. */
    public static final int BOOKS_PER_AUTHOR = 10;
    /** Chapters per book. */
    public static final int CHAPTERS_PER_BOOK = 2;
    /** Editors. */
    public static final int EDITORS = 10;
    /** Roots per separate query, as the ORM's {@code EagerLoader.WINDOW}. */
    public static final int WINDOW = 256;

    private Library lib;
    private Model<Instance> authors;
    private String joinSql;
    private String join3Sql;
    private String authorsSql;
    private String booksInHead;
    private final Map<Integer, String> booksIn = new HashMap<>();

    @Override
    protected void seed() {
        lib = new Library(orm);
        authors = lib.authors;
        List<Model<?>> all = List.of(lib.editors, lib.authors, lib.books, lib.chapters);
        orm.schema().sync(all, SyncOptions.force()).block(Duration.ofMinutes(1));
        Dialect d = orm.dialect();
        int nBooks = AUTHORS * BOOKS_PER_AUTHOR;
        int nChapters = nBooks * CHAPTERS_PER_BOOK;
        long n = onRaw(c -> Library.insert(c, d, Library.EDITORS, List.of("id", "name"), EDITORS,
                        (i, k) -> k == 0 ? i + 1 : "Editor " + i)
                .concatWith(Library.insert(c, d, Library.AUTHORS, List.of("id", "name"), AUTHORS,
                        (i, k) -> k == 0 ? i + 1 : "Author " + i))
                .concatWith(Library.insert(c, d, Library.BOOKS, List.of("id", "title", "authorId", "pages"), nBooks,
                        (i, k) -> switch (k) {
                            case 0 -> i + 1;
                            case 1 -> "Book " + i;
                            case 2 -> i / BOOKS_PER_AUTHOR + 1;
                            default -> 100 + i % 400;
                        }))
                .concatWith(Library.insert(c, d, Library.CHAPTERS, List.of("id", "title", "bookId", "editorId"),
                        nChapters, (i, k) -> switch (k) {
                            case 0 -> i + 1;
                            case 1 -> "Chapter " + i;
                            case 2 -> i / CHAPTERS_PER_BOOK + 1;
                            default -> i % EDITORS + 1;
                        })))
                .reduce(0L, Long::sum).block(Duration.ofMinutes(5));
        if (n != EDITORS + AUTHORS + nBooks + nChapters) {
            throw new IllegalStateException("seeded " + n + " rows");
        }

        // The baseline's SQL, as the ORM renders it (checked below against what a probe instance runs).
        String a = q("Author");
        String b = q("books");
        String ch = q("books->chapters");
        String ed = q("books->chapters->editor");
        String rootColumns = cols(a, "id", "name");
        String bookColumns = cols(b, "id", "title", "authorId", "pages");
        String from = " FROM " + q(Library.AUTHORS) + " AS " + a
                + " LEFT OUTER JOIN " + q(Library.BOOKS) + " AS " + b + " ON " + b + "." + q("authorId") + " = " + a
                + "." + q("id");
        joinSql = "SELECT " + rootColumns + ", " + bookColumns + from
                + " ORDER BY " + a + "." + q("id") + ", " + b + "." + q("id");
        join3Sql = "SELECT " + rootColumns + ", " + bookColumns + ", " + cols(ch, "id", "title", "bookId", "editorId")
                + ", " + cols(ed, "id", "name") + from
                + " LEFT OUTER JOIN " + q(Library.CHAPTERS) + " AS " + ch + " ON " + ch + "." + q("bookId") + " = " + b
                + "." + q("id")
                + " LEFT OUTER JOIN " + q(Library.EDITORS) + " AS " + ed + " ON " + ed + "." + q("id") + " = " + ch + "."
                + q("editorId")
                + " ORDER BY " + a + "." + q("id") + ", " + b + "." + q("id") + ", " + ch + "." + q("id");
        authorsSql = "SELECT " + rootColumns + " FROM " + q(Library.AUTHORS) + " AS " + a
                + " ORDER BY " + a + "." + q("id");
        booksInHead = "SELECT " + String.join(", ", q("id"), q("title"), q("authorId"), q("pages"))
                + " FROM " + q(Library.BOOKS) + " WHERE " + q("authorId") + " IN (";
        checkSql();

        // Every side returns the same graph.
        List<Author> expected = raw();
        same("joined", expected, authors(joined()));
        same("rawSeparate", expected, sorted(rawSeparate()));
        same("separate", expected, sorted(authors(separate())));
        List<Author3> expected3 = raw3();
        if (expected3.size() != AUTHORS || expected3.stream().anyMatch(x -> x.books().size() != BOOKS_PER_AUTHOR
                || x.books().stream().anyMatch(y -> y.chapters().size() != CHAPTERS_PER_BOOK
                || y.chapters().stream().anyMatch(z -> z.editor() == null)))) {
            throw new IllegalStateException("raw3 read the wrong graph");
        }
        List<Author3> orm3 = authors3(joined3());
        if (!expected3.equals(orm3)) {
            throw new IllegalStateException("joined3 and raw3 differ");
        }
    }

    private String cols(String table, String... names) {
        List<String> out = new ArrayList<>();
        for (String c : names) {
            out.add(table + "." + q(c));
        }
        return String.join(", ", out);
    }

    private String booksIn(int size) {
        return booksIn.computeIfAbsent(size, s -> {
            StringBuilder sb = new StringBuilder(booksInHead);
            for (int i = 0; i < s; i++) {
                sb.append(i == 0 ? "" : ", ").append(orm.dialect().placeholder(i));
            }
            return sb.append(')').toString();
        });
    }

    /** Runs the three ORM loads on a probe instance with a statement listener and compares its SQL with ours. */
    private void checkSql() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Resequel probe = Resequel.builder().url(url(database)).pool(PoolOptions.builder().max(2).min(0).build())
                .listener((sql, elapsed, error) -> seen.add(sql.text())).build();
        try {
            Library p = new Library(probe);
            p.authors.findAll(q -> q.include(Include.of(p.authorBooks))).collectList().block(Duration.ofMinutes(1));
            expectSql(seen, List.of(joinSql));
            p.authors.findAll(q -> q.include(Include.of(p.authorBooks).separate(true))).collectList()
                    .block(Duration.ofMinutes(1));
            List<String> separateSql = new ArrayList<>(List.of(authorsSql));
            for (int from = 0; from < AUTHORS; from += WINDOW) {
                separateSql.add(booksIn(Math.min(WINDOW, AUTHORS - from)));
            }
            expectSql(seen, separateSql);
            p.authors.findAll(q -> q.include(Include.of(p.authorBooks)
                            .include(Include.of(p.bookChapters).include(Include.of(p.chapterEditor)))))
                    .collectList().block(Duration.ofMinutes(1));
            expectSql(seen, List.of(join3Sql));
        } finally {
            probe.close().block(Duration.ofMinutes(1));
        }
    }

    /** Compares the statements in any order (a listener hears of the streaming root query last). */
    private static void expectSql(List<String> seen, List<String> expected) {
        List<String> got = new ArrayList<>(seen);
        seen.clear();
        List<String> want = new ArrayList<>(expected);
        Collections.sort(got);
        Collections.sort(want);
        if (!got.equals(want)) {
            throw new IllegalStateException("the baseline's SQL differs from the ORM's:\n  raw: "
                    + String.join("\n       ", shorten(want)) + "\n  orm: " + String.join("\n       ", shorten(got)));
        }
    }

    private static List<String> shorten(List<String> sql) {
        return sql.stream().map(s -> s.length() > 400 ? s.substring(0, 400) + "... (" + s.length() + " chars)" : s)
                .toList();
    }

    private static void same(String what, List<Author> expected, List<Author> got) {
        if (expected.size() != AUTHORS || expected.stream().anyMatch(x -> x.books().size() != BOOKS_PER_AUTHOR)) {
            throw new IllegalStateException("raw read the wrong graph");
        }
        if (!expected.equals(got)) {
            throw new IllegalStateException(what + " and raw differ");
        }
    }

    private static Integer integer(Object v) {
        return v == null ? null : ((Number) v).intValue();
    }

    private static List<Author> authors(List<Instance> all) {
        List<Author> out = new ArrayList<>();
        for (Instance i : all) {
            List<Book> bs = new ArrayList<>();
            for (Instance b : i.getMany("books", Instance.class)) {
                bs.add(new Book(integer(b.get("id")), (String) b.get("title"), integer(b.get("authorId")),
                        integer(b.get("pages"))));
            }
            out.add(new Author(integer(i.get("id")), (String) i.get("name"), bs));
        }
        return out;
    }

    private static List<Author3> authors3(List<Instance> all) {
        List<Author3> out = new ArrayList<>();
        for (Instance i : all) {
            List<Book3> bs = new ArrayList<>();
            for (Instance b : i.getMany("books", Instance.class)) {
                List<Chapter> cs = new ArrayList<>();
                for (Instance c : b.getMany("chapters", Instance.class)) {
                    Instance e = c.getOne("editor", Instance.class);
                    cs.add(new Chapter(integer(c.get("id")), (String) c.get("title"), integer(c.get("bookId")),
                            integer(c.get("editorId")),
                            e == null ? null : new Editor(integer(e.get("id")), (String) e.get("name"))));
                }
                bs.add(new Book3(integer(b.get("id")), (String) b.get("title"), integer(b.get("authorId")),
                        integer(b.get("pages")), cs));
            }
            out.add(new Author3(integer(i.get("id")), (String) i.get("name"), bs));
        }
        return out;
    }

    /** Authors by id, each author's books by id (the separate loads do not order the books). */
    private static List<Author> sorted(List<Author> all) {
        List<Author> out = new ArrayList<>(all);
        out.sort(Comparator.comparing(Author::id));
        out.replaceAll(x -> {
            List<Book> bs = new ArrayList<>(x.books());
            bs.sort(Comparator.comparing(Book::id));
            return new Author(x.id(), x.name(), bs);
        });
        return out;
    }

    @Override
    protected void cleanup() {
        if (lib != null) {
            orm.schema().drop(List.of(lib.editors, lib.authors, lib.books, lib.chapters)).block(Duration.ofMinutes(1));
        }
    }

    /** @return the 1,000 authors with their books, one joined query */
    @Benchmark
    public List<Instance> joined() {
        return authors.findAll(q -> q.include(Include.of(lib.authorBooks))).collectList().block();
    }

    /** @return the 1,000 authors with their books, one query for the authors and one per 256 authors */
    @Benchmark
    public List<Instance> separate() {
        return authors.findAll(q -> q.include(Include.of(lib.authorBooks).separate(true))).collectList().block();
    }

    /** @return the 1,000 authors with books with chapters with their editor, one joined query */
    @Benchmark
    public List<Instance> joined3() {
        return authors.findAll(q -> q.include(Include.of(lib.authorBooks)
                .include(Include.of(lib.bookChapters).include(Include.of(lib.chapterEditor))))).collectList().block();
    }

    /** @return the authors with their books: the joined SQL folded by hand */
    @Benchmark
    public List<Author> raw() {
        return onRaw(c -> {
            Fold1 fold = new Fold1();
            return Flux.from(c.createStatement(joinSql).execute())
                    .concatMap(r -> r.map((row, m) -> fold.row(row)))
                    .then(Mono.fromSupplier(() -> fold.out));
        }).blockLast();
    }

    /** @return the authors with their books: the two SQL texts by hand, stitched through a map */
    @Benchmark
    public List<Author> rawSeparate() {
        return onRaw(c -> Flux.from(c.createStatement(authorsSql).execute())
                        .concatMap(r -> r.map((row, m) -> new Author(row.get(0, Integer.class),
                                row.get(1, String.class), new ArrayList<>()))))
                .buffer(WINDOW)
                .concatMap(window -> {
                    Map<Integer, Author> byId = new HashMap<>(window.size() * 2);
                    for (Author x : window) {
                        byId.put(x.id(), x);
                    }
                    return onRaw(c -> {
                        io.r2dbc.spi.Statement st = c.createStatement(booksIn(window.size()));
                        for (int i = 0; i < window.size(); i++) {
                            st.bind(i, window.get(i).id());
                        }
                        return Flux.from(st.execute()).concatMap(r -> r.map((row, m) -> {
                            Book bk = new Book(row.get(0, Integer.class), row.get(1, String.class),
                                    row.get(2, Integer.class), row.get(3, Integer.class));
                            byId.get(bk.authorId()).books().add(bk);
                            return Boolean.TRUE;
                        }));
                    }).then(Mono.just(window));
                })
                .flatMapIterable(Function.identity())
                .collectList().block();
    }

    /** @return three levels: the joined SQL folded by hand */
    @Benchmark
    public List<Author3> raw3() {
        return onRaw(c -> {
            Fold3 fold = new Fold3();
            return Flux.from(c.createStatement(join3Sql).execute())
                    .concatMap(r -> r.map((row, m) -> fold.row(row)))
                    .then(Mono.fromSupplier(() -> fold.out));
        }).blockLast();
    }

    /** Folds rows ordered by author id, book id into authors with books. */
    private static final class Fold1 {
        final List<Author> out = new ArrayList<>();
        private Author current;

        Boolean row(Row row) {
            Integer id = row.get(0, Integer.class);
            if (current == null || !current.id().equals(id)) {
                current = new Author(id, row.get(1, String.class), new ArrayList<>());
                out.add(current);
            }
            Integer book = row.get(2, Integer.class);
            if (book != null) {
                current.books().add(new Book(book, row.get(3, String.class), row.get(4, Integer.class),
                        row.get(5, Integer.class)));
            }
            return Boolean.TRUE;
        }
    }

    /** Folds rows ordered by author id, book id, chapter id into three levels. */
    private static final class Fold3 {
        final List<Author3> out = new ArrayList<>();
        private Author3 author;
        private Book3 book;

        Boolean row(Row row) {
            Integer id = row.get(0, Integer.class);
            if (author == null || !author.id().equals(id)) {
                author = new Author3(id, row.get(1, String.class), new ArrayList<>());
                out.add(author);
                book = null;
            }
            Integer bookId = row.get(2, Integer.class);
            if (bookId == null) {
                return Boolean.TRUE;
            }
            if (book == null || !book.id().equals(bookId)) {
                book = new Book3(bookId, row.get(3, String.class), row.get(4, Integer.class), row.get(5, Integer.class),
                        new ArrayList<>());
                author.books().add(book);
            }
            Integer chapter = row.get(6, Integer.class);
            if (chapter != null) {
                Integer editor = row.get(10, Integer.class);
                book.chapters().add(new Chapter(chapter, row.get(7, String.class), row.get(8, Integer.class),
                        row.get(9, Integer.class), editor == null ? null : new Editor(editor,
                        row.get(11, String.class))));
            }
            return Boolean.TRUE;
        }
    }
}
