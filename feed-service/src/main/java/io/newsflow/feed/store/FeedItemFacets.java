package io.newsflow.feed.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.newsflow.feed.store.IndexKeys.Facet;
import org.apache.kafka.common.utils.Bytes;

/**
 * The index prefixes of a feed item read from its JSON, the same ones {@link IndexKeys#prefixesOf} gives for the
 * story it was rendered from. Streams through the item once without building a tree, since a restore reads one
 * item per story.
 */
final class FeedItemFacets {

    private static final JsonFactory JSON = new JsonFactory();

    private FeedItemFacets() {
    }

    /** The prefixes of one feed item; none for a timeline value written before items were stored (a story id). */
    static List<Bytes> prefixesOf(byte[] itemJson) {
        if (itemJson.length == 0 || itemJson[0] != '{') {
            return List.of();
        }
        String source = null;
        String language = null;
        String urgency = null;
        List<String> tags = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(itemJson)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "source" -> source = parser.getValueAsString();
                    case "language" -> language = parser.getValueAsString();
                    case "urgency" -> urgency = parser.getValueAsString();
                    case "tags" -> {
                        while (value == JsonToken.START_ARRAY && parser.nextToken() != JsonToken.END_ARRAY) {
                            tags.add(parser.getValueAsString());
                        }
                    }
                    case "entities" -> readEntityIds(parser, value, entities);
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable feed item in the timeline", e);
        }
        Set<Bytes> prefixes = new LinkedHashSet<>();
        if (source != null) {
            prefixes.add(IndexKeys.prefix(Facet.SOURCE, source));
        }
        if (language != null) {
            prefixes.add(IndexKeys.prefix(Facet.LANGUAGE, language));
        }
        if (urgency != null) {
            prefixes.add(IndexKeys.prefix(Facet.URGENCY, urgency));
        }
        tags.forEach(tag -> prefixes.add(IndexKeys.prefix(Facet.TAG, tag)));
        entities.forEach(id -> prefixes.add(IndexKeys.prefix(Facet.ENTITY, id)));
        return new ArrayList<>(prefixes);
    }

    private static void readEntityIds(JsonParser parser, JsonToken value, List<String> ids) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("id")) {
                    ids.add(parser.getValueAsString());
                } else {
                    parser.skipChildren();
                }
            }
        }
    }
}
