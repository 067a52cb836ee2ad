package io.newsflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Loading and validating the JSON-lines dictionary. */
class DictionaryTest {

    private static Dictionary parse(String jsonl) {
        return Dictionary.load(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void defaultDictionaryHoldsTheCuratedSeed() {
        Dictionary dictionary = Dictionary.loadDefault();
        assertThat(dictionary.size()).isBetween(100, 300);
        DictionaryEntry austin = dictionary.entry("person:lloyd-austin").orElseThrow();
        assertThat(austin.roles()).singleElement().satisfies(role -> {
            assertThat(role.activeOn(LocalDate.of(2024, 10, 21))).isTrue();
            assertThat(role.activeOn(LocalDate.of(2019, 5, 1))).isFalse();
        });
        assertThat(austin.surnames()).containsExactly("Austin");
        assertThat(dictionary.entry("place:kyiv").orElseThrow().metonymOf()).isEqualTo("place:ukraine");
        assertThat(dictionary.localisedLanguages()).contains("uk");
    }

    @Test
    void everyEntryHasAProperSlugAndAliases() {
        for (DictionaryEntry e : Dictionary.loadDefault().entries()) {
            assertThat(e.id()).matches("(person|org|place):[a-z0-9-]+");
            assertThat(e.aliases()).isNotEmpty();
        }
    }

    @Test
    void minimalLineGetsDefaults() {
        Dictionary d = parse("""
                {"id":"person:jane-roe","canonical":"Jane Roe","type":"PERSON","aliases":["Jane Q. Roe Jr."]}

                {"id":"place:x","canonical":"X","type":"PLACE","aliases":["X"]}
                """);
        DictionaryEntry jane = d.entry("person:jane-roe").orElseThrow();
        assertThat(jane.surnames()).containsExactly("Roe");
        assertThat(jane.prior()).isEqualTo(0.5);
        assertThat(jane.kind()).isEqualTo("person");
        assertThat(d.entry("place:x").orElseThrow().surnames()).isEmpty();
    }

    @Test
    void badLinesFailLoudly() {
        assertThatThrownBy(() -> parse("{\"id\":\"a\",\"canonical\":\"A\",\"type\":\"PLACE\",\"aliases\":[\"A\"],\"typo\":1}"))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse("""
                {"id":"a","canonical":"A","type":"PLACE","aliases":["A"]}
                {"id":"a","canonical":"B","type":"PLACE","aliases":["B"]}
                """)).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> parse("{\"id\":\"a\",\"canonical\":\"A\",\"type\":\"PLACE\",\"aliases\":[\"A\"],\"metonymOf\":\"zz\"}"))
                .hasMessageContaining("unknown id");
    }

    @Test
    void aCustomDictionaryDrivesTheLinker() {
        Dictionary d = parse("{\"id\":\"org:acme\",\"canonical\":\"Acme Corporation\",\"type\":\"ORG\",\"aliases\":[\"Acme\"]}");
        LinkingResult result = EntityLinker.create(d).link(new StoryText("Acme wins", "", "en", null));
        assertThat(result.mentions()).extracting(Mention::canonical).containsExactly("Acme Corporation");
    }
}
