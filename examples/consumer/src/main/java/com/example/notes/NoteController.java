package com.example.notes;

import io.resequel.model.Model;
import io.resequel.query.Order;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Notes as JSON; a batch is written in one transaction. */
@RestController
public class NoteController {

    private final Model<Note> notes;

    NoteController(Model<Note> notes) {
        this.notes = notes;
    }

    @GetMapping("/notes")
    Flux<Note> list() {
        return notes.findAll(q -> q.order(Order.asc("id")));
    }

    @PostMapping("/notes")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Note> create(@RequestBody Map<String, String> body) {
        return notes.create(Map.of("title", body.get("title")));
    }

    /**
     * All or none: an invalid title anywhere rolls back the ones written before it. A {@code Mono} of the list, not a
     * {@code Flux}: a streamed array commits the 201 with its first element, before a later error could map to 400.
     */
    @PostMapping("/notes/batch")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    public Mono<List<Note>> batch(@RequestBody List<String> titles) {
        return Flux.fromIterable(titles).concatMap(t -> notes.create(Map.of("title", t))).collectList();
    }
}
