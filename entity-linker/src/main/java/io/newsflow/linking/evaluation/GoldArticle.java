package io.newsflow.linking.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.linking.EntityType;
import io.newsflow.linking.StoryText;
import io.newsflow.linking.TextField;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
  * One article of a gold file in the corpus JSONL format ({@code id}, {@code language}, {@code headline},
  * {@code body}, {@code published_at}, {@code gold_entities}, {@code gold_topics}; other fields are ignored).
  *
  * <p>Gold mentions carry no offsets: the format lists headline mentions first, then body mentions, each in
  * order of appearance. {@link #headlineMentionCount()} recovers the split between the two fields.
  */
public record GoldArticle(
        String id,
        String language,
        String headline,
        String body,
        OffsetDateTime publishedAt,
        List<GoldMention> goldEntities,
        List<String> goldTopics) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public GoldArticle {
        Objects.requireNonNull(id, "id");
        language = language == null || language.isBlank() ? "en" : language.trim().toLowerCase(Locale.ROOT);
        headline = Objects.requireNonNullElse(headline, "");
        body = Objects.requireNonNullElse(body, "");
        goldEntities = List.copyOf(goldEntities);
        goldTopics = List.copyOf(goldTopics);
    }

    /** The article as the linker sees it. */
    public StoryText story() {
        return new StoryText(headline, body, language, publishedAt == null ? null : publishedAt.toInstant());
    }

    /** The text of one field. */
    public String text(TextField field) {
        return field == TextField.HEADLINE ? headline : body;
    }

    /** The gold mentions of one field, in order of appearance. */
    public List<GoldMention> gold(TextField field) {
        int split = headlineMentionCount();
        return field == TextField.HEADLINE ? goldEntities.subList(0, split)
                : goldEntities.subList(split, goldEntities.size());
    }

    /**
      * How many leading gold mentions belong to the headline: the largest k such that the first k surfaces occur
      * in the headline in order and the rest occur in the body in order (whole words, left to right). Falls back
      * to the longest prefix found in the headline when no split fits the body too (a malformed gold line).
      */
    public int headlineMentionCount() {
        int fitsHeadline = inOrderPrefix(headline, goldEntities);
        for (int k = fitsHeadline; k >= 0; k--) {
            List<GoldMention> rest = goldEntities.subList(k, goldEntities.size());
            if (inOrderPrefix(body, rest) == rest.size()) {
                return k;
            }
        }
        return fitsHeadline;
    }

    /** Number of leading mentions whose surfaces occur in {@code text} in order, as whole words. */
    private static int inOrderPrefix(String text, List<GoldMention> mentions) {
        int cursor = 0;
        int count = 0;
        for (GoldMention mention : mentions) {
            Matcher m = wordPattern(mention.surface()).matcher(text);
            if (cursor > text.length() || !m.find(cursor)) {
                break;
            }
            cursor = m.end();
            count++;
        }
        return count;
    }

    /** A pattern for {@code surface} as a whole word: not preceded or followed by a letter or digit. */
    static Pattern wordPattern(String surface) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(surface) + "(?![\\p{L}\\p{N}])");
    }

    /** Parses one JSONL line. */
    public static GoldArticle parse(String jsonLine) {
        JsonNode a;
        try {
            a = MAPPER.readTree(jsonLine);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
        if (a == null || !a.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String id = required(a, "id").asText();
        List<GoldMention> entities = new ArrayList<>();
        for (JsonNode g : required(a, "gold_entities")) {
            String type = required(g, "type").asText();
            try {
                entities.add(new GoldMention(required(g, "surface").asText(), required(g, "canonical").asText(),
                        EntityType.valueOf(type)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(id + ": bad gold entity " + g + ": " + e.getMessage(), e);
            }
        }
        List<String> topics = new ArrayList<>();
        JsonNode topicNode = a.get("gold_topics");
        if (topicNode != null) {
            topicNode.forEach(t -> topics.add(t.asText()));
        }
        OffsetDateTime published = null;
        JsonNode publishedNode = a.get("published_at");
        if (publishedNode != null && !publishedNode.isNull() && !publishedNode.asText().isBlank()) {
            try {
                published = OffsetDateTime.parse(publishedNode.asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(id + ": bad published_at " + publishedNode.asText(), e);
            }
        }
        return new GoldArticle(id, text(a, "language"), text(a, "headline"), text(a, "body"), published, entities,
                topics);
    }

    /** Reads a JSONL gold file; blank lines are skipped, a bad line fails with its line number. */
    public static List<GoldArticle> readJsonl(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readJsonl(reader, file.toString());
        }
    }

    /** Reads a JSONL gold set from a stream (e.g. a classpath resource); the stream is closed. */
    public static List<GoldArticle> readJsonl(InputStream in, String name) {
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return readJsonl(reader, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<GoldArticle> readJsonl(Reader reader, String name) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<GoldArticle> articles = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                articles.add(parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + number + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(articles);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
