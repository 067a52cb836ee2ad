package io.newsflow.linking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Context decides between readings: cues, dates and roles, earlier full names, metonymy, Kursk. */
class DisambiguationTest {

    private static final EntityLinker LINKER = EntityLinker.create(Dictionary.loadDefault());

    private static List<Mention> link(String body, String date) {
        return LINKER.link(new StoryText("", body, "en", Instant.parse(date + "T12:00:00Z"))).mentions();
    }

    private static Mention first(String body, String date, String surface) {
        return link(body, date).stream().filter(m -> m.surface().equals(surface)).findFirst().orElseThrow();
    }

    @Test
    void austinInATexasStoryIsTheCity() {
        Mention austin = first("The Austin city council voted on Thursday to expand bus service, the mayor said. "
                + "The plan still needs approval from the Texas legislature.", "2023-06-01", "Austin");
        assertThat(austin.canonical()).isEqualTo("Austin, Texas");
        assertThat(austin.evidence().cues()).anyMatch(c -> c.contains("city council"));
    }

    @Test
    void austinCommaTexasIsTheCity() {
        assertThat(link("Tesla opened a factory in Austin, Texas.", "2023-06-01"))
                .extracting(Mention::surface, Mention::canonical)
                .contains(org.assertj.core.groups.Tuple.tuple("Austin", "Austin, Texas"),
                        org.assertj.core.groups.Tuple.tuple("Texas", "Texas"));
    }

    @Test
    void defenseSecretaryAustinInsideHisTermIsLloydAustin() {
        Mention austin = first("Defense Secretary Austin said more air defence would be sent.", "2023-05-02", "Austin");
        assertThat(austin.canonical()).isEqualTo("Lloyd Austin");
        assertThat(austin.evidence().cues()).anyMatch(c -> c.startsWith("in office on 2023-05-02"));
    }

    @Test
    void defenseSecretaryAustinOutsideHisTermIsNotLinkedToHim() {
        List<Mention> mentions = link("Defense Secretary Austin said more air defence would be sent.", "2019-05-02");
        assertThat(mentions).extracting(Mention::entityId).doesNotContain("person:lloyd-austin");
    }

    /** The office's own cue words (Pentagon, troops) do not outweigh a date outside the term. */
    @Test
    void anOutOfTermTitleOutweighsTheTopicsCues() {
        assertThat(link("Defense Secretary Austin said the Pentagon would send more troops.", "2019-06-01"))
                .extracting(Mention::entityId).doesNotContain("person:lloyd-austin");
    }

    /** "Former President Biden": a title said to be over is evidence for whoever held it, after the term. */
    @Test
    void aFormerTitleFindsTheFormerHolder() {
        assertThat(first("Former President Biden said he would campaign in Ohio.", "2026-03-01", "Biden").entityId())
                .isEqualTo("person:joe-biden");
        assertThat(first("Former Defense Secretary Austin said the aid had mattered.", "2026-03-01", "Austin").entityId())
                .isEqualTo("person:lloyd-austin");
        assertThat(first("Ex-president Biden met donors.", "2026-03-01", "Biden").entityId()).isEqualTo("person:joe-biden");
        assertThat(LINKER.link(new StoryText("", "Колишній міністр оборони Остін виступив у Києві.", "uk",
                java.time.Instant.parse("2026-03-01T10:00:00Z"))).mentions())
                .extracting(Mention::entityId).contains("person:lloyd-austin");
    }

    /** The target of a strike is the place, in English and Ukrainian: "an attack on Kyiv", "атаку на Київ". */
    @Test
    void theTargetOfAStrikeIsTheCityNotTheState() {
        assertThat(first("Russia launched a missile attack on Kyiv overnight.", "2024-06-01", "Kyiv").canonical())
                .isEqualTo("Kyiv");
        assertThat(first("The pressure on Kyiv is growing, diplomats said.", "2024-06-01", "Kyiv").canonical())
                .isEqualTo("Ukraine");
        assertThat(LINKER.link(new StoryText("", "Росія здійснила масовану атаку на Київ, а Пентагон пообіцяв допомогу.",
                "uk", Instant.parse("2024-06-01T10:00:00Z"))).mentions())
                .extracting(Mention::canonical).containsExactly("Russia", "Kyiv", "The Pentagon");
    }

    @Test
    void bareSurnameNeedsSupport() {
        assertThat(link("Burns said the harvest was poor this year.", "2019-05-02")).isEmpty();
        assertThat(link("the fire burns on.", "2023-05-02")).isEmpty();
        Mention burns = first("CIA Director Burns met Zelenskyy in Kyiv.", "2023-05-02", "Burns");
        assertThat(burns.canonical()).isEqualTo("William J. Burns");
    }

    @Test
    void laterSurnameFollowsTheFullNameEarlierInTheStory() {
        assertThat(link("Taras Zahorodniy spoke on Monday. Later Zagorodniy added a warning.", "2024-10-21"))
                .extracting(Mention::entityId).containsExactly("person:taras-zahorodniy", "person:taras-zahorodniy");
    }

    @Test
    void capitalAsSpeakerIsTheState() {
        Mention moscow = first("Moscow said the talks had failed.", "2024-10-21", "Moscow");
        assertThat(moscow.canonical()).isEqualTo("Russia");
        assertThat(moscow.entityId()).isEqualTo("place:russia");
        assertThat(moscow.evidence().cues()).anyMatch(c -> c.startsWith("metonym for Russia"));
    }

    @Test
    void capitalAsDestinationIsTheCity() {
        assertThat(first("The delegation arrived in Moscow on Monday.", "2024-10-21", "Moscow").canonical())
                .isEqualTo("Moscow");
        assertThat(first("Blinken made a surprise Kyiv visit.", "2024-10-21", "Kyiv").canonical()).isEqualTo("Kyiv");
        assertThat(first("Officials in Kyiv say the line held.", "2024-10-21", "Kyiv").canonical()).isEqualTo("Ukraine");
        assertThat(first("He reaffirmed Washington's commitment.", "2024-10-21", "Washington").canonical())
                .isEqualTo("United States");
        assertThat(first("He told reporters in Washington.", "2024-10-21", "Washington").canonical())
                .isEqualTo("Washington, D.C.");
    }

    @Test
    void kurskReadings() {
        assertThat(first("Fighting continued in the Kursk region.", "2024-10-21", "Kursk region").canonical())
                .isEqualTo("Kursk Oblast");
        assertThat(first("A drone hit a building in the city of Kursk overnight.", "2025-08-15", "Kursk").canonical())
                .isEqualTo("Kursk");
        assertThat(first("Relatives mourned the crew of the Kursk submarine, lost in the Barents Sea.", "2023-08-12",
                "Kursk").canonical()).isEqualTo("Russian submarine Kursk (K-141)");
        assertThat(first("North Korean troops are moving towards Kursk to join the front line.", "2024-10-21",
                "Kursk").canonical()).isEqualTo("Kursk Oblast");
    }

    @Test
    void georgiaFollowsItsContext() {
        assertThat(first("Voters in Georgia head to a Senate runoff as Atlanta counts ballots.", "2022-12-06",
                "Georgia").canonical()).isEqualTo("Georgia (U.S. state)");
        assertThat(first("Protesters in Tbilisi accused Georgia's ruling Georgian Dream of turning to Russia.",
                "2024-12-29", "Georgia").canonical()).isEqualTo("Georgia (country)");
    }

    @Test
    void parisFollowsItsContext() {
        assertThat(first("Paris opened the Olympics with boats on the Seine.", "2024-07-26", "Paris").canonical())
                .isEqualTo("Paris");
        assertThat(first("The Paris council in Lamar County, Texas, picked a new mayor.", "2024-05-20", "Paris")
                .canonical()).isEqualTo("Paris, Texas");
    }

    @Test
    void confidenceIsAProbabilityAndOutputIsDeterministic() {
        String text = "Austin met Sullivan in Washington while Moscow said Kyiv would fall.";
        List<Mention> once = link(text, "2024-01-10");
        assertThat(link(text, "2024-01-10")).isEqualTo(once);
        once.forEach(m -> assertThat(m.confidence()).isBetween(0.0, 1.0));
    }
}
