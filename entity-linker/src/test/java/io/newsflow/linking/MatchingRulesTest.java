package io.newsflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Surface-level rules: boundaries, case, punctuation, possessives, articles, longest match, blockers. */
class MatchingRulesTest {

    private static final EntityLinker LINKER = EntityLinker.create(Dictionary.loadDefault());
    private static final Instant OCT_2024 = Instant.parse("2024-10-21T12:00:00Z");

    private static List<Mention> body(String text) {
        return LINKER.link(new StoryText("", text, "en", OCT_2024)).mentions();
    }

    private static List<String> surfaceToCanonical(String text) {
        return body(text).stream().map(m -> m.surface() + "=" + m.canonical()).toList();
    }

    @Test
    void lowercaseUsAndTurkeyAreOrdinaryWords() {
        assertThat(body("Let us roast a turkey for the holiday.")).isEmpty();
    }

    @Test
    void uppercaseUsAndTurkeyAreCountries() {
        assertThat(surfaceToCanonical("The US and Turkey signed the deal."))
                .containsExactly("US=United States", "Turkey=Turkey");
    }

    @Test
    void acronymsAreCaseSensitive() {
        assertThat(body("the hur and the dprk")).isEmpty();
        assertThat(surfaceToCanonical("HUR said the DPRK had sent troops."))
                .containsExactly("HUR=Main Directorate of Intelligence (Ukraine)", "DPRK=North Korea");
    }

    @Test
    void demonymIsNotTheCountry() {
        assertThat(body("North Korean troops and Ukrainian drones were seen near Russian positions.")).isEmpty();
    }

    @Test
    void possessiveIsLeftOutOfTheSurface() {
        List<Mention> mentions = body("South Korea's Defense Minister warned of the deployment.");
        assertThat(mentions).extracting(Mention::surface, Mention::start, Mention::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("South Korea", 0, 11));
    }

    @Test
    void typographicApostrophesAndDashesKeepOffsetsInTheOriginalText() {
        String text = "South Korea\u2019s envoy met NATO\u2013Ukraine officials in Kyiv\u2019s centre.";
        List<Mention> mentions = body(text);
        assertThat(mentions).extracting(Mention::surface).containsExactly("South Korea", "NATO", "Ukraine", "Kyiv");
        mentions.forEach(m -> assertThat(text.substring(m.start(), m.end())).isEqualTo(m.surface()));
    }

    @Test
    void leadingTheIsNotPartOfTheSurface() {
        Mention pentagon = body("A spokesman for the Pentagon declined to comment.").get(0);
        assertThat(pentagon.surface()).isEqualTo("Pentagon");
        assertThat(pentagon.canonical()).isEqualTo("The Pentagon");
        assertThat(pentagon.type()).isEqualTo(EntityType.ORG);
    }

    @Test
    void longestNameWins() {
        assertThat(surfaceToCanonical("Shelling continued in the Kursk region and in Kursk Oblast."))
                .containsExactly("Kursk region=Kursk Oblast", "Kursk Oblast=Kursk Oblast");
    }

    @Test
    void placeInsideAnUnknownLongerNameIsNotTagged() {
        assertThat(body("The Lebanon Valley Expo Center hosts the Lebanon Area Fair.")).isEmpty();
    }

    @Test
    void blockedPhrasesHideTheNameInside() {
        assertThat(body("They ate Lebanon bologna and Brussels sprouts.")).isEmpty();
    }

    @Test
    void kievSpellingLinksToKyiv() {
        Mention kiev = body("The delegation arrived in Kiev on Monday.").get(0);
        assertThat(kiev.surface()).isEqualTo("Kiev");
        assertThat(kiev.canonical()).isEqualTo("Kyiv");
    }

    @Test
    void zelenskySpellingsShareOneIdentity() {
        assertThat(body("Volodymyr Zelensky spoke. Zelenskiy later added that Zelenskyy would travel."))
                .extracting(Mention::entityId).containsOnly("person:volodymyr-zelenskyy").hasSize(3);
    }

    @Test
    void mayTheMonthIsNotTheresaMay() {
        assertThat(surfaceToCanonical("Theresa May spoke in May 2019. In May, May resigned."))
                .containsExactly("Theresa May=Theresa May", "May=Theresa May");
        assertThat(body("May Day rallies were held across Britain.")).extracting(Mention::canonical)
                .doesNotContain("Theresa May");
    }

    @Test
    void theNorthInAKoreaStoryIsNorthKorea() {
        assertThat(surfaceToCanonical("Seoul fired warning shots after the North blew up roads to South Korea."))
                .containsExactly("Seoul=South Korea", "North=North Korea", "South Korea=South Korea");
        assertThat(body("Storms hit the North of England.")).extracting(Mention::canonical).containsExactly("England");
    }

    @Test
    void ukrainianStoriesUseTheirOwnAliases() {
        List<Mention> mentions =
                LINKER.link(new StoryText("Зеленський у Брюсселі", "НАТО підтримує Україну.", "uk", OCT_2024)).mentions();
        assertThat(mentions).extracting(Mention::canonical)
                .containsExactly("Volodymyr Zelenskyy", "Brussels", "NATO", "Ukraine");
    }

    @Test
    void ukrainianNamesOfWorldCitiesAreFoundInTheirCaseForms() {
        List<Mention> mentions = LINKER.link(new StoryText("Саміт у Парижі",
                "Делегація з Вінниці прибула до Лондона. Полтава приймає переселенців.", "uk", OCT_2024)).mentions();
        assertThat(mentions).extracting(Mention::canonical).containsExactly("Paris", "Vinnytsia", "London", "Poltava");
    }

    /** GeoNames' Russian-era or apostrophe spellings (Kramators’k, Uzhgorod, Odessa) are aliases of one identity. */
    @Test
    void ukrainianCitiesGoByTheirRomanisedUkrainianNames() {
        assertThat(surfaceToCanonical("Shelling hit Kramatorsk, Sievierodonetsk and Uzhgorod, and Odessa braced for drones."))
                .containsExactly("Kramatorsk=Kramatorsk", "Sievierodonetsk=Sievierodonetsk", "Uzhgorod=Uzhhorod",
                        "Odessa=Odesa");
    }

    /** A Ukrainian title before a bare surname finds the office holder; the city keeps its other contexts. */
    @Test
    void ukrainianTitlesAndNamesOfOfficials() {
        assertThat(LINKER.link(new StoryText("", "Міністр оборони Остін прибув до Києва.", "uk", OCT_2024)).mentions())
                .extracting(Mention::surface, Mention::canonical)
                .containsExactly(tuple("Остін", "Lloyd Austin"), tuple("Києва", "Kyiv"));
        assertThat(LINKER.link(new StoryText("", "Мер Остіна оголосив про нові автобуси.", "uk", OCT_2024)).mentions())
                .extracting(Mention::surface, Mention::canonical).containsExactly(tuple("Остіна", "Austin, Texas"));
        assertThat(LINKER.link(new StoryText("", "Сергій Лавров зустрівся з Денисом Шмигалем. Лавров заявив про переговори.",
                "uk", OCT_2024)).mentions()).extracting(Mention::canonical)
                .containsExactly("Sergey Lavrov", "Denys Shmyhal", "Sergey Lavrov");
    }

    /** "-ська" before a feminine word it agrees with is an adjective ("Донецька обласна ..."), not "of Donetsk". */
    @Test
    void aUkrainianPlaceAdjectiveIsNotTheCitysGenitive() {
        assertThat(LINKER.link(new StoryText("", "Донецька обласна військова адміністрація оголосила евакуацію.", "uk",
                OCT_2024)).mentions()).extracting(Mention::canonical).doesNotContain("Donetsk");
        assertThat(LINKER.link(new StoryText("", "Евакуація з Донецька триває.", "uk", OCT_2024)).mentions())
                .extracting(Mention::canonical).containsExactly("Donetsk");
    }

    @Test
    void aLanguageTagWithARegionUsesThatLanguagesAliases() {
        for (String tag : List.of("uk-UA", "UK_ua", " uk-Cyrl-UA ")) {
            List<Mention> mentions =
                    LINKER.link(new StoryText("Зеленський у Брюсселі", "НАТО підтримує Україну.", tag, OCT_2024)).mentions();
            assertThat(mentions).as(tag).extracting(Mention::canonical)
                    .containsExactly("Volodymyr Zelenskyy", "Brussels", "NATO", "Ukraine");
        }
        assertThat(new StoryText("", "", "en-GB", null).language()).isEqualTo("en");
    }
}
