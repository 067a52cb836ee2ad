package io.newsflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.linking.evaluation.GoldArticle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
  * Guards performance work on the linker: the full {@link LinkingResult} (every mention with offsets, canonical,
  * confidence, score and cue texts, plus the tags) for a fixed set of stories must stay byte-identical.
  *
  * <p>Opt-in, because the snapshot holds text of the shared corpus, which must not be copied into the repository:
  * run with {@code -Dnewsflow.linkingSnapshot=/tmp/some-file}. The first run writes the file; later runs compare
  * against it. Without the property the test is skipped.
  *
  * <p>Stories: the shared corpus articles and raw pages (when present) and the in-repo gold set, each as given,
  * with the other language's automaton and without a date; plus seeded synthetic stories built from dictionary
  * aliases, cues, role titles, container names and the context words the heuristics look for, so that rules the
  * real texts rarely reach are covered too.
  */
class LinkingSnapshotTest {

    private static final Path CORPUS_DIR =
            Path.of(System.getProperty("user.dir")).resolve("../../shared/corpus").normalize();
    private static final String GOLD_RESOURCE = "/gold/newsflow-gold.jsonl";
    private static final int SYNTHETIC_STORIES = 3000;

    /** Words the context heuristics react to, mixed into synthetic stories between names. */
    private static final List<String> CONTEXT_WORDS = List.of("the", "in", "at", "near", "from", "of", "city of",
            "town of", "and", "or", "said", "warned", "'s parliament", "'s", "regions", "meeting", "format", "visit",
            "residents", "President", "Senator", "Gen.", "officials in", "a signal to", "arrived in", "the capital,",
            "submarine", "speaker", "Defense Secretary", "May", "in May", "2024", ",", ".", "\n\n", "turkey", "us",
            "в", "у", "біля", "з", "та", "і", "місто", "столиці", "області", "регіонах");

    @Test
    void linkingOutputMatchesSnapshot() throws IOException {
        String property = System.getProperty("newsflow.linkingSnapshot");
        assumeTrue(property != null && !property.isBlank(), "set -Dnewsflow.linkingSnapshot=<file> to run");
        Path snapshot = Path.of(property);

        Dictionary dictionary = Dictionary.loadDefault();
        EntityLinker linker = EntityLinker.create(dictionary);
        List<String> lines = new ArrayList<>();
        for (Labelled story : stories(dictionary)) {
            lines.add(story.label() + "\t" + render(linker.link(story.story())));
        }

        if (!Files.exists(snapshot)) {
            Files.write(snapshot, lines, StandardCharsets.UTF_8);
            System.out.println("wrote linking snapshot of " + lines.size() + " stories to " + snapshot);
            return;
        }
        List<String> expected = Files.readAllLines(snapshot, StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(expected.size(), lines.size()); i++) {
            assertThat(lines.get(i)).as("story %d of the snapshot", i).isEqualTo(expected.get(i));
        }
        assertThat(lines).hasSameSizeAs(expected);
        System.out.println("linking output identical to " + snapshot + " for " + lines.size() + " stories");
    }

    private static String render(LinkingResult result) {
        // Record toString prints every component, doubles in full precision.
        return result.toString().replace("\n", "\\n");
    }

    private record Labelled(String label, StoryText story) {}

    private static List<Labelled> stories(Dictionary dictionary) throws IOException {
        List<Labelled> stories = new ArrayList<>();
        List<GoldArticle> articles = new ArrayList<>();
        Path corpus = CORPUS_DIR.resolve("articles.jsonl");
        if (Files.isRegularFile(corpus)) {
            articles.addAll(GoldArticle.readJsonl(corpus));
        }
        try (InputStream in = LinkingSnapshotTest.class.getResourceAsStream(GOLD_RESOURCE)) {
            articles.addAll(GoldArticle.readJsonl(in, GOLD_RESOURCE));
        }
        for (GoldArticle a : articles) {
            StoryText s = a.story();
            String other = s.language().equals("en") ? "uk" : "en";
            stories.add(new Labelled(a.id(), s));
            stories.add(new Labelled(a.id() + "/" + other, new StoryText(s.headline(), s.body(), other, s.publishedAt())));
            stories.add(new Labelled(a.id() + "/undated", new StoryText(s.headline(), s.body(), s.language(), null)));
        }
        Path pages = CORPUS_DIR.resolve("pages.jsonl");
        if (Files.isRegularFile(pages)) {
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(pages, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode page = json.readTree(line);
                String raw = page.get("raw_text").asText();
                for (String language : List.of("en", "uk")) {
                    stories.add(new Labelled(page.get("id").asText() + "/" + language,
                            new StoryText("", raw, language, Instant.parse("2024-05-10T09:42:00Z"))));
                }
            }
        }
        stories.addAll(synthetic(dictionary));
        return stories;
    }

    /** Seeded stories of names, cues, titles and context words; deterministic for a given dictionary. */
    private static List<Labelled> synthetic(Dictionary dictionary) {
        Random random = new Random(20261125L);
        List<DictionaryEntry> entries = dictionary.entries();
        List<Labelled> stories = new ArrayList<>();
        for (int n = 0; n < SYNTHETIC_STORIES; n++) {
            String language = random.nextInt(4) == 0 ? "uk" : "en";
            StringBuilder headline = new StringBuilder();
            StringBuilder body = new StringBuilder();
            int entryCount = 2 + random.nextInt(6);
            for (int k = 0; k < entryCount; k++) {
                DictionaryEntry e = entries.get(random.nextInt(entries.size()));
                StringBuilder out = k == 0 ? headline : body;
                List<String> names = new ArrayList<>(e.aliasesFor(language));
                names.addAll(e.surnames());
                names.addAll(e.shortForms());
                for (int words = 1 + random.nextInt(4); words > 0; words--) {
                    out.append(pick(random, CONTEXT_WORDS)).append(' ');
                    int what = random.nextInt(10);
                    if (what < 4 && !names.isEmpty()) {
                        String name = pick(random, names);
                        out.append(random.nextInt(8) == 0 ? name.toLowerCase(Locale.ROOT) : name);
                    } else if (what < 6 && !e.cues().isEmpty()) {
                        out.append(pick(random, e.cues()));
                    } else if (what < 7 && !e.roles().isEmpty()) {
                        Role role = pick(random, e.roles());
                        out.append(role.titleCues().isEmpty() ? role.title() : pick(random, role.titleCues()));
                    } else if (what < 8 && e.partOf() != null) {
                        DictionaryEntry container = dictionary.entry(e.partOf()).orElse(null);
                        if (container != null && !names.isEmpty()) {
                            out.append(pick(random, names)).append(", ")
                                    .append(pick(random, container.aliasesFor(language)));
                        }
                    } else {
                        DictionaryEntry other = entries.get(random.nextInt(entries.size()));
                        out.append(pick(random, other.aliasesFor(language)));
                    }
                    out.append(random.nextInt(3) == 0 ? ". " : " ");
                }
            }
            Instant date = random.nextInt(5) == 0 ? null
                    : LocalDate.of(2014 + random.nextInt(12), 1 + random.nextInt(12), 1 + random.nextInt(28))
                            .atStartOfDay().toInstant(ZoneOffset.UTC);
            stories.add(new Labelled("synthetic-" + n,
                    new StoryText(headline.toString().strip(), body.toString().strip(), language, date)));
        }
        return stories;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
