package io.resequel.schema;

import io.resequel.sql.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Schemas (MySQL: databases) and PostgreSQL's named enum types. */
final class SchemaOps {

    private final Catalog catalog;
    private final Dialect dialect;

    SchemaOps(Catalog catalog) {
        this.catalog = catalog;
        this.dialect = catalog.dialect();
    }

    Mono<Void> create(String schema) {
        return Mono.defer(() -> catalog.executor().executeAll(dialect.createSchema(schema)));
    }

    Mono<Void> drop(String schema) {
        return Mono.defer(() -> catalog.executor().executeAll(dialect.dropSchema(schema)));
    }

    Flux<String> showAll() {
        return Flux.defer(() -> catalog.executor().query(dialect.schemaNames(), r -> Catalog.text(r, 0))
                .filter(s -> !dialect.isSystemSchema(s)));
    }

    Mono<Void> createEnum(String name, List<String> values) {
        return Mono.defer(() -> catalog.executor().executeAll(dialect.createEnum(catalog.schema(), name, values)));
    }

    Mono<Void> addEnumValue(String name, String value, String before, String after) {
        return Mono.defer(() -> catalog.executor()
                .executeAll(dialect.addEnumValue(catalog.schema(), name, value, before, after)));
    }

    Mono<Void> dropEnum(String name) {
        return Mono.defer(() -> catalog.executor().executeAll(dialect.dropEnum(catalog.schema(), name)));
    }

    Mono<Map<String, List<String>>> enums() {
        return Flux.defer(() -> catalog.executor().query(dialect.enumTypes(catalog.schema()),
                r -> new String[] {Catalog.text(r, 0), Catalog.text(r, 1)}))
                .collect(LinkedHashMap<String, List<String>>::new,
                        (m, row) -> m.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]))
                .map(m -> (Map<String, List<String>>) m);
    }
}
