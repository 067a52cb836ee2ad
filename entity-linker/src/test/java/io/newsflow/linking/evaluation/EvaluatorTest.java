package io.newsflow.linking.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.newsflow.linking.EntityType;
import io.newsflow.linking.Evidence;
import io.newsflow.linking.LinkingResult;
import io.newsflow.linking.Mention;
import io.newsflow.linking.StoryText;
import io.newsflow.linking.TextField;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The scoring rules of the corpus README, checked against canned linker output. */
class EvaluatorTest {

    private static final EntityType P = EntityType.PLACE;

    private static GoldArticle article(String id, String language, String headline, String body,
            List<GoldMention> gold, List<String> topics) {
        return new GoldArticle(id, language, headline, body, null, gold, topics);
    }

    private static GoldMention g(String surface, String canonical, EntityType type) {
        return new GoldMention(surface, canonical, type);
    }

    /** A prediction for the {@code nth} (0-based) occurrence of {@code surface} in the field. */
    private static Mention m(StoryText story, TextField field, String surface, int nth, String canonical,
            EntityType type) {
        String text = story.text(field);
        int at = -1;
        for (int i = 0; i <= nth; i++) {
            at = text.indexOf(surface, at + 1);
        }
        return new Mention(field, surface, at, at + surface.length(), canonical, "test:" + canonical, type, 1.0,
                new Evidence(surface, List.of(), 1.0));
    }

    private static Evaluator canned(Map<String, Function<StoryText, List<Mention>>> mentions,
            Map<String, List<String>> tags) {
        return new Evaluator(story -> new LinkingResult(mentions.get(story.headline()).apply(story),
                tags.getOrDefault(story.headline(), List.of())));
    }

    @Test
    void countsTruePositivesWrongCanonicalsMissesAndSpuriousPredictions() {
        String headline = "Kyiv hosts talks on Georgia";
        String body = "Officials in Kyiv met envoys from Georgia and Turkey in Kyiv.";
        GoldArticle a = article("t1", "en", headline, body, List.of(
                g("Kyiv", "Kyiv", P), g("Georgia", "Georgia (country)", P),
                g("Kyiv", "Ukraine", P), g("Georgia", "Georgia (country)", P), g("Turkey", "Turkey", P),
                g("Kyiv", "Kyiv", P)), List.of("diplomacy", "georgia (country)"));
        Evaluator evaluator = canned(Map.of(headline, s -> List.of(
                m(s, TextField.HEADLINE, "Kyiv", 0, "Kyiv", P),                       // tp
                m(s, TextField.HEADLINE, "Georgia", 0, "Georgia (U.S. state)", P),    // wrong: fp + fn
                m(s, TextField.BODY, "Kyiv", 0, "Ukraine", P),                         // tp
                m(s, TextField.BODY, "Georgia", 0, "Georgia (country)", EntityType.ORG), // tp, wrong type
                m(s, TextField.BODY, "Kyiv", 1, "Kyiv", P),                            // tp
                m(s, TextField.BODY, "envoys", 0, "Envoy", EntityType.PERSON))),       // spurious
                Map.of(headline, List.of("diplomacy", "turkey", "georgia (country)")));

        EvaluationReport report = evaluator.evaluate("test", List.of(a));

        Score s = report.overall();
        assertThat(s.tp()).isEqualTo(4);
        assertThat(s.fp()).isEqualTo(2);
        assertThat(s.fn()).isEqualTo(2); // Georgia wrong in the headline, Turkey missed
        assertThat(s.precision()).isCloseTo(4 / 6.0, within(1e-9));
        assertThat(s.recall()).isCloseTo(4 / 6.0, within(1e-9));
        assertThat(s.typeMatched()).isEqualTo(5);
        assertThat(s.typeCorrect()).isEqualTo(4);

        Score amb = report.ambiguity(); // Kyiv, Georgia and Turkey are in the subset, "envoys" is not
        assertThat(amb.tp()).isEqualTo(4);
        assertThat(amb.fp()).isEqualTo(1);
        assertThat(amb.fn()).isEqualTo(2);

        assertThat(report.tags().hits()).isEqualTo(2);
        assertThat(report.tags().predicted()).isEqualTo(3);
        assertThat(report.tags().gold()).isEqualTo(2);

        assertThat(report.errors()).extracting(LinkingError::kind).containsExactly(
                LinkingError.Kind.WRONG_CANONICAL, LinkingError.Kind.SPURIOUS, LinkingError.Kind.MISSED);
        LinkingError missed = report.errors().get(2);
        assertThat(missed.surface()).isEqualTo("Turkey");
        assertThat(missed.field()).isEqualTo(TextField.BODY);
        assertThat(missed.context()).contains("[Turkey]");
        assertThat(report.worstErrors(1).get(0).kind()).isEqualTo(LinkingError.Kind.WRONG_CANONICAL);
    }

    @Test
    void alignsByOrderOnlyAmongEqualSurfacesAndNeverAcrossFields() {
        String headline = "Paris and Paris";
        String body = "Paris, Texas is not Paris.";
        GoldArticle a = article("t2", "en", headline, body, List.of(
                g("Paris", "Paris, Texas", P), g("Paris", "Paris", P),
                g("Paris", "Paris, Texas", P), g("Texas", "Texas", P), g("Paris", "Paris", P)), List.of());
        // Only the second headline Paris is predicted: order pairs it with the first gold Paris (wrong).
        Evaluator evaluator = canned(Map.of(headline, s -> List.of(
                m(s, TextField.HEADLINE, "Paris", 1, "Paris", P),
                m(s, TextField.BODY, "Texas", 0, "Texas", P),
                m(s, TextField.BODY, "Paris", 0, "Paris, Texas", P),
                m(s, TextField.BODY, "Paris", 1, "Paris", P))), Map.of());

        Score s = evaluator.evaluate("test", List.of(a)).overall();
        assertThat(s.tp()).isEqualTo(3);
        assertThat(s.fp()).isEqualTo(1);
        assertThat(s.fn()).isEqualTo(2);
    }

    @Test
    void reportsPerLanguageAndRendersTheWorstErrors() {
        GoldArticle en = article("e1", "en", "Austin visits Kursk", "", List.of(
                g("Austin", "Lloyd Austin", EntityType.PERSON), g("Kursk", "Kursk", P)), List.of());
        GoldArticle uk = article("u1", "uk", "Бої на Курщині", "У Києві заявили про успіхи.", List.of(
                g("Курщині", "Kursk Oblast", P), g("Києві", "Ukraine", P)), List.of());
        Evaluator evaluator = canned(Map.of(
                en.headline(), s -> List.of(m(s, TextField.HEADLINE, "Austin", 0, "Austin, Texas", P),
                        m(s, TextField.HEADLINE, "Kursk", 0, "Kursk", P)),
                uk.headline(), s -> List.of(m(s, TextField.HEADLINE, "Курщині", 0, "Kursk Oblast", P))),
                Map.of());

        EvaluationReport report = evaluator.evaluate("mixed", List.of(en, uk));

        assertThat(report.byLanguage()).containsOnlyKeys("en", "uk");
        assertThat(report.byLanguage().get("en").tp()).isEqualTo(1);
        assertThat(report.byLanguage().get("uk").tp()).isEqualTo(1);
        assertThat(report.byLanguage().get("uk").fn()).isEqualTo(1);
        assertThat(report.ambiguity().gold()).isEqualTo(3); // Austin, Kursk, Києві (Курщині is unambiguous)
        String text = report.render(5);
        assertThat(text).contains("overall", "ambiguity subset", "language en", "language uk", "Worst errors",
                "\"Austin\" gold Lloyd Austin, linked to Austin, Texas", "\"Києві\" gold Ukraine, not linked");
        assertThat(report.toJson(5)).contains("\"worstErrors\"", "\"byLanguage\"", "\"ambiguitySubset\"");
    }

    @Test
    void ambiguitySubsetCoversEnglishSurfacesAndUkrainianForms() {
        assertThat(List.of("Austin", "Kursk", "Georgia", "Washington", "Jordan", "Paris", "Turkey", "Turkiye",
                "Türkiye", "Lebanon", "Kyiv", "Kiev", "Moscow", "Pyongyang", "Seoul", "Ankara", "Tbilisi", "Amman",
                "Київ", "Києва", "Києві", "Києву", "Москва", "Москві", "Пхеньян", "Сеулі", "Курськ", "Курську",
                "Остін", "Вашингтон", "Анкара", "Туреччини"))
                .allMatch(AmbiguitySubset::contains);
        assertThat(List.of("Kursk region", "Курській області", "Курщині", "Ukraine", "Texas", "Washington Post",
                "kyiv", "Austin Energy")).noneMatch(AmbiguitySubset::contains);
    }

    @Test
    void goldArticleSplitsHeadlineAndBodyMentions() {
        GoldArticle a = GoldArticle.parse("""
                {"id":"x1","language":"en","headline":"Kyiv and Moscow trade claims","published_at":"2024-01-02T10:00:00+02:00",
                 "body":"Moscow said Kyiv had fired first; Kyiv denied it.",
                 "gold_entities":[{"surface":"Kyiv","canonical":"Ukraine","type":"PLACE"},
                   {"surface":"Moscow","canonical":"Russia","type":"PLACE"},
                   {"surface":"Moscow","canonical":"Russia","type":"PLACE"},
                   {"surface":"Kyiv","canonical":"Ukraine","type":"PLACE"},
                   {"surface":"Kyiv","canonical":"Ukraine","type":"PLACE"}],
                 "gold_topics":["russia-ukraine war"]}""");
        assertThat(a.headlineMentionCount()).isEqualTo(2);
        assertThat(a.gold(TextField.BODY)).hasSize(3);
        assertThat(a.story().publishedAt()).isNotNull();
        assertThatThrownBy(() -> GoldArticle.parse("{\"id\":\"x\",\"gold_entities\":[{\"surface\":\"A\","
                + "\"canonical\":\"B\",\"type\":\"THING\"}]}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x");
    }
}
