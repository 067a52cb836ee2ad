package io.newsflow.feed.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.feed.store.FeedItemFormat;
import io.newsflow.feed.store.IndexTerms;
import io.newsflow.platform.http.Json;
import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.EntityMention;
import io.newsflow.schemas.StoryHistory;

/**
 * The JSON shapes of feed-service's API. Avro types stop at this boundary: downstream clients see plain
 * records whose names do not move when the Avro schema evolves.
 */
public final class FeedViews {

    private FeedViews() {
    }

    /** Feed items are rendered once, when indexed, with the API's conventions (ISO-8601 instants). */
    private static final ObjectMapper ITEM_JSON = Json.mapper();

    /**
     * {@code GET /feed}: {@code {"items":[...],"next":"<cursor>"}}, newest first, with {@code "next":null} on the last
     * page. Each item is a {@link FeedItem} already rendered as JSON ({@link #itemJson}) and is copied in as it is,
     * so a page costs no JSON rendering: the envelope is written here rather than by an object mapper.
     */
    public static byte[] pageJson(List<String> itemsJson, String next) {
        int length = 32 + (next == null ? 0 : next.length());
        for (String item : itemsJson) {
            length += item.length() + 1;
        }
        StringBuilder page = new StringBuilder(length).append("{\"items\":[");
        for (int i = 0; i < itemsJson.size(); i++) {
            if (i > 0) {
                page.append(',');
            }
            page.append(itemsJson.get(i));
        }
        page.append("],\"next\":");
        if (next == null) {
            page.append("null");
        } else {
            page.append('"').append(JsonStringEncoder.getInstance().quoteAsString(next)).append('"');
        }
        return page.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One line of the latest-news column. */
    public record FeedItem(String id, int version, String headline, String source, String language,
                           Instant publishedAt, Instant displayAt, List<String> labels, int urgency, List<String> tags,
                           List<EntityRef> entities) {
    }

    /** A distinct entity a story mentions, for chips and filters. */
    public record EntityRef(String id, String canonical, String type) {
    }

    /** {@code GET /articles/{id}}: the newest version of one story with every entity mention. */
    public record ArticleView(String id, int version, String source, String language, String headline, String body,
                              String byline, List<String> labels, int urgency, String pubStatus, Instant publishedAt,
                              Instant displayAt, Instant embargoUntil, Instant ingestedAt, Instant enrichedAt,
                              String editorNote, List<String> tags, List<MentionView> entities) {
    }

    /**
     * One occurrence of an entity; {@code start}/{@code end} are UTF-16 offsets into {@code field}'s text.
     * {@code evidence} is filled only when asked for with {@code ?explain=true}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MentionView(String surface, String field, int start, int end, String canonical, String id,
                              String type, double confidence, EvidenceView evidence) {
    }

    /** Why the linker chose this referent: the alias it matched, the cues that fired, and the winning score. */
    public record EvidenceView(String matchedAlias, List<String> cues, double score) {
    }

    /** {@code GET /articles/{id}/versions}: oldest first, with what changed at each step. */
    public record VersionsView(String id, int currentVersion, List<VersionView> versions) {
    }

    public record VersionView(int version, String pubStatus, String headline, Instant publishedAt, Instant ingestedAt,
                              String editorNote, List<String> changes) {
    }

    public static VersionsView versions(StoryHistory history) {
        List<VersionView> versions = history.getVersions().stream()
            .map(v -> new VersionView(v.getVersion(), v.getPubStatus().name(), v.getHeadline(), v.getPublishedAt(),
                v.getIngestedAt(), v.getEditorNote(), List.copyOf(v.getChanges())))
            .toList();
        return new VersionsView(history.getId(), versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version(), versions);
    }

    /** A story's {@link FeedItem} as JSON: what the timeline store keeps and feed pages are made of. */
    public static String itemJson(ArticleEnriched enriched) {
        try {
            return ITEM_JSON.writeValueAsString(item(enriched));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render feed item " + enriched.getArticle().getId(), e);
        }
    }

    /** Feed items as the timeline stores them: {@link #itemJson}, and their index terms read back with a streaming parse. */
    public static final FeedItemFormat ITEM_FORMAT = new FeedItemFormat() {
        @Override
        public String render(ArticleEnriched story) {
            return itemJson(story);
        }

        @Override
        public List<String> indexTerms(String item) {
            return indexTermsOf(item);
        }
    };

    /**
     * The index terms of a rendered {@link FeedItem}: its source, language, urgency, tags and entity ids. Only those
     * fields are read; the rest are skipped.
     */
    static List<String> indexTermsOf(String itemJson) {
        String source = null;
        String language = null;
        int urgency = 0;
        List<String> tags = new ArrayList<>();
        List<String> entityIds = new ArrayList<>();
        try (JsonParser parser = ITEM_JSON.getFactory().createParser(itemJson)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, itemJson);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "source" -> source = parser.getText();
                    case "language" -> language = parser.getText();
                    case "urgency" -> urgency = parser.getIntValue();
                    case "tags" -> {
                        while (parser.nextToken() == JsonToken.VALUE_STRING) {
                            tags.add(parser.getText());
                        }
                    }
                    case "entities" -> {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String name = parser.currentName();
                                parser.nextToken();
                                if (name.equals("id")) {
                                    entityIds.add(parser.getText());
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        }
                    }
                    default -> {
                        if (value.isStructStart()) {
                            parser.skipChildren();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("not a feed item: " + itemJson, e);
        }
        if (source == null || language == null) {
            throw new IllegalStateException("feed item without source or language: " + itemJson);
        }
        return IndexTerms.termsOf(source, language, urgency, tags, entityIds);
    }

    private static void expect(JsonToken actual, JsonToken expected, String itemJson) {
        if (actual != expected) {
            throw new IllegalStateException("not a feed item: " + itemJson);
        }
    }

    public static FeedItem item(ArticleEnriched enriched) {
        ArticlePublished a = enriched.getArticle();
        Map<String, EntityRef> distinct = new LinkedHashMap<>();
        for (EntityMention m : enriched.getEntities()) {
            distinct.putIfAbsent(m.getEntityId(), new EntityRef(m.getEntityId(), m.getCanonical(), m.getType().name()));
        }
        return new FeedItem(a.getId(), a.getVersion(), a.getHeadline(), a.getSource(), a.getLanguage(), a.getPublishedAt(),
            a.getDisplayAt() != null ? a.getDisplayAt() : a.getPublishedAt(), List.copyOf(a.getLabels()), a.getUrgency(), List.copyOf(enriched.getTags()), List.copyOf(distinct.values()));
    }

    public static ArticleView article(ArticleEnriched enriched, boolean explain) {
        ArticlePublished a = enriched.getArticle();
        List<MentionView> mentions = enriched.getEntities().stream()
            .map(m -> new MentionView(m.getSurface(), m.getField().name(), m.getStart(), m.getEnd(), m.getCanonical(),
                m.getEntityId(), m.getType().name(), m.getConfidence(),
                explain && m.getEvidence() != null ? new EvidenceView(m.getEvidence().getMatchedAlias(),
                    List.copyOf(m.getEvidence().getCues()), m.getEvidence().getScore()) : null))
            .toList();
        return new ArticleView(a.getId(), a.getVersion(), a.getSource(), a.getLanguage(), a.getHeadline(), a.getBody(),
            a.getByline(), List.copyOf(a.getLabels()), a.getUrgency(), a.getPubStatus().name(), a.getPublishedAt(),
            a.getDisplayAt() != null ? a.getDisplayAt() : a.getPublishedAt(), a.getEmbargoUntil(), a.getIngestedAt(),
            enriched.getEnrichedAt(), a.getEditorNote(), List.copyOf(enriched.getTags()), mentions);
    }
}
