package io.resequel.spring.boot.errors;

import io.resequel.model.DataTypes;
import io.resequel.model.Instance;
import io.resequel.model.Model;
import io.resequel.Resequel;
import io.resequel.spring.boot.ModelDefinitions;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A WebFlux application whose requests meet a concurrent update, a busy pool or an unreachable database. */
@SpringBootApplication
public class ErrorsApp {

    @Bean
    ModelDefinitions counters() {
        return db -> db.define("SprCounter", m -> m.attribute("value", DataTypes.INTEGER)
                .options(o -> o.tableName("spr_counters").version(true)));
    }

    @Bean
    Gate gate() {
        return new Gate();
    }

    /** Lets a test act between a request's read and its write. */
    public static final class Gate {
        volatile CompletableFuture<Void> loaded = CompletableFuture.completedFuture(null);
        volatile CompletableFuture<Void> go = CompletableFuture.completedFuture(null);

        /** Requests pass at once until this is called. */
        public void close() {
            loaded = new CompletableFuture<>();
            go = new CompletableFuture<>();
        }

        Mono<Void> pass() {
            return Mono.fromRunnable(() -> loaded.complete(null)).then(Mono.fromFuture(go));
        }
    }

    /** Counters, read then written (a versioned model: the write checks the version read). */
    @RestController
    static class Counters {
        private final Resequel db;
        private final Gate gate;

        Counters(Resequel db, Gate gate) {
            this.db = db;
            this.gate = gate;
        }

        @SuppressWarnings("unchecked")
        private Model<Instance> counters() {
            return (Model<Instance>) db.model("SprCounter");
        }

        @PutMapping("/counters/{id}/{value}")
        Mono<Instance> set(@PathVariable long id, @PathVariable int value) {
            return counters().findByPk(id, q -> q.rejectOnEmpty(true))
                    .flatMap(c -> gate.pass().thenReturn(c))
                    .flatMap(c -> c.set("value", value).save());
        }

        @GetMapping("/counters/count")
        Mono<Long> count() {
            return counters().count();
        }
    }
}
