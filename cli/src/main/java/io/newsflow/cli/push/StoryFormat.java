package io.newsflow.cli.push;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How a file is sent to ingest-service: one story per request in native JSON, ninjs or as a raw scraped page,
 * or many stories at once as NDJSON to {@code POST /articles:batch}.
 */
public enum StoryFormat {
    JSON("application/json"),
    NINJS("application/ninjs+json"),
    PAGE("text/plain; charset=utf-8"),
    NDJSON("application/x-ndjson");

    /** What {@code --format} asks for; {@link #AUTO} decides per file. */
    public enum Choice { AUTO, JSON, NINJS, PAGE }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String contentType;

    StoryFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public boolean isBatch() {
        return this == NDJSON;
    }

    /**
     * The format a file's name implies, before its content is looked at: {@code .ndjson}/{@code .jsonl} are
     * batches, {@code .json} a single JSON story (ninjs or native, see {@link #ofJson}), {@code .txt} a page.
     * Empty for any other name.
     */
    public static Optional<StoryFormat> ofFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Optional.of(NDJSON);
        }
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        if (name.endsWith(".txt")) {
            return Optional.of(PAGE);
        }
        return Optional.empty();
    }

    /**
     * The format to send one file in. NDJSON files are always batches; for a single story, an explicit
     * {@code --format} wins, otherwise the extension decides and a {@code .json} file is looked into to tell
     * ninjs from native JSON. Empty when nothing tells (an unknown extension under {@code --format auto}).
     */
    public static Optional<StoryFormat> detect(String fileName, Choice choice, byte[] content) {
        Optional<StoryFormat> byName = ofFileName(fileName);
        if (byName.filter(StoryFormat::isBatch).isPresent()) {
            return byName;
        }
        return switch (choice) {
            case JSON -> Optional.of(JSON);
            case NINJS -> Optional.of(NINJS);
            case PAGE -> Optional.of(PAGE);
            case AUTO -> byName.map(format -> format == JSON ? ofJson(content) : format);
        };
    }

    /**
     * ninjs when the document looks like ninjs (a {@code uri} with {@code headlines}, or a {@code $schema},
     * {@code standard} or {@code $standard} naming ninjs), native JSON otherwise, including when it does
     * not parse: ingest-service then says exactly what is wrong with it.
     */
    public static StoryFormat ofJson(byte[] content) {
        try {
            JsonNode tree = MAPPER.readTree(content);
            return tree != null && tree.isObject() && looksLikeNinjs(tree) ? NINJS : JSON;
        } catch (IOException e) {
            return JSON;
        }
    }

    static boolean looksLikeNinjs(JsonNode tree) {
        if (tree.has("uri") && tree.has("headlines")) {
            return true;
        }
        if (namesNinjs(tree.path("$schema"))) {
            return true;
        }
        for (String field : new String[] {"standard", "$standard"}) {
            JsonNode standard = tree.path(field);
            if (namesNinjs(standard) || namesNinjs(standard.path("name")) || namesNinjs(standard.path("schema"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesNinjs(JsonNode node) {
        return node.isTextual() && node.asText().toLowerCase(Locale.ROOT).contains("ninjs");
    }
}
