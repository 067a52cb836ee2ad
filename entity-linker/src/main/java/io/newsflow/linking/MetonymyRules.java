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
    record Reading(boolean standsForState, String reason, boolean strong) {
        Reading(boolean standsForState, String reason) {
            this(standsForState, reason, false);
        }
    }

    private static final Set<String> CITY_NOUNS =
            Set.of("visit", "visits", "trip", "residents", "resident", "mayor", "metro", "streets", "street", "airport",
                    "suburbs", "suburb", "outskirts", "skyline", "centre", "center", "city", "district", "districts",
                    "railway", "station", "hospital", "hospitals", "apartment", "zoo", "hotel", "police", "council",
                    "region", "oblast", "residents'", "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods",
                    "buildings", "subway", "summit", "airports", "apartments", "stations", "hotels", "schools",
                    "parks", "markets", "skies", "sky", "heart", "edge", "citizens", "townspeople");
    private static final Set<String> LOCATION_WORDS =
            Set.of("in", "to", "from", "near", "at", "into", "outside", "around", "over", "across", "toward",
                    "towards", "through", "via", "visiting", "visited", "visit", "visits", "reached", "reach", "left",
                    "leaving", "arrived", "arriving", "returned", "returns", "return", "returning", "struck", "strikes",
                    "hit", "hitting", "hits", "attacked", "attack", "shelled", "bombed", "targeted", "targeting", "capital",
                    "downtown", "central", "western", "eastern", "northern", "southern", "above", "inside", "reaches",
                    "reaching", "leaves", "leave", "arrives", "arrive", "flew", "flies", "fled", "travelled", "traveled",
                    "travels", "travel", "evacuated", "besieged", "encircled", "surrounded", "entered", "enter", "enters",
                    "toured", "tour");
    private static final Set<String> PREPOSITIONS = Set.of("in", "from", "at", "to");
    private static final Set<String> INSTITUTION_NOUNS =
            Set.of("officials", "official", "authorities", "government", "administration", "leadership", "leaders",
                    "diplomats", "regime", "rulers", "policymakers", "politicians", "allies", "partners", "counterparts",
                    "decision-makers", "establishment");

    /** Nouns of an armed strike; the place after "on" (Ukrainian "на", "по") is its target. */
    private static final Set<String> ATTACK_NOUNS =
            Set.of("attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "assault", "raid", "raids",
                    "bombardment", "bombing", "barrage", "offensive", "advance", "march", "shelling", "атака", "атаку",
                    "атаки", "удар", "удари", "ударів", "удару", "наступ", "обстріл", "обстріли", "напад");

    /** "a signal to Moscow", "a warning to Pyongyang": the addressee of a message is the state. */
    private static final Set<String> MESSAGE_NOUNS =
            Set.of("signal", "signals", "message", "messages", "warning", "warnings", "ultimatum", "overture",
                    "overtures", "threat", "threats", "concession", "concessions", "appeal", "letter", "note", "reply",
                    "response", "rebuke", "snub", "offer", "proposal", "demand", "demands");
    /**
      * Verbs (and auxiliaries) whose subject right after the capital is an actor: "Moscow said", "Washington
      * would keep", "Seoul warned". Only strengthens a state reading; never overrides a location word.
      */
    private static final Set<String> ACTOR_VERBS =
            Set.of("said", "says", "say", "warned", "warns", "accused", "accuses", "denied", "denies", "claimed",
                    "claims", "insisted", "insists", "demanded", "demands", "announced", "announces", "responded",
                    "responds", "rejected", "rejects", "condemned", "condemns", "would", "will", "wants", "wanted",
                    "must", "should", "could", "believes", "hopes", "fears", "agreed", "agrees", "signed", "signs",
                    "imposed", "imposes", "threatened", "threatens", "urged", "urges", "backed", "backs", "supports",
                    "supported", "refused", "refuses", "expects", "expected", "plans", "planned", "sought", "seeks",
                    "blamed", "blames", "vowed", "vows", "pledged", "pledges", "has", "have", "had", "is", "was",
                    "reacted", "welcomed", "welcomes", "criticised", "criticized", "protested", "recalled", "summoned",
                    "confirmed", "confirms", "acknowledged", "argued", "argues", "considers", "considered", "sees",
                    "views", "needs", "needed", "continues", "continued", "keeps", "kept", "launched");
    /** Apposition naming a city: "the capital, Amman", "Kursk, the regional capital". */
    private static final Set<String> CAPITAL_WORDS = Set.of("capital", "city", "town", "столиця", "столиці", "місто",
            "місті");

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
    private static final Set<String> COMITATIVE = Set.of("з", "із", "зі");
    private static final List<String> INSTRUMENTAL = List.of("ом", "ем", "єм", "ою", "ею", "єю");

    private static boolean endsWithAny(String word, List<String> endings) {
        return endings.stream().anyMatch(word::endsWith);
    }

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

    /**
      * True when a comma-separated apposition right before or after the span names it a capital or city ("near the
      * capital, Amman", "Kursk, the regional capital", "в Остіні, столиці штату").
      */
    static boolean cityApposition(String folded, int start, int end) {
        int i = start;
        while (i > 0 && folded.charAt(i - 1) == ' ') {
            i--;
        }
        if (i > 0 && folded.charAt(i - 1) == ',') {
            String word = Tokens.wordBefore(folded, i - 1);
            if (CAPITAL_WORDS.contains(word)) {
                return true;
            }
        }
        int j = end;
        if (j < folded.length() && folded.charAt(j) == ',') {
            List<String> words = Tokens.wordsAfter(folded, j + 1, 3);
            for (int k = 0; k < words.size(); k++) {
                String w = words.get(k);
                if (CAPITAL_WORDS.contains(w)) {
                    return true;
                }
                boolean filler = w.equals("the") || w.equals("a") || w.equals("its") || w.equals("regional")
                        || w.equals("provincial") || w.equals("state") || w.equals("national") || w.equals("port");
                if (!filler) {
                    break;
                }
            }
        }
        return false;
    }

    Reading classify(String folded, int start, int end) {
        if (cityApposition(folded, start, end)) {
            return new Reading(false, "apposition names it a city");
        }
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
            return new Reading(true, "possessive: the state's", true);
        }
        List<String> before = Tokens.wordsBefore(folded, start, 2);
        String prev = before.isEmpty() ? "" : before.get(0);
        if (this == UKRAINIAN && COMITATIVE.contains(prev) && endsWithAny(folded.substring(start, end), INSTRUMENTAL)) {
            // "з Пхеньяном": з + instrumental is "with", a partner state, not "from" a place (which takes the genitive).
            return new Reading(true, "'" + prev + "' + instrumental: with the state");
        }
        if (this == ENGLISH && prev.equals("of") && before.size() > 1 && cityNouns.contains(before.get(1))) {
            return new Reading(false, "'" + before.get(1) + " of' before");
        }
        if ((prev.equals("on") || prev.equals("на") || prev.equals("по")) && before.size() > 1
                && ATTACK_NOUNS.contains(before.get(1))) {
            // "an attack on Kyiv", "удар по Києву", "атаку на Київ": the target of a strike is the place.
            return new Reading(false, "target of '" + before.get(1) + " " + prev + "'");
        }
        if (this == ENGLISH && prev.equals("to") && before.size() > 1 && MESSAGE_NOUNS.contains(before.get(1))) {
            return new Reading(true, "'" + before.get(1) + " to': the addressee is the state", true);
        }
        if (locationWords.contains(prev)) {
            String governor = before.size() > 1 ? before.get(1) : "";
            if (prepositions.contains(prev) && institutionNouns.contains(governor)) {
                return new Reading(true, "'" + governor + " " + prev + "' names the government");
            }
            return new Reading(false, "location word '" + prev + "' before");
        }
        if (this == ENGLISH && ACTOR_VERBS.contains(next)) {
            return new Reading(true, "subject of '" + next + "': the government acts", true);
        }
        return new Reading(true, "no location context: capital used for its government");
    }
}
