package io.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.linking.StoryText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
  * Realistic news text for the benchmarks, read at setup time and never bundled:
  *
  * <ol>
  *   <li>the development corpus ({@code -Dnewsflow.corpus}, default {@value #CORPUS}) when present;
  *   <li>otherwise the testkit sample stories ({@code -Dnewsflow.samples}, default {@value #SAMPLES}, English)
  *       and, for Ukrainian, a short story written for this module ({@value #UK_FALLBACK}).
  * </ol>
  */
final class Corpus {

    static final String CORPUS = "/work/shared/corpus/articles.jsonl";
    static final String SAMPLES = "testkit/src/main/resources/newsflow/samples";
    static final String UK_FALLBACK = "/newsflow/bench/uk-story.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Corpus() {}

    /** Stories in the given language; never empty. */
    static List<StoryText> stories(String language) {
        List<StoryText> stories = new ArrayList<>();
        Path corpus = Path.of(System.getProperty("newsflow.corpus", CORPUS));
        try {
            if (Files.isReadable(corpus)) {
                for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        JsonNode n = JSON.readTree(line);
                        if (language.equals(n.path("language").asText("en"))) {
                            stories.add(story(n, "published_at"));
                        }
                    }
                }
            }
            if (stories.isEmpty()) {
                Path samples = Path.of(System.getProperty("newsflow.samples", SAMPLES));
                if (Files.isDirectory(samples)) {
                    try (Stream<Path> files = Files.list(samples)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                            JsonNode n = JSON.readTree(f.toFile());
                            if (language.equals(n.path("language").asText("en"))) {
                                stories.add(story(n, "publishedAt"));
                            }
                        }
                    }
                }
            }
            if (stories.isEmpty() && language.equals("uk")) {
                try (InputStream in = Corpus.class.getResourceAsStream(UK_FALLBACK)) {
                    stories.add(story(JSON.readTree(in), "publishedAt"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (stories.isEmpty()) {
            throw new IllegalStateException("no " + language + " stories: set -Dnewsflow.corpus or -Dnewsflow.samples");
        }
        return List.copyOf(stories);
    }

    private static StoryText story(JsonNode n, String dateField) {
        String date = n.path(dateField).asText(null);
        return new StoryText(n.path("headline").asText(""), n.path("body").asText(""), n.path("language").asText("en"),
                date == null ? null : OffsetDateTime.parse(date).toInstant());
    }

    /** Characters the linker reads for a story: headline plus body. */
    static long chars(StoryText story) {
        return story.headline().length() + story.body().length();
    }
}
