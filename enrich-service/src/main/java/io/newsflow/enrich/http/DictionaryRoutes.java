package io.newsflow.enrich.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.newsflow.enrich.dictionary.LiveDictionary;
import io.newsflow.platform.http.ProblemException;

/**
 * Read side of the live dictionary on enrich-service: {@code GET /dictionary} (size, edits, last rebuild) and
 * {@code GET /dictionary/entries/{id}} (the entry enrichment uses now). Edits go through ingest-service's
 * authenticated {@code PUT /dictionary/entries/{id}}, which writes them to {@code dictionary.entries}.
 */
public final class DictionaryRoutes {

    private final LiveDictionary dictionary;
    private final ObjectMapper json;

    public DictionaryRoutes(LiveDictionary dictionary, ObjectMapper json) {
        this.dictionary = dictionary;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.get("/dictionary", ctx -> ctx.json(dictionary.status()));
        routes.get("/dictionary/entries/{id}", this::entry);
    }

    private void entry(Context ctx) throws java.io.IOException {
        String id = ctx.pathParam("id");
        var rejection = dictionary.rejection(id);
        if (rejection.isPresent()) {
            // The editor's newest change of this id never reached the linker: say so, whatever the linker still has.
            throw new ProblemException(409, "Conflict", "The last edit of '" + id + "' was rejected and is not in use: "
                + rejection.get());
        }
        var effective = dictionary.entry(id)
            .orElseThrow(() -> ProblemException.notFound("No entity '" + id + "' in the dictionary"));
        var body = json.createObjectNode();
        body.put("edited", effective.edited());
        body.set("entry", json.readTree(effective.entry().toJson()));
        ctx.json(body);
    }
}
