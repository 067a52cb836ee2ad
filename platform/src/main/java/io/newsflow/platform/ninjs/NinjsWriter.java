package io.newsflow.platform.ninjs;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newsflow.schemas.ArticleEnriched;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.EntityMention;
import io.newsflow.schemas.EntityType;

/**
 * Writes a story as an IPTC ninjs 2.1 document that validates against the 2.1 JSON schema.
 *
 * <p>The schema allows no properties beyond its own at the top level ({@code unevaluatedProperties: false}),
 * so the version is declared in {@code standard} ({@code name}, {@code version}, {@code schema}), not in a
 * {@code $schema} member, and the byline goes to {@code by} (ninjs 2.x has no {@code bylines}).
 *
 * <ul>
 * <li>{@code uri}: {@link Ninjs#storyUri(String)} of the id; {@code type} "text";
 *     {@code representationtype} "full"; {@code version}: the version as a string.</li>
 * <li>{@code versioncreated}: publishedAt. Newsflow keeps no separate "first created" time, so
 *     {@code firstcreated} (also publishedAt) is written for version 1 only, where the two coincide.
 *     {@code contentcreated} is not written.</li>
 * <li>{@code pubstatus}, {@code urgency}, {@code embargoed} (when set), {@code ednote} (the editor's note, when
 *     set), {@code language}.</li>
 * <li>{@code headlines}: one, role main, text/plain. {@code bodies}: one, role main, text/plain, with
 *     {@code charcount} (code points) and {@code wordcount} (runs of non-space holding a letter or digit).</li>
 * <li>{@code by}: the byline. {@code genres}: one {@code {name}} per label. {@code subjects}: one
 *     {@code {name, uri}} per tag ({@link Ninjs#topicUri(String)}).</li>
 * <li>{@code people} / {@code organisations} / {@code places} from PERSON / ORG / PLACE entities, one per
 *     distinct entity id in first-mention order: {@code name} is the canonical English Wikipedia title,
 *     {@code uri} is {@link Ninjs#entityUri(String)}, {@code literal} the entity id itself. UNKNOWN entities
 *     are left out.</li>
 * <li>{@code infosources}: {@code [{name: source}]}; {@code copyrightholder}: the source.</li>
 * </ul>
 * Date-times are written in UTC ({@code 2024-10-21T07:30:00Z}). Thread-safe.
 */
public final class NinjsWriter {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_INSTANT;

    private final ObjectMapper mapper;

    public NinjsWriter(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The enriched story as ninjs 2.1, with its entities and tags. */
    public ObjectNode write(ArticleEnriched enriched) {
        ObjectNode document = writeArticle(enriched.getArticle());
        addSubjects(document, enriched.getTags());
        addEntities(document, enriched.getEntities());
        addSource(document, enriched.getArticle().getSource());
        return document;
    }

    /** The story as ninjs 2.1, without entities or tags. */
    public ObjectNode write(ArticlePublished article) {
        ObjectNode document = writeArticle(article);
        addSource(document, article.getSource());
        return document;
    }

    private ObjectNode writeArticle(ArticlePublished article) {
        ObjectNode document = mapper.createObjectNode();
        document.put("uri", Ninjs.storyUri(article.getId()));
        document.put("type", "text");
        document.put("representationtype", "full");
        ObjectNode standard = document.putObject("standard");
        standard.put("name", "ninjs");
        standard.put("version", Ninjs.VERSION);
        standard.put("schema", Ninjs.SCHEMA_2_1);
        document.put("version", Integer.toString(article.getVersion()));
        if (article.getVersion() == 1) {
            document.put("firstcreated", format(article.getPublishedAt()));
        }
        document.put("versioncreated", format(article.getPublishedAt()));
        if (article.getEmbargoUntil() != null) {
            document.put("embargoed", format(article.getEmbargoUntil()));
        }
        if (article.getEditorNote() != null) {
            document.put("ednote", article.getEditorNote());
        }
        document.put("pubstatus", article.getPubStatus().name());
        document.put("urgency", article.getUrgency());
        document.put("language", article.getLanguage());

        ObjectNode headline = document.putArray("headlines").addObject();
        headline.put("role", "main");
        headline.put("contenttype", "text/plain");
        headline.put("value", article.getHeadline());

        String text = article.getBody();
        ObjectNode body = document.putArray("bodies").addObject();
        body.put("role", "main");
        body.put("contenttype", "text/plain");
        body.put("charcount", text.codePointCount(0, text.length()));
        body.put("wordcount", wordCount(text));
        body.put("value", text);

        if (article.getByline() != null && !article.getByline().isBlank()) {
            document.put("by", article.getByline());
        }
        Set<String> labels = distinctNonBlank(article.getLabels());
        if (!labels.isEmpty()) {
            ArrayNode genres = document.putArray("genres");
            labels.forEach(label -> genres.addObject().put("name", label));
        }
        return document;
    }

    private static void addSubjects(ObjectNode document, List<String> tags) {
        Set<String> distinct = distinctNonBlank(tags);
        if (distinct.isEmpty()) {
            return;
        }
        ArrayNode subjects = document.putArray("subjects");
        distinct.forEach(tag -> subjects.addObject().put("name", tag).put("uri", Ninjs.topicUri(tag)));
    }

    private static void addEntities(ObjectNode document, List<EntityMention> mentions) {
        Map<String, EntityMention> distinct = new LinkedHashMap<>();
        for (EntityMention mention : mentions) {
            if (mention.getEntityId() != null && !mention.getEntityId().isBlank()) {
                distinct.putIfAbsent(mention.getEntityId(), mention);
            }
        }
        for (EntityMention mention : distinct.values()) {
            String property = property(mention.getType());
            if (property == null) {
                continue;
            }
            ArrayNode array = document.has(property) ? (ArrayNode) document.get(property) : document.putArray(property);
            ObjectNode entity = array.addObject();
            String name = mention.getCanonical() == null || mention.getCanonical().isBlank()
                ? mention.getSurface() : mention.getCanonical();
            entity.put("name", name);
            entity.put("uri", Ninjs.entityUri(mention.getEntityId()));
            entity.put("literal", mention.getEntityId());
        }
    }

    private static String property(EntityType type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case PERSON -> "people";
            case ORG -> "organisations";
            case PLACE -> "places";
            default -> null;
        };
    }

    private static void addSource(ObjectNode document, String source) {
        document.putArray("infosources").addObject().put("name", source);
        document.put("copyrightholder", source);
    }

    private static Set<String> distinctNonBlank(List<String> values) {
        Set<String> distinct = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    distinct.add(value.strip());
                }
            }
        }
        return distinct;
    }

    static int wordCount(String text) {
        int words = 0;
        for (String token : text.split("\\s+")) {
            if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
                words++;
            }
        }
        return words;
    }

    private static String format(Instant instant) {
        return DATE_TIME.format(instant);
    }
}
