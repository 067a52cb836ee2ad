package io.newsflow.ingest.formats.rawpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Scores the parser against the shared gold pages (not part of the repository): exact match per expected
 * field after trimming, precision and recall for the sidebar triples. Skipped when the corpus is absent.
 */
class RawPageGoldTest {

    // Maven runs tests from the module directory, /work/main/ingest-service; the corpus sits beside /work/main.
    private static final Path GOLD = Path.of("").toAbsolutePath().resolve("../../shared/corpus/pages.jsonl").normalize();
    private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final List<String> FIELDS = List.of("site", "labels", "headline", "published_local",
        "timezone_hint", "body_first_sentence", "body_last_sentence", "sidebar_P", "sidebar_R",
        "sidebar_headline_count");

    private final ObjectMapper mapper = new ObjectMapper();
    private final RawPageParser parser = new RawPageParser(SiteZones.defaults());

    @Test
    void everyGoldPageParsesToItsExpectedFields() throws IOException {
        assumeTrue(Files.isRegularFile(GOLD), "gold pages not found at " + GOLD);

        Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
        List<String> misses = new ArrayList<>();
        for (String json : Files.readAllLines(GOLD, StandardCharsets.UTF_8)) {
            if (json.isBlank()) {
                continue;
            }
            JsonNode page = mapper.readTree(json);
            String id = page.get("id").asText();
            JsonNode expected = page.get("expected");
            Map<String, Double> row = new LinkedHashMap<>();
            scores.put(id, row);
            ParsedPage parsed;
            try {
                parsed = parser.parse(page.get("raw_text").asText());
            } catch (RawPageException e) {
                FIELDS.forEach(f -> row.put(f, 0.0));
                misses.add(id + ": parse failed: " + e.getMessage());
                continue;
            }
            List<String> paragraphs = parsed.paragraphs();
            List<String> first = SentenceSplitter.split(paragraphs.get(0));
            List<String> last = SentenceSplitter.split(paragraphs.get(paragraphs.size() - 1));

            exact(row, misses, id, "site", expected.get("site").asText(), parsed.site());
            exact(row, misses, id, "labels", strings(expected.get("labels")), parsed.labels());
            exact(row, misses, id, "headline", expected.get("headline").asText(), parsed.headline());
            exact(row, misses, id, "published_local", expected.get("published_local").asText(),
                parsed.publishedLocal().format(LOCAL_MINUTES));
            exact(row, misses, id, "timezone_hint", expected.get("timezone_hint").asText(), parsed.zone().getId());
            exact(row, misses, id, "body_first_sentence", expected.get("body_first_sentence").asText(), first.get(0));
            exact(row, misses, id, "body_last_sentence", expected.get("body_last_sentence").asText(),
                last.get(last.size() - 1));

            List<String> goldTriples = new ArrayList<>();
            for (JsonNode item : expected.get("sidebar")) {
                JsonNode label = item.get("label");
                goldTriples.add(triple(item.get("time").asText(), label == null || label.isNull() ? null : label.asText(),
                    item.get("headline").asText()));
            }
            List<String> predicted = parsed.sidebar().stream()
                .map(s -> triple(s.time().format(HH_MM), s.label(), s.headline()))
                .toList();
            int matched = matches(goldTriples, predicted);
            row.put("sidebar_P", predicted.isEmpty() ? (goldTriples.isEmpty() ? 1.0 : 0.0) : (double) matched / predicted.size());
            row.put("sidebar_R", goldTriples.isEmpty() ? 1.0 : (double) matched / goldTriples.size());
            if (matched != goldTriples.size() || matched != predicted.size()) {
                List<String> missing = new ArrayList<>(goldTriples);
                predicted.forEach(missing::remove);
                List<String> extra = new ArrayList<>(predicted);
                goldTriples.forEach(extra::remove);
                misses.add(id + " sidebar: missing " + missing + ", extra " + extra);
            }
            exact(row, misses, id, "sidebar_headline_count", expected.get("sidebar_headline_count").asText(),
                String.valueOf(parsed.sidebar().size()));
        }

        System.out.println(table(scores));
        misses.forEach(m -> System.out.println("MISS " + m));
        assertThat(misses).as("fields that differ from the gold pages").isEmpty();
        assertThat(scores).isNotEmpty();
    }

    @Test
    void goldPagesParseTheSameUnderScrapingNoise() throws IOException {
        assumeTrue(Files.isRegularFile(GOLD), "gold pages not found at " + GOLD);

        for (String json : Files.readAllLines(GOLD, StandardCharsets.UTF_8)) {
            if (json.isBlank()) {
                continue;
            }
            JsonNode page = mapper.readTree(json);
            String raw = page.get("raw_text").asText();
            // CRLF endings, trailing spaces and tabs, a non-breaking space after the headline's first word,
            // and an extra share bar after the lead: none of it may change what is parsed.
            String noisy = raw.replace("client/title.list_title", "client/title.list_title\n\nShare: Facebook | X\n")
                .replace("\n", " \t\r\n");
            String headline = page.get("expected").get("headline").asText();
            noisy = noisy.replaceFirst(Pattern.quote(headline),
                Matcher.quoteReplacement(headline.replaceFirst(" ", "\u00a0")));
            try {
                assertThat(parser.parse(noisy)).as(page.get("id").asText()).isEqualTo(parser.parse(raw));
            } catch (RawPageException e) {
                throw new AssertionError(page.get("id").asText() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void exact(Map<String, Double> row, List<String> misses, String id, String field,
                              Object expected, Object actual) {
        boolean same = Objects.equals(trimmed(expected), trimmed(actual));
        row.put(field, same ? 1.0 : 0.0);
        if (!same) {
            misses.add(id + " " + field + ": expected <" + expected + "> but was <" + actual + ">");
        }
    }

    private static Object trimmed(Object value) {
        if (value instanceof String s) {
            return s.strip();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RawPageGoldTest::trimmed).toList();
        }
        return value;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static String triple(String time, String label, String headline) {
        return time.strip() + " | " + (label == null ? "-" : label.strip()) + " | " + headline.strip();
    }

    /** Size of the multiset intersection. */
    private static int matches(List<String> gold, List<String> predicted) {
        List<String> remaining = new ArrayList<>(gold);
        int matched = 0;
        for (String p : predicted) {
            if (remaining.remove(p)) {
                matched++;
            }
        }
        return matched;
    }

    private static String table(Map<String, Map<String, Double>> scores) {
        StringBuilder out = new StringBuilder("\nRaw page gold score (1.00 = exact / full match)\n");
        out.append(String.format("%-24s", "field"));
        scores.keySet().forEach(id -> out.append(String.format("%6s", id)));
        out.append(String.format("%8s%n", "all"));
        for (String field : FIELDS) {
            out.append(String.format("%-24s", field));
            double sum = 0;
            for (Map<String, Double> row : scores.values()) {
                double v = row.getOrDefault(field, 0.0);
                sum += v;
                out.append(String.format("%6.2f", v));
            }
            out.append(String.format("%7.0f%%%n", 100 * sum / scores.size()));
        }
        return out.toString();
    }
}
