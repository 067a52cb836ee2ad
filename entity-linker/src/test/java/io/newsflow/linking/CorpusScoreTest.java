package io.newsflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
  * Scores the linker against the shared gold corpus (micro P/R/F1 over surface occurrence + canonical pairs,
  * aligned in order per field, as the corpus README specifies). The corpus lives outside the project, so the
  * test is skipped where it is absent; the floors asserted are loose guards against regressions, not targets.
  */
class CorpusScoreTest {

    private static final Path CORPUS =
            Path.of(System.getProperty("user.dir")).resolve("../../shared/corpus/articles.jsonl").normalize();

    /** Surfaces with more than one plausible referent, per the corpus README, plus their Ukrainian forms. */
    private static final Set<String> AMBIGUOUS = Set.of("Austin", "Kursk", "Georgia", "Washington", "Jordan",
            "Paris", "Turkey", "Turkiye", "Lebanon", "Kyiv", "Kiev", "Moscow", "Pyongyang", "Seoul", "Ankara",
            "Tbilisi", "Amman", "Київ", "Києва", "Києві", "Києву", "Москва", "Москви", "Москві", "Москву",
            "Пхеньян", "Пхеньяна", "Пхеньяні", "Сеул", "Курськ", "Курська", "Курську");

    private record Item(String surface, String canonical, EntityType type) {}

    /** Running totals of one metric. */
    private static final class Score {
        int tp;
        int fp;
        int fn;
        int typeMatched;
        int typeCorrect;

        double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        String line(String name) {
            return String.format(Locale.ROOT, "%-22s P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d) type-acc=%.3f", name,
                    precision(), recall(), f1(), tp, fp, fn, typeMatched == 0 ? 0 : (double) typeCorrect / typeMatched);
        }
    }

    @Test
    void scoresAgainstGoldCorpus() throws IOException {
        assumeTrue(Files.isRegularFile(CORPUS), "gold corpus not present at " + CORPUS);
        EntityLinker linker = EntityLinker.create(Dictionary.loadDefault());
        ObjectMapper mapper = new ObjectMapper();

        Score all = new Score();
        Score english = new Score();
        Score ambiguous = new Score();
        int tagHits = 0;
        int tagPredicted = 0;
        int tagGold = 0;
        List<String> ambiguityErrors = new ArrayList<>();
        Map<String, Integer> missed = new TreeMap<>();
        Map<String, Integer> spurious = new TreeMap<>();

        for (String line : Files.readAllLines(CORPUS)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode a = mapper.readTree(line);
            String id = a.get("id").asText();
            String language = a.get("language").asText();
            StoryText story = new StoryText(a.get("headline").asText(), a.get("body").asText(), language,
                    OffsetDateTime.parse(a.get("published_at").asText()).toInstant());
            LinkingResult result = linker.link(story);

            List<Item> gold = new ArrayList<>();
            a.get("gold_entities").forEach(g -> gold.add(new Item(g.get("surface").asText(),
                    g.get("canonical").asText(), EntityType.valueOf(g.get("type").asText()))));
            int headlineGold = headlineCount(story.headline(), gold);
            Map<TextField, List<Item>> goldByField = Map.of(TextField.HEADLINE, gold.subList(0, headlineGold),
                    TextField.BODY, gold.subList(headlineGold, gold.size()));

            for (TextField field : TextField.values()) {
                List<Item> predicted = result.mentions().stream().filter(m -> m.field() == field)
                        .map(m -> new Item(m.surface(), m.canonical(), m.type())).toList();
                List<Item> expected = goldByField.get(field);
                align(predicted, expected, x -> true, all, null, null, null, id);
                if (language.equals("en")) {
                    align(predicted, expected, x -> true, english, null, missed, spurious, id);
                }
                align(predicted, expected, x -> AMBIGUOUS.contains(x.surface()), ambiguous, ambiguityErrors, null, null,
                        id);
            }

            List<String> goldTopics = new ArrayList<>();
            a.get("gold_topics").forEach(t -> goldTopics.add(t.asText()));
            tagGold += goldTopics.size();
            tagPredicted += result.tags().size();
            tagHits += (int) result.tags().stream().filter(goldTopics::contains).count();
        }

        System.out.println("== entity-linker vs gold corpus (" + CORPUS + ")");
        System.out.println(all.line("overall"));
        System.out.println(english.line("english only"));
        System.out.println(ambiguous.line("ambiguity subset"));
        System.out.printf(Locale.ROOT, "%-22s P=%.3f R=%.3f%n", "tags", (double) tagHits / tagPredicted,
                (double) tagHits / tagGold);
        System.out.println("ambiguity-subset errors:");
        ambiguityErrors.forEach(e -> System.out.println("  " + e));
        System.out.println("english misses (surface -> canonical, count): " + top(missed));
        System.out.println("english spurious/wrong (surface -> canonical, count): " + top(spurious));

        assertThat(all.f1()).as("overall F1").isGreaterThan(0.75);
        assertThat(ambiguous.f1()).as("ambiguity-subset F1").isGreaterThan(0.90);
    }

    /** Gold lists headline mentions first; take the longest prefix whose surfaces occur in the headline in order. */
    private static int headlineCount(String headline, List<Item> gold) {
        int cursor = 0;
        int count = 0;
        for (Item item : gold) {
            var m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(item.surface()) + "(?![\\p{L}\\p{N}])")
                    .matcher(headline);
            if (!m.find(cursor)) {
                break;
            }
            cursor = m.end();
            count++;
        }
        return count;
    }

    /** Walks predictions in order, pairing each with the next unmatched gold item that has the same surface. */
    private static void align(List<Item> predicted, List<Item> gold, Predicate<Item> scope, Score score,
            List<String> errors, Map<String, Integer> missed, Map<String, Integer> spurious, String articleId) {
        List<Item> p = predicted.stream().filter(scope).toList();
        List<Item> g = gold.stream().filter(scope).toList();
        boolean[] used = new boolean[g.size()];
        for (Item pred : p) {
            int match = -1;
            // "Next unmatched gold mention with the same surface": order matters only among equal surfaces.
            for (int i = 0; i < g.size() && match < 0; i++) {
                if (!used[i] && g.get(i).surface().equals(pred.surface())) {
                    match = i;
                }
            }
            if (match < 0) {
                score.fp++;
                note(errors, spurious, articleId, pred, null);
                continue;
            }
            used[match] = true;
            Item truth = g.get(match);
            score.typeMatched++;
            if (truth.type() == pred.type()) {
                score.typeCorrect++;
            }
            if (truth.canonical().equals(pred.canonical())) {
                score.tp++;
            } else {
                score.fp++;
                score.fn++;
                note(errors, spurious, articleId, pred, truth);
                note(null, missed, articleId, truth, null);
            }
        }
        for (int i = 0; i < g.size(); i++) {
            if (!used[i]) {
                score.fn++;
                if (errors != null) {
                    errors.add(articleId + " missed " + g.get(i).surface() + " -> " + g.get(i).canonical());
                }
                note(null, missed, articleId, g.get(i), null);
            }
        }
    }

    private static void note(List<String> errors, Map<String, Integer> counts, String articleId, Item item,
            Item truth) {
        if (errors != null) {
            errors.add(articleId + (truth == null ? " spurious " : " wrong ") + item.surface() + " -> "
                    + item.canonical() + (truth == null ? "" : " (gold " + truth.canonical() + ")"));
        }
        if (counts != null) {
            counts.merge(item.surface() + " -> " + item.canonical(), 1, Integer::sum);
        }
    }

    private static String top(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(60).map(e -> e.getKey() + " x" + e.getValue()).toList().toString();
    }
}
