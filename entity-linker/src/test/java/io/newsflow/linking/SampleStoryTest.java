package io.newsflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The testkit's North Korean troops story must come through exactly as an editor would tag it. */
class SampleStoryTest {

    private static final Path SAMPLE = Path.of(System.getProperty("user.dir")).resolveSibling("testkit")
            .resolve("src/main/resources/newsflow/samples/north-korean-troops.json");

    private static StoryText story;
    private static LinkingResult result;

    @BeforeAll
    static void linkSample() throws IOException {
        JsonNode json = new ObjectMapper().readTree(Files.readString(SAMPLE));
        story = new StoryText(json.get("headline").asText(), json.get("body").asText(), json.get("language").asText(),
                OffsetDateTime.parse(json.get("publishedAt").asText()).toInstant());
        result = EntityLinker.create(Dictionary.loadDefault()).link(story);
    }

    @Test
    void yieldsTheFullMentionListInOrder() {
        assertThat(result.mentions())
                .extracting(Mention::field, Mention::surface, Mention::canonical, Mention::type)
                .containsExactly(
                        tuple(TextField.HEADLINE, "Ukraine", "Ukraine", EntityType.PLACE),
                        tuple(TextField.BODY, "DPRK", "North Korea", EntityType.PLACE),
                        tuple(TextField.BODY, "Ukraine", "Ukraine", EntityType.PLACE),
                        tuple(TextField.BODY, "Taras Zahorodniy", "Taras Zahorodniy", EntityType.PERSON),
                        tuple(TextField.BODY, "Zahorodniy", "Taras Zahorodniy", EntityType.PERSON),
                        tuple(TextField.BODY, "Israel", "Israel", EntityType.PLACE),
                        tuple(TextField.BODY, "North Korea", "North Korea", EntityType.PLACE),
                        tuple(TextField.BODY, "Hezbollah", "Hezbollah", EntityType.ORG),
                        tuple(TextField.BODY, "Gaza", "Gaza Strip", EntityType.PLACE),
                        tuple(TextField.BODY, "Lebanon", "Lebanon", EntityType.PLACE),
                        tuple(TextField.BODY, "Pentagon", "The Pentagon", EntityType.ORG),
                        tuple(TextField.BODY, "Lloyd Austin", "Lloyd Austin", EntityType.PERSON),
                        tuple(TextField.BODY, "Kyiv", "Kyiv", EntityType.PLACE),
                        tuple(TextField.BODY, "United States", "United States", EntityType.PLACE),
                        tuple(TextField.BODY, "Russia", "Russia", EntityType.PLACE),
                        tuple(TextField.BODY, "Austin", "Lloyd Austin", EntityType.PERSON),
                        tuple(TextField.BODY, "Sullivan", "Jake Sullivan", EntityType.PERSON),
                        tuple(TextField.BODY, "Burns", "William J. Burns", EntityType.PERSON),
                        tuple(TextField.BODY, "Biden", "Joe Biden", EntityType.PERSON),
                        tuple(TextField.BODY, "Zagorodniy", "Taras Zahorodniy", EntityType.PERSON),
                        tuple(TextField.BODY, "Ukraine", "Ukraine", EntityType.PLACE),
                        tuple(TextField.BODY, "South Korea", "South Korea", EntityType.PLACE),
                        tuple(TextField.BODY, "Brussels", "Brussels", EntityType.PLACE),
                        tuple(TextField.BODY, "Zelenskyy", "Volodymyr Zelenskyy", EntityType.PERSON),
                        tuple(TextField.BODY, "Russia", "Russia", EntityType.PLACE),
                        tuple(TextField.BODY, "Kyrylo Budanov", "Kyrylo Budanov", EntityType.PERSON),
                        tuple(TextField.BODY, "Russia", "Russia", EntityType.PLACE),
                        tuple(TextField.BODY, "Kursk", "Kursk Oblast", EntityType.PLACE),
                        tuple(TextField.BODY, "Ukraine", "Ukraine", EntityType.PLACE),
                        tuple(TextField.BODY, "NATO", "NATO", EntityType.ORG),
                        tuple(TextField.BODY, "U.S.", "United States", EntityType.PLACE),
                        tuple(TextField.BODY, "Lloyd Austin", "Lloyd Austin", EntityType.PERSON));
    }

    @Test
    void offsetsPointIntoTheOriginalFieldText() {
        for (Mention m : result.mentions()) {
            assertThat(story.text(m.field()).substring(m.start(), m.end())).isEqualTo(m.surface());
        }
    }

    @Test
    void demonymsAreNotMentions() {
        assertThat(result.mentions()).extracting(Mention::surface)
                .noneMatch(s -> s.contains("North Korean") || s.contains("Ukrainian"));
    }

    @Test
    void austinIsNeverTheTexasCity() {
        assertThat(result.mentions()).filteredOn(m -> m.surface().contains("Austin"))
                .extracting(Mention::entityId).containsOnly("person:lloyd-austin");
    }

    @Test
    void variantSurnameSpellingsShareOneIdentity() {
        List<String> ids = result.mentions().stream()
                .filter(m -> m.surface().startsWith("Za") || m.surface().startsWith("Taras"))
                .map(Mention::entityId).distinct().toList();
        assertThat(ids).containsExactly("person:taras-zahorodniy");
    }

    @Test
    void evidenceExplainsTheSurnameLinks() {
        Mention austin = result.mentions().stream().filter(m -> m.surface().equals("Austin")).findFirst().orElseThrow();
        assertThat(austin.evidence().matchedAlias()).isEqualTo("Austin");
        assertThat(austin.evidence().cues()).anyMatch(c -> c.startsWith("full name Lloyd Austin in story"));
        assertThat(austin.confidence()).isBetween(0.5, 1.0);
        for (Mention m : result.mentions()) {
            assertThat(m.confidence()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void suggestsWarAndKoreaTags() {
        assertThat(result.tags()).hasSizeBetween(2, 4).contains("russia-ukraine war", "north korea");
    }
}
