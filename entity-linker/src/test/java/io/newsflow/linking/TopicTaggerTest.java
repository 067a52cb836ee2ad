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
