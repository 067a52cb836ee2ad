package io.newsflow.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading and validating the JSON-lines dictionary. */
class DictionaryTest {

    /**
     * The officials of the countries in the source page's story hold a role on its date (21 October 2024), so that a
     * title with a bare surname ("Defense Secretary Austin", "Foreign Minister Lavrov") can resolve through it.
     */
    @Test
    void theOfficialsOfTheSourceStoryHoldARoleOnItsDate() {
        Dictionary dictionary = Dictionary.loadDefault();
        LocalDate day = LocalDate.of(2024, 10, 21);
        for (String id : List.of("person:volodymyr-zelenskyy", "person:vladimir-putin", "person:joe-biden",
                "person:lloyd-austin", "person:antony-blinken", "person:rustem-umerov", "person:andrii-sybiha",
                "person:kyrylo-budanov", "person:oleksandr-syrskyi", "person:mark-rutte", "person:antonio-guterres",
                "person:yoon-suk-yeol", "person:kim-jong-un", "person:sergey-lavrov", "person:sergei-shoigu",
                "person:valery-gerasimov", "person:dmitry-peskov", "person:alexander-lukashenko", "person:xi-jinping",
                "person:wang-yi", "person:recep-tayyip-erdogan", "person:benjamin-netanyahu", "person:ali-khamenei",
                "person:masoud-pezeshkian", "person:andriy-yermak", "person:andrey-chibis")) {
            DictionaryEntry entry = dictionary.entry(id).orElseThrow();
            assertThat(entry.roles()).as(id).anyMatch(role -> role.activeOn(day));
        }
        // and a role ends: Shoigu left the defence ministry in May 2024
        assertThat(dictionary.entry("person:sergei-shoigu").orElseThrow().roles())
                .filteredOn(role -> role.title().startsWith("Minister of Defence"))
                .allMatch(role -> !role.activeOn(day) && role.activeOn(LocalDate.of(2023, 6, 1)));
    }

    private static Dictionary parse(String jsonl) {
        return Dictionary.load(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void defaultDictionaryHoldsTheCuratedSeed() {
        Dictionary dictionary = Dictionary.loadDefault();
        assertThat(dictionary.size()).isGreaterThan(5_000);
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

    @Test
    void generatedPlacesAreMergedUnderCuratedOverrides() {
        Dictionary d = Dictionary.loadDefault();
        // curated entry wins over the generated one with the same id
        assertThat(d.entry("place:kursk-oblast").orElseThrow().aliases()).contains("Kursk");
        // generated-only places are there, with population priors and containers
        DictionaryEntry winder = d.entry("place:winder-georgia").orElseThrow();
        assertThat(winder.kind()).isEqualTo("town");
        assertThat(winder.partOf()).isEqualTo("place:georgia-us-state");
        assertThat(d.entries().stream().filter(e -> e.canonical().equals("Washington, D.C.")).count()).isEqualTo(1);
        assertThat(d.entries().stream().map(DictionaryEntry::id).distinct().count()).isEqualTo(d.size());
    }

    /**
      * First-level divisions come from GeoNames for every country, not only the five checked by hand, and every
      * generated town lies in its division by GeoNames admin code.
      */
    @Test
    void firstLevelDivisionsOfEveryCountryFromGeoNames() {
        Dictionary dictionary = Dictionary.loadDefault();
        assertThat(dictionary.entry("place:bavaria").orElseThrow().partOf()).isEqualTo("place:germany");
        assertThat(dictionary.entry("place:scotland").orElseThrow().kind()).isEqualTo("region");
        assertThat(dictionary.entry("place:sichuan").orElseThrow().partOf()).isEqualTo("place:china");
        // namesake divisions: the more populous keeps the plain title, the other is titled by its country
        assertThat(dictionary.entries()).filteredOn(e -> e.kind().equals("region") && e.aliases().contains("Punjab"))
                .extracting(DictionaryEntry::canonical, DictionaryEntry::partOf)
                .containsExactlyInAnyOrder(tuple("Punjab", "place:pakistan"), tuple("Punjab, India", "place:india"));
        // towns by admin code, and towns of divisions without an entry in the place standing for them
        assertThat(dictionary.entry("place:mumbai").orElseThrow().partOf()).isEqualTo("place:maharashtra");
        assertThat(dictionary.entry("place:newcastle-new-south-wales").orElseThrow().partOf())
                .isEqualTo("place:new-south-wales");
        assertThat(dictionary.entry("place:simferopol").orElseThrow().partOf()).isEqualTo("place:crimea");
        // dropped: a division named like its own city (Tokyo), a generic name, a given name, a country
        List<String> regionTitles = dictionary.entries().stream().filter(e -> e.kind().equals("region"))
                .map(DictionaryEntry::canonical).toList();
        assertThat(regionTitles).doesNotContain("Tokyo", "Aleppo", "Northern District", "Central", "Lara", "Luxembourg");
        assertThat(dictionary.entry("place:tokyo").orElseThrow().kind()).isEqualTo("city");
        // GeoNames' spelling of a curated place is that place, not a second identity
        assertThat(dictionary.entry("place:odessa")).isEmpty();
        assertThat(dictionary.entry("place:zaporizhia")).isEmpty();
        assertThat(dictionary.entry("place:odesa").orElseThrow().localAliases().get("uk")).contains("Одеса");
        // a hand-tuned country keeps the official names the generated one has
        assertThat(dictionary.entry("place:france").orElseThrow().aliases()).contains("French Republic");
        assertThat(regionTitles).hasSizeGreaterThan(2_500);
    }

    /** Where a place lies: along partOf, and for a curated place that names no container, its generated country. */
    @Test
    void countryOfFollowsContainersAndTheReplacedGeneratedPlace() {
        Dictionary dictionary = Dictionary.loadDefault();
        assertThat(dictionary.entry("place:donetsk-oblast").orElseThrow().partOf()).isNull();
        assertThat(dictionary.countryOf("place:donetsk-oblast")).map(DictionaryEntry::id).contains("place:ukraine");
        assertThat(dictionary.countryOf("place:winder-georgia")).map(DictionaryEntry::id).contains("place:united-states");
        assertThat(dictionary.countryOf("place:ukraine")).map(DictionaryEntry::id).contains("place:ukraine");
        assertThat(dictionary.countryOf("person:lloyd-austin")).isEmpty();
        // an edit keeps it
        Dictionary edited = dictionary.withChanges(java.util.Map.of(), java.util.Set.of("place:winder-georgia"));
        assertThat(edited.countryOf("place:donetsk-oblast")).map(DictionaryEntry::id).contains("place:ukraine");
    }

    /** Generated cities carry their Ukrainian names from GeoNames, and only names in the Ukrainian alphabet. */
    @Test
    void generatedCitiesCarryUkrainianNames() {
        Dictionary dictionary = Dictionary.loadDefault();
        assertThat(dictionary.entry("place:vinnytsia").orElseThrow().localAliases().get("uk")).contains("Вінниця");
        assertThat(dictionary.entry("place:paris").orElseThrow().localAliases().get("uk")).contains("Париж");
        assertThat(dictionary.entry("place:zhytomyr").orElseThrow().localAliases().get("uk"))
                .contains("Житомир");
        assertThat(dictionary.entries()).filteredOn(e -> e.kind().equals("city") || e.kind().equals("town"))
                .flatMap(e -> e.localAliases().getOrDefault("uk", List.of()))
                .hasSizeGreaterThan(10_000)
                .noneMatch(name -> name.matches(".*[ыэъёўјљњћђџѓќѕңәүөһ].*"));
    }

    @Test
    void entriesRoundTripThroughJson() {
        for (DictionaryEntry e : Dictionary.loadDefault().entries()) {
            assertThat(DictionaryEntry.fromJson(e.toJson())).isEqualTo(e);
        }
        assertThatThrownBy(() -> DictionaryEntry.fromJson("{\"id\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withChangesUpsertsAndDeletesAndChecksReferences() {
        Dictionary base = parse("""
                {"id":"place:r","canonical":"R","type":"PLACE","aliases":["R"]}
                {"id":"place:c","canonical":"C","type":"PLACE","aliases":["C"],"partOf":"place:r"}
                """);
        DictionaryEntry renamed = DictionaryEntry.fromJson("{\"id\":\"place:c\",\"canonical\":\"C2\",\"type\":\"PLACE\",\"aliases\":[\"C2\"]}");
        DictionaryEntry added = DictionaryEntry.fromJson("{\"id\":\"org:n\",\"canonical\":\"N\",\"type\":\"ORG\",\"aliases\":[\"N\"]}");
        Dictionary next = base.withChanges(java.util.Map.of("place:c", renamed, "org:n", added), java.util.Set.of());
        assertThat(next.entries()).extracting(DictionaryEntry::canonical).containsExactly("R", "C2", "N");
        assertThat(base.entry("place:c").orElseThrow().canonical()).isEqualTo("C");
        assertThatThrownBy(() -> base.withChanges(java.util.Map.of(), java.util.Set.of("place:r")))
                .hasMessageContaining("unknown id");
    }

    @Test
    void ukrainianNamesAreDeclined() {
        assertThat(UkrainianInflection.forms("Зеленський")).contains("Зеленського", "Зеленському", "Зеленським");
        assertThat(UkrainianInflection.forms("Курська область")).contains("Курської області", "Курській області",
                "Курську область", "Курською областю");
        assertThat(UkrainianInflection.forms("Київ")).contains("Києва", "Києві", "Києву");
        assertThat(UkrainianInflection.forms("Москва")).contains("Москви", "Москві", "Москву", "Москвою");
        assertThat(UkrainianInflection.forms("Курськ")).contains("Курська", "Курську");
        assertThat(UkrainianInflection.forms("США")).containsExactly("США");
    }
}
