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
 * Only English has rules so far; for other languages the city reading is kept, which is the conservative
 * choice until someone writes rules that handle their case endings.
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
          "downtown", "central", "western", "eastern", "northern", "southern", "above", "outside", "inside");
  private static final Set<String> PREPOSITIONS = Set.of("in", "from", "at", "to");
  private static final Set<String> INSTITUTION_NOUNS =
      Set.of("officials", "official", "authorities", "government", "administration", "leadership", "leaders",
          "diplomats", "regime", "rulers", "policymakers", "politicians", "allies", "partners", "counterparts",
          "decision-makers", "establishment");

  private static final MetonymyRules ENGLISH = new MetonymyRules();
  private static final Map<String, MetonymyRules> BY_LANGUAGE = Map.of("en", ENGLISH);

  private MetonymyRules() {}

  /** Rules for a story language, if any exist. */
  static Optional<MetonymyRules> forLanguage(String language) {
    return Optional.ofNullable(BY_LANGUAGE.get(language));
  }

  Reading classify(String folded, int start, int end) {
    List<String> after = Tokens.wordsAfter(folded, end, 2);
    String next = after.isEmpty() ? "" : after.get(0);
    if (CITY_NOUNS.contains(next)) {
      return new Reading(false, "city noun '" + next + "' follows");
    }
    if (next.equals("'s") || next.equals("'")) {
      String owned = after.size() > 1 ? after.get(1) : "";
      if (CITY_NOUNS.contains(owned)) {
        return new Reading(false, "city noun '" + owned + "' follows");
      }
      return new Reading(true, "possessive: the state's");
    }
    List<String> before = Tokens.wordsBefore(folded, start, 3);
    String prev = before.isEmpty() ? "" : before.get(0);
    if (LOCATION_WORDS.contains(prev)) {
      String governor = before.size() > 1 ? before.get(1) : "";
      if (PREPOSITIONS.contains(prev) && INSTITUTION_NOUNS.contains(governor)) {
        return new Reading(true, "'" + governor + " " + prev + "' names the government");
      }
      if (prev.equals("capital") || before.size() > 1 && before.get(1).equals("capital")) {
        return new Reading(false, "named as the capital");
      }
      return new Reading(false, "location word '" + prev + "' before");
    }
    return new Reading(true, "no location context: capital used for its government");
  }
}
