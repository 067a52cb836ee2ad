package io.newsflow.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;

/**
 * Sample stories written for Newsflow, in ingest-service's JSON format, used by the dev stack and the
 * end-to-end tests. {@link #NORTH_KOREAN_TROOPS} is the story every entity-linking test checks in full.
 */
public final class SampleStories {

    public static final String NORTH_KOREAN_TROOPS = "north-korean-troops.json";
    public static final String AUSTIN_TEXAS_TRANSIT = "austin-council-transit.json";

    private static final String FOLDER = "/newsflow/samples/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleStories() {
    }

    /** File names of every sample, in the order the dev stack loads them. */
    public static List<String> names() {
        return read("index.txt").lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** The JSON body of one sample. */
    public static String json(String name) {
        return read(name);
    }

    /**
     * A sample as the {@code ArticlePublished} ingest-service would publish for it, for topology tests
     * that start downstream of ingest.
     */
    public static ArticlePublished article(String name, Instant ingestedAt) {
        try {
            JsonNode story = JSON.readTree(json(name));
            List<String> labels = new ArrayList<>();
            story.path("labels").forEach(label -> labels.add(label.asText()));
            return ArticlePublished.newBuilder()
                .setId(story.get("id").asText())
                .setVersion(story.path("version").asInt(1))
                .setSource(story.get("source").asText())
                .setLanguage(story.get("language").asText())
                .setHeadline(story.get("headline").asText())
                .setBody(story.get("body").asText())
                .setByline(story.hasNonNull("byline") ? story.get("byline").asText() : null)
                .setLabels(labels)
                .setUrgency(story.path("urgency").asInt(5))
                .setPubStatus(PubStatus.usable)
                .setEmbargoUntil(null)
                .setPublishedAt(OffsetDateTime.parse(story.get("publishedAt").asText()).toInstant())
                .setIngestedAt(ingestedAt)
                .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String name) {
        try (InputStream in = SampleStories.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample story " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
