package io.newsflow.linking;

import io.newsflow.linking.AliasMatcher.AliasKind;
import io.newsflow.linking.AliasMatcher.AliasRef;
import io.newsflow.linking.AliasMatcher.Match;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
  * Chooses one dictionary entry for each matched span, or none, with an additive score whose every term is
  * recorded as a cue so the choice can be explained.
  *
  * <p>Score terms (weights are deliberately round numbers; tune them against the gold corpus, not by feel):
  *
  * <ul>
  *   <li>{@value #NAME_BASE} for a full-name alias; a bare surname starts at 0 and must earn its link
  *   <li>the entry's prior (0..1)
  *   <li>each cue word found in the story: {@value #LOCAL_CUE} within {@value #LOCAL_WINDOW} chars of the
  *       mention, {@value #DISTANT_CUE} elsewhere; all cues together at most {@value #CUE_CAP}
  *   <li>surname whose full name the story uses unambiguously: {@value #FULL_NAME_IN_STORY}
  *   <li>surname of someone known by it alone ("Putin"): {@value #KNOWN_SURNAME}
  *   <li>a role held on the story date: {@value #ROLE_ACTIVE}; its title right next to the mention:
  *       {@value #ROLE_TITLE} more; the title next to the mention outside the term: {@value #ROLE_OUT_OF_TERM}
  *   <li>a person title right before the span ("Senator", "Gen."): people {@value #TITLE_PERSON}, places and
  *       organisations {@value #TITLE_NON_PERSON}
  *   <li>"city of" / "town of" before a city: {@value #CITY_OF}; "Kharkiv and Sumy regions" for a region:
  *       {@value #REGION_HEAD}; "the" before a vessel, river or sea name, or
  *       a ship word next to a vessel name: {@value #VESSEL_CONTEXT}
  *   <li>"Austin, Texas" (the entry's {@code partOf} region right after it) or "Beirut, Lebanon" (a place
  *       inside the entry right before it): {@value #CONTAINER_ADJACENT}; the region named elsewhere, or a
  *       place inside the entry named anywhere, counts like a cue
  *   <li>a place after in/at/near/from: {@value #LOCATION_PREPOSITION} (separates "at Ramstein", the base,
  *       from "Ramstein" the meeting format)
  *   <li>a short form ("the North") after "the" in a story whose cues point at the entity:
  *       {@value #SHORT_FORM_SUPPORTED}, otherwise nothing
  * </ul>
  *
  * The best candidate is linked when its score reaches {@value #ACCEPT}; surname-only readings therefore need
  * at least two kinds of support, and a full name loses only to contrary context. Ties go to the higher prior,
  * then to dictionary order, which keeps output deterministic.
  */
final class Disambiguator {

    static final double NAME_BASE = 2.0;
    static final double LOCAL_CUE = 1.0;
    static final double DISTANT_CUE = 0.5;
    static final double CUE_CAP = 3.0;
    static final int LOCAL_WINDOW = 120;
    static final double FULL_NAME_IN_STORY = 3.0;
    static final double KNOWN_SURNAME = 1.5;
    static final double ROLE_ACTIVE = 1.0;
    static final double ROLE_TITLE = 1.5;
    static final double ROLE_OUT_OF_TERM = -2.0;
    static final double TITLE_PERSON = 1.5;
    static final double TITLE_NON_PERSON = -2.5;
    static final double CITY_OF = 3.0;
    static final double REGION_HEAD = 3.0;
    static final double VESSEL_CONTEXT = 2.5;
    static final double SHORT_FORM_SUPPORTED = 2.0;
    static final double CONTAINER_ADJACENT = 3.0;
    static final double LOCATION_PREPOSITION = 1.0;
    static final double ACCEPT = 1.5;
    private static final int TITLE_WINDOW = 40;

    private static final Set<String> PERSON_TITLES =
            Set.of("president", "secretary", "minister", "general", "gen", "senator", "sen", "rep", "representative",
                    "mr", "mrs", "ms", "dr", "chief", "director", "commander", "spokesman", "spokeswoman", "spokesperson",
                    "governor", "gov", "mayor", "king", "queen", "prince", "chancellor", "speaker", "ambassador", "envoy",
                    "premier", "strategist", "adviser", "advisor", "colonel", "col", "lt", "admiral", "adm", "judge",
                    "justice", "sheikh", "emir", "sgt", "prof", "professor", "capt", "captain", "analyst", "lawmaker",
                    "congressman", "congresswoman", "councilmember", "commissioner", "leader");
    private static final Set<String> LOCATION_PREPOSITIONS = Set.of("in", "at", "near", "from", "outside");
    private static final Set<String> REGION_PLURALS = Set.of("regions", "oblasts", "provinces");
    private static final Set<String> CITY_KINDS = Set.of("city", "town");
    private static final Set<String> SHIP_WORDS =
            Set.of("submarine", "crew", "sailors", "disaster", "tragedy", "wreck", "sinking", "sank", "cruiser",
                    "warship", "flagship", "ship", "vessel");

    private final Map<String, DictionaryEntry> entriesById;
    /** Names of places inside a region count as cues for it: Atlanta in the story supports Georgia, the state. */
    private final Map<String, List<String>> cuesFromParts;

    Disambiguator(Dictionary dictionary) {
        Map<String, DictionaryEntry> index = new LinkedHashMap<>();
        Map<String, List<String>> parts = new LinkedHashMap<>();
        for (DictionaryEntry e : dictionary.entries()) {
            index.put(e.id(), e);
            if (e.partOf() != null) {
                parts.computeIfAbsent(e.partOf(), k -> new ArrayList<>()).addAll(e.aliases());
            }
        }
        this.entriesById = Map.copyOf(index);
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        parts.forEach((k, v) -> frozen.put(k, List.copyOf(new LinkedHashSet<>(v))));
        this.cuesFromParts = Map.copyOf(frozen);
    }

    /** Links one span, or returns empty when no reading is well enough supported. */
    Optional<Mention> resolve(StoryContext ctx, TextField field, Match match) {
        List<Candidate> scored = new ArrayList<>();
        for (AliasRef ref : strongestRefPerEntry(match.refs())) {
            scored.add(score(ctx, field, match, ref));
        }
        Candidate best = null;
        Candidate runnerUp = null;
        for (Candidate c : scored) {
            if (best == null || beats(c, best)) {
                runnerUp = best;
                best = c;
            } else if (runnerUp == null || beats(c, runnerUp)) {
                runnerUp = c;
            }
        }
        if (best == null || best.score < ACCEPT) {
            return Optional.empty();
        }
        DictionaryEntry target = best.ref.entry();
        List<String> cues = new ArrayList<>(best.cues);
        if (target.metonymOf() != null) {
            Optional<MetonymyRules> rules = MetonymyRules.forLanguage(ctx.language());
            if (rules.isPresent()) {
                MetonymyRules.Reading reading = rules.get().classify(ctx.folded(field), match.start(), match.end());
                if (reading.standsForState()) {
                    target = entriesById.get(target.metonymOf());
                    cues.add("metonym for " + target.canonical() + ": " + reading.reason());
                } else {
                    cues.add("physical place: " + reading.reason());
                }
            }
        }
        double rival = runnerUp == null ? 0.0 : Math.max(runnerUp.score, 0.0);
        double confidence = round(1.0 / (1.0 + Math.exp(-(best.score - rival))));
        Evidence evidence = new Evidence(best.ref.alias(), cues, round(best.score));
        return Optional.of(new Mention(field, match.surface(), match.start(), match.end(), target.canonical(),
                target.id(), target.type(), confidence, evidence));
    }

    private static boolean beats(Candidate a, Candidate b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        return a.ref.entry().prior() > b.ref.entry().prior();
    }

    /** One ref per entry; a full-name reading of an entry outranks its surname reading. */
    private static List<AliasRef> strongestRefPerEntry(List<AliasRef> refs) {
        Map<String, AliasRef> byEntry = new LinkedHashMap<>();
        for (AliasRef ref : refs) {
            byEntry.merge(ref.entry().id(), ref, (old, neu) -> old.kind() == AliasKind.NAME ? old : neu);
        }
        return List.copyOf(byEntry.values());
    }

    private Candidate score(StoryContext ctx, TextField field, Match match, AliasRef ref) {
        DictionaryEntry entry = ref.entry();
        Candidate c = new Candidate(ref);
        if (ref.kind() == AliasKind.NAME) {
            c.add(NAME_BASE, "alias '" + ref.alias() + "'");
        } else if (ref.kind() == AliasKind.SHORT_FORM) {
            c.add(0.0, "short form '" + ref.alias() + "'");
            boolean afterThe = Tokens.wordBefore(ctx.folded(field), match.start()).equals("the");
            boolean storyPointsHere = ctx.namedInFull(entry.id())
                    || entry.cues().stream().anyMatch(cue -> !ctx.cueOccurrences(cue).isEmpty());
            if (afterThe && storyPointsHere) {
                c.add(SHORT_FORM_SUPPORTED, "'the " + ref.alias() + "' in a story about " + entry.canonical());
            }
        } else {
            c.add(0.0, "surname '" + ref.alias() + "'");
            if (ctx.namedInFull(entry.id())) {
                c.add(FULL_NAME_IN_STORY, "full name " + entry.canonical() + " in story");
            }
            if (entry.knownBySurname()) {
                c.add(KNOWN_SURNAME, "widely known by surname");
            }
        }
        c.add(entry.prior(), String.format(Locale.ROOT, "prior %.2f", entry.prior()));
        if (ref.kind() != AliasKind.SHORT_FORM) {
            scoreCues(ctx, field, match, entry, c);
        }
        if (entry.partOf() != null) {
            scoreContainer(ctx, field, match, entry, c);
        }
        scorePartBefore(ctx, field, match, entry, c);
        boolean outOfTerm = false;
        if (entry.type() == EntityType.PERSON) {
            outOfTerm = scoreRoles(ctx, field, match, entry, c);
        }
        scoreLocalContext(ctx, field, match, entry, c, outOfTerm);
        return c;
    }

    private void scoreCues(StoryContext ctx, TextField field, Match match, DictionaryEntry entry, Candidate c) {
        int docStart = ctx.documentOffset(field, match.start());
        int docEnd = ctx.documentOffset(field, match.end());
        List<Map.Entry<String, Double>> found = new ArrayList<>();
        List<String> cues = new ArrayList<>(entry.cues());
        cues.addAll(cuesFromParts.getOrDefault(entry.id(), List.of()));
        // Office titles are judged by the role rules against the story date; counting them again as plain cues
        // would let "Defense Secretary Austin" in 2019 reach Lloyd Austin through the back door.
        Set<String> roleTitles = new HashSet<>();
        entry.roles().forEach(r -> r.titleCues().forEach(t -> roleTitles.add(TextNormalizer.fold(t))));
        cues.removeIf(cue -> roleTitles.contains(TextNormalizer.fold(cue)));
        for (String cue : new LinkedHashSet<>(cues)) {
            double best = 0;
            for (int at : ctx.cueOccurrences(cue)) {
                int atEnd = at + cue.length();
                if (at < docEnd && atEnd > docStart) {
                    continue; // the mention itself is not evidence for itself
                }
                int distance = at >= docEnd ? at - docEnd : docStart - atEnd;
                best = Math.max(best, distance <= LOCAL_WINDOW ? LOCAL_CUE : DISTANT_CUE);
            }
            if (best > 0) {
                found.add(Map.entry(cue, best));
            }
        }
        // Nearby cues count first so the cap trims the weakest support, not whichever cue is listed last.
        found.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        double total = 0;
        for (Map.Entry<String, Double> cue : found) {
            double gain = Math.min(cue.getValue(), CUE_CAP - total);
            if (gain <= 0) {
                break;
            }
            total += gain;
            c.add(gain, "cue '" + cue.getKey() + "'" + (cue.getValue() == LOCAL_CUE ? " nearby" : ""));
        }
    }

    /** "Austin, Texas" right here is strong support; Texas named anywhere in the story is a cue. */
    private void scoreContainer(StoryContext ctx, TextField field, Match match, DictionaryEntry entry, Candidate c) {
        DictionaryEntry container = entriesById.get(entry.partOf());
        String text = ctx.unified(field);
        int docStart = ctx.documentOffset(field, match.start());
        int docEnd = ctx.documentOffset(field, match.end());
        double best = 0;
        String why = null;
        for (String alias : container.aliasesFor(ctx.language())) {
            String expected = ", " + alias;
            int end = match.end() + expected.length();
            if (end <= text.length() && AliasMatcher.caseCompatible(expected, text.substring(match.end(), end))
                    && TextNormalizer.fold(expected).equals(TextNormalizer.fold(text.substring(match.end(), end)))
                    && (end == text.length() || !TextNormalizer.isWordChar(text.charAt(end)))) {
                best = CONTAINER_ADJACENT;
                why = "'" + match.surface() + expected + "'";
                break;
            }
            for (int at : ctx.cueOccurrences(alias)) {
                if (at >= docEnd || at + alias.length() <= docStart) {
                    int distance = at >= docEnd ? at - docEnd : docStart - (at + alias.length());
                    double gain = distance <= LOCAL_WINDOW ? LOCAL_CUE : DISTANT_CUE;
                    if (gain > best) {
                        best = gain;
                        why = "in " + container.canonical() + ", which the story names";
                    }
                }
            }
        }
        if (why != null) {
            c.add(best, why);
        }
    }

    /** "Beirut, Lebanon": a place of this region written right before it, comma-separated. */
    private void scorePartBefore(StoryContext ctx, TextField field, Match match, DictionaryEntry entry, Candidate c) {
        List<String> parts = cuesFromParts.getOrDefault(entry.id(), List.of());
        if (parts.isEmpty() || match.start() < 3) {
            return;
        }
        String text = ctx.unified(field);
        for (String part : parts) {
            String expected = part + ", ";
            int from = match.start() - expected.length();
            if (from >= 0 && text.startsWith(expected, from)
                    && (from == 0 || !TextNormalizer.isWordChar(text.charAt(from - 1)))) {
                c.add(CONTAINER_ADJACENT, "'" + expected + match.surface() + "'");
                return;
            }
        }
    }

    /** Scores offices held; returns true when the only office named next to the mention was not held then. */
    private static boolean scoreRoles(StoryContext ctx, TextField field, Match match, DictionaryEntry entry,
            Candidate c) {
        // An office held on the story date outweighs any other office whose title appears near the mention;
        // only when none is held does an out-of-term title count against the person.
        String text = ctx.folded(field);
        double gain = 0;
        String why = null;
        for (Role role : entry.roles()) {
            String nearTitle = titleNextTo(text, match, role);
            if (role.activeOn(ctx.day())) {
                double g = ROLE_ACTIVE + (nearTitle != null ? ROLE_TITLE : 0);
                if (why == null || gain <= 0 || g > gain) {
                    gain = g;
                    why = "in office on " + ctx.day() + ": " + role.title()
                            + (nearTitle != null ? " ('" + nearTitle + "')" : "");
                }
            } else if (nearTitle != null && why == null) {
                gain = ROLE_OUT_OF_TERM;
                why = "'" + nearTitle + "' but not " + role.title() + " on " + ctx.day();
            }
        }
        if (why != null) {
            c.add(gain, why);
        }
        return gain < 0;
    }

    /** A role title ending just before the span ("Defense Secretary Austin") or starting just after it. */
    private static String titleNextTo(String text, Match match, Role role) {
        for (String title : role.titleCues()) {
            String folded = TextNormalizer.fold(title);
            for (int at : Tokens.occurrences(text, folded)) {
                int atEnd = at + folded.length();
                boolean before = atEnd <= match.start() && match.start() - atEnd <= TITLE_WINDOW;
                boolean after = at >= match.end() && at - match.end() <= TITLE_WINDOW;
                if (before || after) {
                    return title;
                }
            }
        }
        return null;
    }

    private static void scoreLocalContext(StoryContext ctx, TextField field, Match match, DictionaryEntry entry,
            Candidate c, boolean titleOutOfTerm) {
        String text = ctx.folded(field);
        List<String> before = Tokens.wordsBefore(text, match.start(), 2);
        String prev = before.isEmpty() ? "" : before.get(0);
        String next = Tokens.wordAfter(text, match.end());
        // "Kharkiv and Sumy regions": the shared head noun makes both names regions, not their cities.
        List<String> after = Tokens.wordsAfter(text, match.end(), 3);
        boolean regionHead = !after.isEmpty() && REGION_PLURALS.contains(after.get(0))
                || after.size() == 3 && (after.get(0).equals("and") || after.get(0).equals("or"))
                        && REGION_PLURALS.contains(after.get(2));
        if (regionHead && entry.kind().equals("region")) {
            c.add(REGION_HEAD, "shared head noun '" + (after.size() == 3 ? after.get(2) : after.get(0)) + "' after");
        }
        if (LOCATION_PREPOSITIONS.contains(prev) && entry.type() == EntityType.PLACE) {
            c.add(LOCATION_PREPOSITION, "location preposition '" + prev + "' before");
        }
        if (PERSON_TITLES.contains(prev)) {
            if (entry.type() == EntityType.PERSON && !titleOutOfTerm) {
                c.add(TITLE_PERSON, "title '" + prev + "' before");
            } else if (entry.type() != EntityType.PERSON) {
                c.add(TITLE_NON_PERSON, "title '" + prev + "' before suggests a person");
            }
        }
        if (before.size() == 2 && prev.equals("of") && CITY_KINDS.contains(before.get(1)) ) {
            if (CITY_KINDS.contains(entry.kind())) {
                c.add(CITY_OF, "'" + before.get(1) + " of' before");
            }
        }
        if (entry.kind().equals("vessel")) {
            if (prev.equals("the")) {
                c.add(VESSEL_CONTEXT, "'the' before a ship name");
            } else if (SHIP_WORDS.contains(next) || SHIP_WORDS.contains(prev)) {
                c.add(VESSEL_CONTEXT, "ship word '" + (SHIP_WORDS.contains(next) ? next : prev) + "' next to it");
            }
        }
        // Rivers and seas take the article ("across the Dnipro"); cities and countries mostly do not.
        if (entry.kind().equals("water") && prev.equals("the")) {
            c.add(VESSEL_CONTEXT, "'the' before a river or sea name");
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    /** A reading under evaluation; mutable only while it is being scored. */
    private static final class Candidate {
        final AliasRef ref;
        double score;
        final List<String> cues = new ArrayList<>();

        Candidate(AliasRef ref) {
            this.ref = ref;
        }

        void add(double weight, String why) {
            score += weight;
            cues.add(weight == 0 ? why : why + String.format(Locale.ROOT, " (%+.1f)", weight));
        }
    }
}
