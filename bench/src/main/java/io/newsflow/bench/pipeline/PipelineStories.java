package io.newsflow.bench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;
import io.newsflow.testkit.SampleStories;

/**
 * Stories of realistic size and content for the pipeline benchmark: a real headline and a body of about
 * {@value #TARGET_BODY_BYTES} bytes of UTF-8, made of paragraphs of real news text that name people, organisations
 * and places the entity linker knows, so enrichment does its real work.
 *
 * <p>The text comes from the entity linker's gold set ({@value #GOLD}, 39 stories in English and Ukrainian) when
 * the benchmark runs from the repository root, or from any JSON-lines file with {@code headline}, {@code body} and
 * {@code language} fields; otherwise from the testkit's sample stories. Story {@code n} is the same in every run:
 * one in five is Ukrainian when Ukrainian text is available.
 */
final class PipelineStories {

    static final String GOLD = "entity-linker/src/test/resources/gold/newsflow-gold.jsonl";
    static final int TARGET_BODY_BYTES = 2_048;

    private static final String[] SOURCES = {"reuters", "ap", "ukrinform", "bbc", "kyiv-independent", "afp", "dpa", "ukraine-ledger"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One source story: its headline and its paragraphs. */
    private record Text(String headline, List<String> paragraphs) {
    }

    private final Map<String, List<Text>> byLanguage;
    private final Map<String, List<String>> paragraphsByLanguage;
    private final String origin;

    private PipelineStories(Map<String, List<Text>> byLanguage, String origin) {
        this.byLanguage = byLanguage;
        this.origin = origin;
        this.paragraphsByLanguage = new LinkedHashMap<>();
        byLanguage.forEach((language, texts) -> paragraphsByLanguage.put(language,
            texts.stream().flatMap(text -> text.paragraphs().stream()).toList()));
    }

    /** Text from {@code file} if it is readable, else from the testkit samples. */
    static PipelineStories load(Path file) {
        Map<String, List<Text>> texts = new LinkedHashMap<>();
        String origin;
        if (file != null && Files.isReadable(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        add(texts, JSON.readTree(line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            origin = file.toString();
        } else {
            for (String name : SampleStories.names()) {
                try {
                    add(texts, JSON.readTree(SampleStories.json(name)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            origin = "testkit sample stories";
        }
        if (!texts.containsKey("en")) {
            throw new IllegalStateException("no English stories in " + origin);
        }
        return new PipelineStories(texts, origin);
    }

    private static void add(Map<String, List<Text>> texts, JsonNode story) {
        String language = story.path("language").asText("en");
        List<String> paragraphs = List.of(story.path("body").asText("").split("\\n\\s*\\n")).stream()
            .map(String::strip).filter(p -> !p.isEmpty()).toList();
        if (!paragraphs.isEmpty() && !story.path("headline").asText("").isBlank()) {
            texts.computeIfAbsent(language, l -> new ArrayList<>()).add(new Text(story.path("headline").asText(), paragraphs));
        }
    }

    String origin() {
        return origin;
    }

    /** Story {@code n} with the given id, published at {@code now}, as ingest-service's native JSON. */
    byte[] json(long n, String id, Instant now) {
        Story story = story(n);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("source", story.source());
        json.put("language", story.language());
        json.put("headline", story.headline());
        json.put("body", story.body());
        json.put("byline", story.byline());
        json.put("labels", story.labels());
        json.put("urgency", story.urgency());
        json.put("publishedAt", now.toString());
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Story {@code n} with the given id as the {@code ArticlePublished} ingest-service would have written at {@code now}. */
    ArticlePublished article(long n, String id, Instant now) {
        Story story = story(n);
        return ArticlePublished.newBuilder()
            .setId(id)
            .setVersion(1)
            .setSource(story.source())
            .setLanguage(story.language())
            .setHeadline(story.headline())
            .setBody(story.body())
            .setByline(story.byline())
            .setLabels(story.labels())
            .setUrgency(story.urgency())
            .setPubStatus(PubStatus.usable)
            .setEmbargoUntil(null)
            .setPublishedAt(now)
            .setIngestedAt(now)
            .build();
    }

    /** The content of story {@code n}, without id or times. */
    record Story(String source, String language, String headline, String body, String byline, List<String> labels, int urgency) {
    }

    Story story(long n) {
        SplittableRandom random = new SplittableRandom(0x9E3779B97F4A7C15L ^ n);
        String language = n % 5 == 4 && byLanguage.containsKey("uk") ? "uk" : "en";
        List<Text> texts = byLanguage.get(language);
        List<String> paragraphs = paragraphsByLanguage.get(language);
        Text lead = texts.get(random.nextInt(texts.size()));
        StringBuilder body = new StringBuilder(TARGET_BODY_BYTES + 512);
        int bytes = 0;
        // The lead story first, so headline and opening agree; then paragraphs of other stories up to the size.
        for (String paragraph : lead.paragraphs()) {
            bytes += append(body, paragraph);
            if (bytes >= TARGET_BODY_BYTES - 120) {
                break;
            }
        }
        while (bytes < TARGET_BODY_BYTES - 120) {
            bytes += append(body, paragraphs.get(random.nextInt(paragraphs.size())));
        }
        List<String> labels = random.nextInt(8) == 0 ? List.of("Exclusive") : List.of();
        return new Story(SOURCES[random.nextInt(SOURCES.length)], language, lead.headline(), body.toString(),
            "Staff reporter " + random.nextInt(200), labels, 3 + random.nextInt(5));
    }

    private static int append(StringBuilder body, String paragraph) {
        if (!body.isEmpty()) {
            body.append("\n\n");
        }
        body.append(paragraph);
        return paragraph.getBytes(StandardCharsets.UTF_8).length + 2;
    }
}
