package io.resequel.spring.boot;

import io.resequel.Resequel;

/**
 * A bean of this type defines models by code (dynamic models, associations between typed models, hooks, scopes):
 * the starter calls every such bean once, in {@code @Order}, after the typed model classes are defined and before
 * the schema step ({@code resequel.schema}) and the first request.
 *
 * <pre>{@code
 * @Bean
 * ModelDefinitions associations() {
 *     return db -> db.model("User").hasMany(db.model("Post"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ModelDefinitions {

    /** @param db the application's Resequel, its typed models already defined */
    void define(Resequel db);
}
