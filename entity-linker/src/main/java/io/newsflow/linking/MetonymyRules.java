package io.newsflow.linking;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
  * Decides whether a capital city stands for its state ("Moscow said…" → Russia) or is a physical place
  * ("arrived in Moscow" → Moscow).
  *
  * <p>The English rules, in order:
  *
  * <ol>
  *   <li>followed by a city noun ("Kyiv visit", "Kyiv residents", "Kyiv's streets") → city;
  *   <li>a possessive otherwise ("Washington's commitment") → state;
  *   <li>preceded by a location word (in, to, from, near, at, visiting, arrived, struck, "the capital") →
  *       city, unless the location word follows an institution noun ("officials in Kyiv", "the
  *       administration in Washington"), which names the government → state;
  *   <li>anything else → state. Bare capitals in wire copy are overwhelmingly government stand-ins (subject of
  *       says/claims/denies/plans, object of backed/accused/warned), so that is the safer default.
  * </ol>
  *
  * English and Ukrainian have rules; for other languages the city reading is kept, the conservative choice
  * until someone writes rules for them.
  */
final class MetonymyRules {

    /** The decision and the words that triggered it, for {@link Evidence}. */
    record Reading(boolean standsForState, String reason) {}

    private static final Set<String> CITY_NOUNS =
            Set.of("visit", "visits", "trip", "residents", "resident", "mayor", "metro", "streets", "street", "airport",
                    "suburbs", "suburb", "outskirts", "skyline", "centre", "center", "city", "district", "districts",
                    "railway", "station", "hospital", "hospitals", "apartment", "zoo", "hotel", "police", "council",
                    "region", "oblast", "residents'", "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods",
                    "buildings", "subway", "summit");
    private static final Set<String> LOCATION_WORDS =
            Set.of("in", "to", "from", "near", "at", "into", "outside", "around", "over", "across", "toward",
                    "towards", "through", "via", "visiting", "visited", "visit", "visits", "reached", "reach", "left",
                    "leaving", "arrived", "arriving", "returned", "returns", "return", "returning", "struck", "strikes",
                    "hit", "hitting", "hits", "attacked", "attack", "shelled", "bombed", "targeted", "targeting", "capital",
                    "downtown", "central", "western", "eastern", "northern", "southern", "above", "inside");
    private static final Set<String> PREPOSITIONS = Set.of("in", "from", "at", "to");
    private static final Set<String> INSTITUTION_NOUNS =
            Set.of("officials", "official", "authorities", "government", "administration", "leadership", "leaders",
                    "diplomats", "regime", "rulers", "policymakers", "politicians", "allies", "partners", "counterparts",
                    "decision-makers", "establishment");

    private static final MetonymyRules ENGLISH =
            new MetonymyRules(CITY_NOUNS, LOCATION_WORDS, PREPOSITIONS, INSTITUTION_NOUNS, true);
    /**
      * Ukrainian: inflection carries the case, so prepositions and verbs of motion mark the place reading
      * ("до Києва", "відвідати Пхеньян"), institution nouns before "у/в" mark the government ("режими в
      * Москві"), and a bare genitive or dative ("контрнаступ Києва", "допомагати Києву") is the state.
      */
    private static final MetonymyRules UKRAINIAN = new MetonymyRules(
            Set.of("мер", "метро", "вулиці", "вулицях", "області", "область", "аеропорт", "аеропорту"),
            Set.of("у", "в", "до", "з", "із", "зі", "біля", "під", "над", "по", "через", "відвідати", "відвідав",
                    "відвідала", "прибув", "прибула", "приїхав", "приїхала", "столиця", "столиці"),
            Set.of("у", "в", "з", "із"),
            Set.of("режими", "режим", "режиму", "влада", "владі", "уряд", "уряді", "керівництво", "посадовці",
                    "чиновники", "політики"),
            false);
    private static final Map<String, MetonymyRules> BY_LANGUAGE = Map.of("en", ENGLISH, "uk", UKRAINIAN);

    private final Set<String> cityNouns;
    private final Set<String> locationWords;
    private final Set<String> prepositions;
    private final Set<String> institutionNouns;
    private final boolean possessives;

    private MetonymyRules(Set<String> cityNouns, Set<String> locationWords, Set<String> prepositions,
            Set<String> institutionNouns, boolean possessives) {
        this.cityNouns = cityNouns;
        this.locationWords = locationWords;
        this.prepositions = prepositions;
        this.institutionNouns = institutionNouns;
        this.possessives = possessives;
    }

    /** Rules for a story language, if any exist. */
    static Optional<MetonymyRules> forLanguage(String language) {
        return Optional.ofNullable(BY_LANGUAGE.get(language));
    }

    Reading classify(String folded, int start, int end) {
        List<String> after = Tokens.wordsAfter(folded, end, 2);
        String next = after.isEmpty() ? "" : after.get(0);
        if (cityNouns.contains(next)) {
            return new Reading(false, "city noun '" + next + "' follows");
        }
        if (possessives && (next.equals("'s") || next.equals("'"))) {
            String owned = after.size() > 1 ? after.get(1) : "";
            if (cityNouns.contains(owned)) {
                return new Reading(false, "city noun '" + owned + "' follows");
            }
            return new Reading(true, "possessive: the state's");
        }
        List<String> before = Tokens.wordsBefore(folded, start, 2);
        String prev = before.isEmpty() ? "" : before.get(0);
        if (locationWords.contains(prev)) {
            String governor = before.size() > 1 ? before.get(1) : "";
            if (prepositions.contains(prev) && institutionNouns.contains(governor)) {
                return new Reading(true, "'" + governor + " " + prev + "' names the government");
            }
            return new Reading(false, "location word '" + prev + "' before");
        }
        return new Reading(true, "no location context: capital used for its government");
    }
}
