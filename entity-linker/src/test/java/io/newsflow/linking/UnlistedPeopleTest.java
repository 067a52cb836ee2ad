package io.newsflow.linking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
  * People the dictionary does not list, Ukrainian case forms of plural names, and curated entries that keep the
  * generated local names. Stories here are invented for the tests.
  */
class UnlistedPeopleTest {

    private static final EntityLinker LINKER = EntityLinker.create(Dictionary.loadDefault());
    private static final Instant OCT_2024 = Instant.parse("2024-10-21T12:00:00Z");

    private static List<Mention> link(String language, String body) {
        return LINKER.link(new StoryText("", body, language, OCT_2024)).mentions();
    }

    private static List<String> surfaceToCanonical(String language, String body) {
        return link(language, body).stream().map(m -> m.surface() + "=" + m.canonical()).toList();
    }

    @Test
    void givenNameAndSurnameMakeAProvisionalPersonAndTheSurnameLaterLinksToIt() {
        List<Mention> mentions = link("en",
                "Harbour master Brendan Okafor closed the marina on Tuesday. Okafor's decision angered the owners.");

        assertThat(mentions).extracting(Mention::surface, Mention::canonical, Mention::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Brendan Okafor", "Brendan Okafor", EntityType.PERSON),
                        org.assertj.core.groups.Tuple.tuple("Okafor", "Brendan Okafor", EntityType.PERSON));
        assertThat(mentions.get(0).entityId()).isEqualTo("person:unlisted:brendan-okafor");
        assertThat(mentions.get(1).entityId()).isEqualTo(mentions.get(0).entityId());
        assertThat(mentions.get(0).evidence().cues()).singleElement().asString().contains("given name 'Brendan'");
        assertThat(mentions.get(0).confidence()).isLessThan(0.6);
    }

    @Test
    void aTitleIntroducesANameWithoutAKnownGivenName() {
        assertThat(surfaceToCanonical("en", "The county said Sheriff Jud Halvorsen would speak at noon."))
                .containsExactly("Jud Halvorsen=Jud Halvorsen");
    }

    @Test
    void placesInstitutionsAndDemonymsAreNotPeople() {
        assertThat(link("en", "Crews reopened Jennifer Street and the Marcus Whitfield Library after the storm."))
                .isEmpty();
        assertThat(link("en", "Analysts said North Korean officers had arrived, and the Gray Fire kept burning."))
                .extracting(Mention::type).doesNotContain(EntityType.PERSON);
    }

    @Test
    void aGivenNameThatIsAnOrdinaryWordDoesNotStartANameAtTheStartOfASentence() {
        assertThat(link("en", "Will Parliament agree? Officials doubt it.")).isEmpty();
    }

    @Test
    void dictionaryPeopleKeepTheirCanonicalTitles() {
        assertThat(surfaceToCanonical("en", "President Harry Truman pardoned nobody; Lisa Murkowski voted no."))
                .containsExactly("Harry Truman=Harry S. Truman", "Lisa Murkowski=Lisa Murkowski");
    }

    @Test
    void cyrillicCopyIsLeftToTheDictionary() {
        assertThat(link("uk", "Олег Петренко приїхав до села.")).isEmpty();
    }

    @Test
    void pluralPlaceNamesAreDeclinedInUkrainian() {
        assertThat(surfaceToCanonical("uk", "Прем'єр Нідерландів прибув до Києва."))
                .contains("Нідерландів=Netherlands");
    }

    @Test
    void curatedCountryKeepsTheGeneratedUkrainianName() {
        assertThat(surfaceToCanonical("uk", "Він похвалив Польщу та Швецію."))
                .containsExactly("Польщу=Poland", "Швецію=Sweden");
    }

    @Test
    void aLowercaseDerivedAdjectiveDoesNotMakeAHeadlineNameACommonWord() {
        LinkingResult result = LINKER.link(new StoryText("Ізраїль заявив про удар",
                "Ізраїльська авіація завдала удару, повідомила ізраїльська армія.", "uk", OCT_2024));
        assertThat(result.mentions()).extracting(Mention::canonical).contains("Israel");
    }
}
