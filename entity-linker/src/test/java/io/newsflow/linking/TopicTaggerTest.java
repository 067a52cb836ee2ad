package io.newsflow.linking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tag suggestions come from the resource rules and stay within 2–4 labels. */
class TopicTaggerTest {

    private static final EntityLinker LINKER = EntityLinker.create(Dictionary.loadDefault());

    @Test
    void texasStoryIsTaggedTexas() {
        LinkingResult result = LINKER.link(new StoryText("Austin council backs new budget",
                "The Austin city council approved the budget, Texas officials said. Mayor Kirk Watson welcomed it.", "en",
                Instant.parse("2023-09-01T12:00:00Z")));
        assertThat(result.tags()).hasSizeBetween(2, 4).contains("texas");
    }

    @Test
    void sparseStoryStillGetsTwoTagsFromCountries() {
        LinkingResult result = LINKER.link(new StoryText("Canada and India talk trade", "", "en", null));
        assertThat(result.tags()).hasSize(2);
    }

    /** A story with no entity the rules list and no place still gets two subjects, from keywords in its language. */
    @Test
    void aStoryWithoutPlacesGetsBroadSubjects() {
        assertThat(LINKER.link(new StoryText("Hospital doctors warn of flu outbreak",
                "Patients filled the hospital as doctors said the outbreak of the virus was spreading. Police closed roads "
                        + "after a crash, and a suspect was arrested.", "en", null)).tags())
                .containsExactly("health", "crime and justice");
        assertThat(LINKER.link(new StoryText("Лікарі попереджають про грип",
                "Лікарні переповнені, пацієнтів стає більше. Поліція затримала підозрюваного, суд розгляне справу.", "uk",
                null)).tags())
                .containsExactly("health", "crime and justice");
    }

    /** "politics" says nothing "us politics" does not: a broad subject stands back for a narrower rule's code. */
    @Test
    void aBroadSubjectStandsBackForANarrowerRuleWithItsCode() {
        LinkingResult result = LINKER.link(new StoryText("Senate passes bill as Biden signs law",
                "The Senate passed the bill and President Joe Biden signed the law. Lawmakers in Congress and the "
                        + "government said the legislation would pass the House. Lawmakers and ministers agreed.", "en",
                Instant.parse("2023-09-01T12:00:00Z")));
        assertThat(result.tags()).contains("us politics").doesNotContain("politics");
    }

    /** Every story of the in-repo gold sets gets 2–4 tags. */
    @Test
    void everyGoldStoryGetsTwoToFourTags() throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String file : java.util.List.of("newsflow-gold.jsonl", "newsflow-heldout.jsonl")) {
            Path path = Path.of(System.getProperty("user.dir")).resolve("src/test/resources/gold").resolve(file);
            for (String line : Files.readAllLines(path)) {
                var story = mapper.readTree(line);
                LinkingResult result = LINKER.link(new StoryText(story.get("headline").asText(),
                        story.get("body").asText(), story.get("language").asText(),
                        Instant.parse(story.get("published_at").asText())));
                assertThat(result.tags()).as(story.get("id").asText()).hasSizeBetween(2, 4);
            }
        }
    }

    /** docs/quality.md lists every rule with its IPTC Media Topic code, so the documented mapping cannot drift. */
    @Test
    void theDocumentedIptcMappingIsTheRulesOwn() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).resolve("../docs/quality.md").normalize();
        String text = Files.readString(doc);
        String table = text.substring(text.indexOf("| label | IPTC Media Topic |"));
        Map<String, String> documented = new LinkedHashMap<>();
        table.lines().skip(2).takeWhile(line -> line.startsWith("| ")).forEach(line -> {
            String[] cells = line.split("\\|");
            String code = cells[2].trim();
            documented.put(cells[1].trim(), code.equals("none") ? "none" : code.substring("`medtop:".length(), code.indexOf('`', 1)));
        });
        Map<String, String> rules = new LinkedHashMap<>();
        TopicTagger.loadDefaultRules().forEach(rule -> rules.put(rule.label(), rule.iptc() == null ? "none" : rule.iptc()));
        assertThat(documented).isEqualTo(rules);
    }

    @Test
    void rulesAreLowercaseAndUnique() {
        var rules = TopicTagger.loadDefaultRules();
        assertThat(rules).extracting(TopicTagger.TopicRule::label)
                .doesNotHaveDuplicates()
                .allMatch(label -> label.equals(label.toLowerCase(java.util.Locale.ROOT)));
        var dictionary = Dictionary.loadDefault();
        rules.forEach(rule -> rule.entities()
                .forEach(id -> assertThat(dictionary.entry(id)).as(rule.label() + " -> " + id).isPresent()));
    }
}
