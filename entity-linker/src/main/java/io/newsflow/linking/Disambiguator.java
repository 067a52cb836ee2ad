package io.newsflow.linking;

import io.newsflow.linking.AliasMatcher.AliasKind;
import io.newsflow.linking.AliasMatcher.AliasRef;
import io.newsflow.linking.AliasMatcher.Match;
import io.newsflow.linking.PhraseIndex.Phrase;
import java.util.ArrayList;
import java.util.HashMap;
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
  *       {@value #ROLE_TITLE} more; the title next to the mention outside the term: {@value #ROLE_OUT_OF_TERM}, unless
  *       "former" (or "ex-", "колишній") qualifies it and the term has ended: {@value #ROLE_FORMER}
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
    static final double ROLE_OUT_OF_TERM = -3.0;
    /** "Former President Biden": the title of a term that has ended, said to be over. */
    static final double ROLE_FORMER = 2.0;
    private static final Set<String> FORMER_WORDS = Set.of("former", "ex", "колишній", "колишнього", "колишньому",
            "колишнім", "колишня", "колишньої", "екс");
    static final double TITLE_PERSON = 1.5;
    static final double TITLE_NON_PERSON = -2.5;
    static final double CITY_OF = 3.0;
    static final double REGION_HEAD = 3.0;
    static final double VESSEL_CONTEXT = 2.5;
    static final double SHORT_FORM_SUPPORTED = 2.0;
    static final double CONTAINER_ADJACENT = 3.0;
    static final double LOCATION_PREPOSITION = 1.0;
    static final double ACCEPT = 1.5;
    /**
      * A capital read as its government by a strong cue (subject of a speech or government verb, "a signal to
      * Moscow", coordinated with another state: "Washington and London"): the capital reading, not a namesake
      * ("Washington" the state), gets this much.
      */
    static final double CAPITAL_ACTOR = 1.5;
    /** "Ramstein meeting", "Normandy format": an event noun after the name favours the organisation/format. */
    static final double EVENT_NOUN = 2.0;
    /** "Georgia's parliament": an institution only a sovereign state has favours the country. */
    static final double NATIONAL_INSTITUTION = 2.0;
    /**
      * A name capitalised only by its position (headline or sentence start) in a story that also uses the word in
      * lower case ("Turkey prices" in a story about turkeys): the common noun, not the name.
      */
    static final double POSITIONAL_HOMOGRAPH = -3.0;
    /**
      * A town (generated small place, or a US place whose title needs its state) does not link on its name alone:
      * it needs context worth at least this much more ("Winder, Georgia", "in Winder" in a Georgia story, "the town
      * of Winder"), so that thousands of town names cannot turn surnames and ordinary capitalised words into places.
      */
    static final double TOWN_UNSUPPORTED = -1.5;
    /**
      * A Ukrainian "-ська/-цька/-зька" form before a feminine word it agrees with ("Донецька обласна адміністрація",
      * "Луганська народна республіка") is the adjective, not the genitive of the city ("з Донецька"): it names no
      * place by itself.
      */
    static final double FEMININE_ADJECTIVE = -4.0;
    /** A town's country named in the story (towns only; a weak hint that the story is set there). */
    static final double TOWN_COUNTRY_NAMED = 0.5;
    private static final int TITLE_WINDOW = 40;

    private static final Set<String> PERSON_TITLES =
            Set.of("president", "secretary", "minister", "general", "gen", "senator", "sen", "rep", "representative",
                    "mr", "mrs", "ms", "dr", "chief", "director", "commander", "spokesman", "spokeswoman", "spokesperson",
                    "governor", "gov", "mayor", "king", "queen", "prince", "chancellor", "speaker", "ambassador", "envoy",
                    "premier", "strategist", "adviser", "advisor", "colonel", "col", "lt", "admiral", "adm", "judge",
                    "justice", "sheikh", "emir", "sgt", "prof", "professor", "capt", "captain", "analyst", "lawmaker",
                    "congressman", "congresswoman", "councilmember", "commissioner", "leader");
    private static final Set<String> LOCATION_PREPOSITIONS =
            Set.of("in", "at", "near", "from", "outside", "в", "у", "біля", "поблизу");
    private static final Set<String> EVENT_NOUNS =
            Set.of("meeting", "meetings", "format", "talks", "conference", "gathering", "summit", "group");
    private static final Set<String> NATIONAL_INSTITUTIONS =
            Set.of("parliament", "prime", "premier", "ruling", "government", "president", "presidential",
                    "foreign", "defence", "defense", "army", "military", "armed", "embassy", "ambassador", "opposition",
                    "constitutional", "central", "national");
    /** Words after a short form that make it a name in use: "House speaker", "House Republicans". */
    private static final Set<String> SHORT_FORM_HEADS =
            Set.of("speaker", "republicans", "democrats", "majority", "minority", "floor", "members", "leader",
                    "leadership", "vote", "votes", "passed", "approved", "voted");
    private static final Set<String> COORDINATORS = Set.of("and", "or", "і", "й", "та");
    private static final Set<String> REGION_PLURALS = Set.of("regions", "oblasts", "provinces");
    /** Feminine nouns a Ukrainian place adjective commonly qualifies. */
    private static final Set<String> FEMININE_HEADS = Set.of("область", "республіка", "громада", "рада",
            "адміністрація", "агломерація", "губернія", "єпархія", "дивізія", "бригада", "армія", "група", "лінія",
            "дорога", "траса", "станція", "електростанція", "аес", "тес", "гес");
    private static final Set<String> CITY_KINDS = Set.of("city", "town");
    private static final Set<String> SHIP_WORDS =
            Set.of("submarine", "crew", "sailors", "disaster", "tragedy", "wreck", "sinking", "sank", "cruiser",
                    "warship", "flagship", "ship", "vessel");

    /**
      * Every word the local-context rules compare a neighbouring word with. Only these words are read out of the
      * text around a span; the others only count as words (see {@link Tokens.Vocabulary}).
      */
    private static final Tokens.Vocabulary CONTEXT_WORDS = new Tokens.Vocabulary(java.util.stream.Stream.of(
            PERSON_TITLES, LOCATION_PREPOSITIONS, EVENT_NOUNS, NATIONAL_INSTITUTIONS, SHORT_FORM_HEADS, REGION_PLURALS,
            CITY_KINDS, SHIP_WORDS, Set.of("and", "or", "of", "the", "'s"))
            .flatMap(Set::stream).toList());

    /** Weights take few distinct values: formatting each once keeps String.format off the hot path. */
    private static final Map<Double, String> WEIGHT_TEXT = new java.util.concurrent.ConcurrentHashMap<>();
    /** The constant terms and the cue gains, formatted up front: found by a scan, with no boxing or hashing. */
    private static final double[] COMMON_WEIGHTS = {NAME_BASE, LOCAL_CUE, DISTANT_CUE, FULL_NAME_IN_STORY,
            KNOWN_SURNAME, ROLE_ACTIVE, ROLE_ACTIVE + ROLE_TITLE, ROLE_OUT_OF_TERM, ROLE_FORMER, TITLE_PERSON, TITLE_NON_PERSON, CITY_OF,
            VESSEL_CONTEXT, SHORT_FORM_SUPPORTED, LOCATION_PREPOSITION, CAPITAL_ACTOR, EVENT_NOUN, POSITIONAL_HOMOGRAPH,
            TOWN_UNSUPPORTED, TOWN_COUNTRY_NAMED};
    private static final String[] COMMON_WEIGHT_TEXTS =
            java.util.Arrays.stream(COMMON_WEIGHTS).mapToObj(Disambiguator::formatWeight).toArray(String[]::new);

    private final Map<String, DictionaryEntry> entriesById;
    /**
      * What scoring looks up for each entry, prepared when the linker is built; keyed by the entry instance, which
      * is one header read and one probe rather than a string hash and compare per candidate.
      */
    private final Map<DictionaryEntry, PreparedEntry> preparedByEntry;
    /** The same by the entry's position in the dictionary, which each {@link AliasRef} carries. */
    private final PreparedEntry[] preparedByIndex;

    /**
      * @param phrases the linker's phrase index under construction; every phrase scoring looks for in a story is
      *     registered in it here, so that one scan per story finds them all
      */
    Disambiguator(Dictionary dictionary, PhraseIndex.Builder phrases) {
        Map<String, DictionaryEntry> index = new LinkedHashMap<>();
        Map<String, List<String>> parts = new LinkedHashMap<>();
        Map<String, List<String>> allParts = new LinkedHashMap<>();
        for (DictionaryEntry e : dictionary.entries()) {
            index.put(e.id(), e);
            if (e.partOf() != null) {
                allParts.computeIfAbsent(e.partOf(), k -> new ArrayList<>()).addAll(e.aliases());
                if (!isTown(e)) {
                    parts.computeIfAbsent(e.partOf(), k -> new ArrayList<>()).addAll(e.aliases());
                }
            }
        }
        this.entriesById = Map.copyOf(index);
        // Names of places inside a region count as cues for it: Atlanta in the story supports Georgia, the state.
        // Only cities count here; a town name is too weak a hint on its own ("Rome" is also a town in Georgia).
        Map<String, List<String>> cuesFromParts = freeze(parts);
        // Names of every place inside a region, for "Winder, Georgia" read from the region's side.
        Map<String, List<String>> namesOfParts = freeze(allParts);
        Map<DictionaryEntry, PreparedEntry> byEntry = new java.util.IdentityHashMap<>();
        List<PreparedEntry> byIndex = new ArrayList<>();
        for (DictionaryEntry e : dictionary.entries()) {
            PreparedEntry prepared = PreparedEntry.of(e, cuesFromParts.getOrDefault(e.id(), List.of()),
                    allParts.containsKey(e.id()), namesOfParts.getOrDefault(e.id(), List.of()), phrases);
            byEntry.put(e, prepared);
            byIndex.add(prepared);
        }
        this.preparedByEntry = byEntry;
        this.preparedByIndex = byIndex.toArray(PreparedEntry[]::new);
    }

    /**
      * One entry's look-ups, prepared once per dictionary instead of once per candidate.
      *
      * @param entry the entry they were prepared for
      * @param priorText the evidence text of its prior, "prior 0.40"
      * @param priorTerm that text as {@link Candidate#explanation} shows it, weight included: "prior 0.40 (+0.4)"
      * @param cues its cues and the names of the places inside it, without its office titles (the role rules
      *     judge those against the story date), deduplicated, in the order they are scored
      * @param ownCues the entry's own cues as listed, which tell whether a story is about it (short forms)
      * @param roleTitles per role, in order, the phrases that name the office
      * @param aliases for a container (some entry's {@code partOf}): its neutral aliases, as
      *     {@link DictionaryEntry#aliasesFor} returns them for a language without local aliases; else null
      * @param localAliases for a container: {@link DictionaryEntry#aliasesFor} of each language it has local
      *     aliases in
      * @param partsBefore names of every place inside it ("Beirut, Lebanon"), in order
      * @param partIndex each such name's first position in {@code partsBefore}
      * @param partLengths the distinct lengths of those names, ascending
      * @param cueNeedles {@link Phrase#needle} of each of {@code cues}, in the same order
      */
    private record PreparedEntry(DictionaryEntry entry, String priorText, Formatted priorTerm, Phrase[] cues, Phrase[] ownCues, Phrase[][] roleTitles, Phrase[] aliases,
            Map<String, Phrase[]> localAliases, List<String> partsBefore, Map<String, Integer> partIndex,
            int[] partLengths, int[] cueNeedles, Formatted[] nearbyCueTerms, Formatted[] distantCueTerms) {

        PreparedEntry(DictionaryEntry entry, String priorText, Formatted priorTerm, Phrase[] cues, Phrase[] ownCues,
                Phrase[][] roleTitles, Phrase[] aliases, Map<String, Phrase[]> localAliases, List<String> partsBefore,
                Map<String, Integer> partIndex, int[] partLengths) {
            this(entry, priorText, priorTerm, cues, ownCues, roleTitles, aliases, localAliases, partsBefore, partIndex,
                    partLengths, java.util.Arrays.stream(cues).mapToInt(Phrase::needle).toArray(),
                    // A cue's evidence text at its full weight, the usual case, is written once here, not per story.
                    java.util.Arrays.stream(cues)
                            .map(cue -> new Formatted(nearbyCue(cue.text()) + weightText(LOCAL_CUE)))
                            .toArray(Formatted[]::new),
                    java.util.Arrays.stream(cues)
                            .map(cue -> new Formatted(distantCue(cue.text()) + weightText(DISTANT_CUE)))
                            .toArray(Formatted[]::new));
        }

        static PreparedEntry of(DictionaryEntry e, List<String> partNames, boolean container,
                List<String> partsWithTowns, PhraseIndex.Builder phrases) {
            List<String> cues = new ArrayList<>(e.cues());
            cues.addAll(partNames);
            Set<String> roleTitles = new HashSet<>();
            e.roles().forEach(r -> r.titleCues().forEach(t -> roleTitles.add(TextNormalizer.fold(t))));
            cues.removeIf(cue -> roleTitles.contains(TextNormalizer.fold(cue)));
            Phrase[][] titles = new Phrase[e.roles().size()][];
            for (int i = 0; i < titles.length; i++) {
                titles[i] = phrases.phrases(e.roles().get(i).titleCues());
            }
            Phrase[] aliases = null;
            Map<String, Phrase[]> local = Map.of();
            if (container) {
                aliases = phrases.phrases(e.aliases());
                local = new HashMap<>();
                for (Map.Entry<String, List<String>> forms : e.localAliases().entrySet()) {
                    if (!forms.getValue().isEmpty()) {
                        local.put(forms.getKey(), phrases.phrases(e.aliasesFor(forms.getKey())));
                    }
                }
            }
            Map<String, Integer> partIndex = new HashMap<>();
            for (int i = 0; i < partsWithTowns.size(); i++) {
                partIndex.putIfAbsent(partsWithTowns.get(i), i);
            }
            int[] partLengths = partsWithTowns.stream().mapToInt(String::length).distinct().sorted().toArray();
            String priorText = String.format(Locale.ROOT, "prior %.2f", e.prior());
            return new PreparedEntry(e, priorText,
                    new Formatted(e.prior() == 0 ? priorText : priorText + formatWeight(e.prior())),
                    phrases.phrases(new LinkedHashSet<>(cues)), phrases.phrases(e.cues()), titles,
                    aliases, local, partsWithTowns, partIndex, partLengths);
        }

        /** The phrases of {@link DictionaryEntry#aliasesFor}{@code (language)}; only for containers. */
        Phrase[] aliasesFor(String language) {
            return localAliases.getOrDefault(language, aliases);
        }
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> parts) {
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        parts.forEach((k, v) -> frozen.put(k, List.copyOf(new LinkedHashSet<>(v))));
        return Map.copyOf(frozen);
    }

    private static boolean isTown(DictionaryEntry e) {
        return "town".equals(e.kind());
    }

    /** Links one span, or returns empty when no reading is well enough supported. */
    Optional<Mention> resolve(StoryContext ctx, TextField field, Match match) {
        List<Candidate> scored = new ArrayList<>();
        Surroundings around = Surroundings.of(ctx.folded(field), match);
        for (AliasRef ref : strongestRefPerEntry(match.refs())) {
            scored.add(score(ctx, field, match, around, ref));
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
        List<String> cues = best.explanation();
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

    /**
      * The words around a span in the folded field text, read once per span rather than once per reading.
      *
      * @param before up to two words before the span, nearest first ({@link Tokens#wordsBefore})
      * @param after up to three words after it ({@link Tokens#wordsAfter})
      */
    private record Surroundings(List<String> before, List<String> after) {
        static Surroundings of(String folded, Match match) {
            return new Surroundings(Tokens.wordsBefore(folded, match.start(), 2, CONTEXT_WORDS),
                    Tokens.wordsAfter(folded, match.end(), 3, CONTEXT_WORDS));
        }

        /** {@link Tokens#wordBefore}: the word right before the span, or "". */
        String previous() {
            return before.isEmpty() ? "" : before.get(0);
        }

        /** {@link Tokens#wordAfter}: the word right after the span, or "". */
        String next() {
            return after.isEmpty() ? "" : after.get(0);
        }
    }

    /** One ref per entry; a full-name reading of an entry outranks its surname reading. */
    private static List<AliasRef> strongestRefPerEntry(List<AliasRef> refs) {
        if (refs.size() == 1) {
            return refs;
        }
        if (refs.size() <= 8) {
            // Few readings: a scan of the kept ones is cheaper than a map.
            List<AliasRef> kept = new ArrayList<>(refs.size());
            for (AliasRef ref : refs) {
                int i = 0;
                while (i < kept.size() && !kept.get(i).entry().id().equals(ref.entry().id())) {
                    i++;
                }
                if (i == kept.size()) {
                    kept.add(ref);
                } else if (kept.get(i).kind() != AliasKind.NAME) {
                    kept.set(i, ref);
                }
            }
            return kept;
        }
        Map<String, AliasRef> byEntry = new LinkedHashMap<>();
        for (AliasRef ref : refs) {
            byEntry.merge(ref.entry().id(), ref, (old, neu) -> old.kind() == AliasKind.NAME ? old : neu);
        }
        return List.copyOf(byEntry.values());
    }

    private Candidate score(StoryContext ctx, TextField field, Match match, Surroundings around, AliasRef ref) {
        DictionaryEntry entry = ref.entry();
        Candidate c = new Candidate(ref);
        // A one-word alias of a person that also names something else ("Остін": Lloyd Austin or Austin, Texas) is a
        // bare surname, whichever list it came from, and must earn its link like one.
        boolean bareSurname = ref.kind() == AliasKind.NAME && entry.type() == EntityType.PERSON
                && !ref.alias().strip().contains(" ")
                && namesAnotherEntry(match, entry);
        PreparedEntry prepared = prepared(ref);
        if (ref.kind() == AliasKind.NAME && !bareSurname) {
            c.add(NAME_BASE, ref.label());
        } else if (ref.kind() == AliasKind.SHORT_FORM) {
            c.add(0.0, ref.label());
            boolean afterThe = around.previous().equals("the");
            String head = around.next();
            boolean headAfter = SHORT_FORM_HEADS.contains(head);
            boolean storyPointsHere = ctx.namedInFull(entry.id()) || mentionsAny(ctx, prepared.ownCues());
            if ((afterThe || headAfter) && storyPointsHere) {
                c.add(SHORT_FORM_SUPPORTED, () -> (afterThe ? "'the " + ref.alias() + "'" : "'" + ref.alias() + " " + head
                        + "'") + " in a story about " + entry.canonical());
            }
        } else {
            // A bare surname reading of a full-name alias is reported as the surname it acts as.
            c.add(0.0, ref.kind() == AliasKind.SURNAME ? ref.label() : "surname '" + ref.alias() + "'");
            if (ctx.namedInFull(entry.id())) {
                c.add(FULL_NAME_IN_STORY, () -> "full name " + entry.canonical() + " in story");
            }
            if (entry.knownBySurname()) {
                c.add(KNOWN_SURNAME, "widely known by surname");
            }
        }
        c.addFormatted(entry.prior(), prepared.priorTerm());
        if (isTown(entry) && ref.kind() == AliasKind.NAME) {
            c.add(TOWN_UNSUPPORTED, "town name needs context");
        }
        if (ref.kind() != AliasKind.SHORT_FORM) {
            scoreCues(ctx, field, match, prepared, c);
        }
        if (entry.partOf() != null) {
            scoreContainer(ctx, field, match, entry, c);
        }
        scorePartBefore(ctx, field, match, prepared, c);
        boolean outOfTerm = false;
        if (entry.type() == EntityType.PERSON) {
            outOfTerm = scoreRoles(ctx, field, match, entry, prepared, c, ref.kind() == AliasKind.NAME);
        }
        scoreLocalContext(ctx, field, match, around, entry, c, outOfTerm);
        if (entry.metonymOf() != null) {
            scoreCapitalActor(ctx, field, match, c);
        }
        scoreHomograph(ctx, field, match, c);
        return c;
    }

    /**
      * The prepared look-ups of a reading's entry, by its position when the matcher was built from this dictionary's
      * entries (as the linker builds it), else by the entry itself.
      */
    private PreparedEntry prepared(AliasRef ref) {
        int index = ref.entryIndex();
        if (index >= 0 && index < preparedByIndex.length && preparedByIndex[index].entry() == ref.entry()) {
            return preparedByIndex[index];
        }
        return prepared(ref.entry());
    }

    /** The entry's prepared look-ups; entries are the dictionary's own instances, whichever map they came from. */
    private PreparedEntry prepared(DictionaryEntry entry) {
        PreparedEntry prepared = preparedByEntry.get(entry);
        if (prepared == null) {
            throw new IllegalArgumentException("entry " + entry.id() + " is not from this linker's dictionary");
        }
        return prepared;
    }

    /** Some reading of the span belongs to an entry other than this one. */
    private static boolean namesAnotherEntry(Match match, DictionaryEntry entry) {
        for (AliasRef r : match.refs()) {
            if (!r.entry().id().equals(entry.id())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsAny(StoryContext ctx, Phrase[] cues) {
        for (Phrase cue : cues) {
            if (ctx.mentions(cue)) {
                return true;
            }
        }
        return false;
    }

    /** A capital that the metonymy rules read firmly as its government is the capital, not a namesake. */
    private void scoreCapitalActor(StoryContext ctx, TextField field, Match match, Candidate c) {
        Optional<MetonymyRules> rules = MetonymyRules.forLanguage(ctx.language());
        if (rules.isEmpty()) {
            return;
        }
        MetonymyRules.Reading reading = rules.get().classify(ctx.folded(field), match.start(), match.end());
        if (!reading.standsForState()) {
            return;
        }
        if (reading.strong()) {
            c.add(CAPITAL_ACTOR, "capital as actor: " + reading.reason());
        } else if (coordinatedWithState(ctx, field, match)) {
            c.add(CAPITAL_ACTOR, "capital coordinated with another state");
        }
    }

    /** "Washington and London", "Kyiv and Moscow": next to another capital or country with and/or. */
    boolean coordinatedWithState(StoryContext ctx, TextField field, Match match) {
        String text = ctx.folded(field);
        List<String> after = Tokens.wordsAfter(text, match.end(), 1);
        if (!after.isEmpty() && COORDINATORS.contains(after.get(0))) {
            int at = text.indexOf(after.get(0), match.end()) + after.get(0).length();
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
            if (isStateName(ctx.matchAt(field, at))) {
                return true;
            }
        }
        List<String> before = Tokens.wordsBefore(text, match.start(), 1);
        if (!before.isEmpty() && COORDINATORS.contains(before.get(0))) {
            int at = text.lastIndexOf(before.get(0), match.start());
            while (at > 0 && text.charAt(at - 1) == ' ') {
                at--;
            }
            return isStateName(ctx.matchEndingAt(field, at));
        }
        return false;
    }

    private static boolean isStateName(Match m) {
        if (m == null) {
            return false;
        }
        for (AliasRef r : m.refs()) {
            if (r.kind() == AliasKind.NAME && (r.entry().metonymOf() != null || "country".equals(r.entry().kind()))) {
                return true;
            }
        }
        return false;
    }

    /** "Turkey prices" at a sentence start in a story about turkeys: capitalised only by position. */
    private static void scoreHomograph(StoryContext ctx, TextField field, Match match, Candidate c) {
        if (match.surface().contains(" ")) {
            return;
        }
        String text = ctx.unified(field);
        int i = match.start();
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '"' || text.charAt(i - 1) == '\u201c')) {
            i--;
        }
        boolean sentenceStart = i == 0 || ".!?:\n".indexOf(text.charAt(i - 1)) >= 0;
        // The position test first: the lower-case search reads the whole story, and most names sit mid-sentence.
        if ((sentenceStart || field == TextField.HEADLINE) && ctx.usesLowercase(match.surface())) {
            c.add(POSITIONAL_HOMOGRAPH, "capitalised by position; the story uses '"
                    + match.surface().toLowerCase(Locale.ROOT) + "' as a common word");
        }
    }

    private static void scoreCues(StoryContext ctx, TextField field, Match match, PreparedEntry prepared,
            Candidate c) {
        int docStart = ctx.documentOffset(field, match.start());
        int docEnd = ctx.documentOffset(field, match.end());
        // Nearby cues count first so the cap trims the weakest support, not whichever cue is listed last: nearby
        // cues are applied as found (in listed order), distant ones afterwards in listed order, which is the order a
        // stable sort by gain would give. Once the cap is reached no later cue can add anything.
        Phrase[] cues = prepared.cues();
        int[] distant = null;
        int distantCount = 0;
        double total = 0;
        int[] needles = prepared.cueNeedles();
        for (int k = 0; k < cues.length && total < CUE_CAP; k++) {
            if (!ctx.mayOccur(needles[k])) {
                continue; // most cues are absent; a bit test on the id answers that without touching the phrase
            }
            Phrase cue = cues[k];
            double best = 0;
            for (int at : ctx.cueOccurrences(cue)) {
                int atEnd = at + cue.text().length();
                if (at < docEnd && atEnd > docStart) {
                    continue; // the mention itself is not evidence for itself
                }
                int distance = at >= docEnd ? at - docEnd : docStart - atEnd;
                best = Math.max(best, distance <= LOCAL_WINDOW ? LOCAL_CUE : DISTANT_CUE);
            }
            if (best == LOCAL_CUE) {
                double gain = Math.min(LOCAL_CUE, CUE_CAP - total);
                total += gain;
                if (gain == LOCAL_CUE) {
                    c.addFormatted(gain, prepared.nearbyCueTerms()[k]);
                } else {
                    String text = cue.text();
                    c.add(gain, () -> nearbyCue(text));
                }
            } else if (best > 0) {
                if (distant == null) {
                    distant = new int[cues.length];
                }
                distant[distantCount++] = k;
            }
        }
        for (int k = 0; k < distantCount; k++) {
            double gain = Math.min(DISTANT_CUE, CUE_CAP - total);
            if (gain <= 0) {
                break;
            }
            total += gain;
            if (gain == DISTANT_CUE) {
                c.addFormatted(gain, prepared.distantCueTerms()[distant[k]]);
            } else {
                String text = cues[distant[k]].text();
                c.add(gain, () -> distantCue(text));
            }
        }
    }

    private static String nearbyCue(String cue) {
        return "cue '" + cue + "' nearby";
    }

    private static String distantCue(String cue) {
        return "cue '" + cue + "'";
    }

    /** "Austin, Texas" right here is strong support; Texas named anywhere in the story is a cue. */
    private void scoreContainer(StoryContext ctx, TextField field, Match match, DictionaryEntry entry, Candidate c) {
        DictionaryEntry container = entriesById.get(entry.partOf());
        String text = ctx.unified(field);
        int docStart = ctx.documentOffset(field, match.start());
        int docEnd = ctx.documentOffset(field, match.end());
        double best = 0;
        String why = null;
        // Only ", " right after the span can start "Austin, Texas"; checked once rather than per alias.
        boolean commaAfter = text.startsWith(", ", match.end());
        for (Phrase alias : prepared(container).aliasesFor(ctx.language())) {
            if (commaAfter && spelledAt(text, match.end() + 2, alias)) {
                best = CONTAINER_ADJACENT;
                why = "'" + match.surface() + ", " + alias.text() + "'";
                break;
            }
            int aliasLength = alias.text().length();
            for (int at : ctx.cueOccurrences(alias)) {
                if (at >= docEnd || at + aliasLength <= docStart) {
                    int distance = at >= docEnd ? at - docEnd : docStart - (at + aliasLength);
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
        DictionaryEntry country = container.partOf() == null ? null : entriesById.get(container.partOf());
        if (isTown(entry) && country != null) {
            for (Phrase alias : prepared(country).aliasesFor(ctx.language())) {
                if (ctx.mentions(alias)) {
                    c.add(TOWN_COUNTRY_NAMED, "in " + country.canonical() + ", which the story names");
                    break;
                }
            }
        }
    }

    /**
      * The unified text spells the alias from {@code at} on, as a whole word: the same letters after folding, its
      * capitals capitalised, and no letter or digit right after it.
      */
    private static boolean spelledAt(String text, int at, Phrase alias) {
        String spelling = alias.text();
        int end = at + spelling.length();
        if (end > text.length() || end < text.length() && TextNormalizer.isWordChar(text.charAt(end))) {
            return false;
        }
        for (int i = 0; i < spelling.length(); i++) {
            if (TextNormalizer.fold(text.charAt(at + i)) != TextNormalizer.fold(spelling.charAt(i))) {
                return false;
            }
        }
        for (int p : alias.capitals()) {
            if (!Character.isUpperCase(text.charAt(at + p))) {
                return false;
            }
        }
        return true;
    }

    /** "Beirut, Lebanon": a place of this region written right before it, comma-separated. */
    private static void scorePartBefore(StoryContext ctx, TextField field, Match match, PreparedEntry prepared,
            Candidate c) {
        List<String> parts = prepared.partsBefore();
        if (parts.isEmpty() || match.start() < 3) {
            return;
        }
        String text = ctx.unified(field);
        int comma = match.start() - 2;
        if (!text.startsWith(", ", comma)) {
            return; // every candidate ends in ", " right before the span
        }
        // The first listed name that the text spells right before ", " wins. Rather than trying every name, try the
        // text before the comma at each length a name has.
        int first = -1;
        for (int length : prepared.partLengths()) {
            int from = comma - length;
            if (from < 0) {
                break;
            }
            if (from > 0 && TextNormalizer.isWordChar(text.charAt(from - 1))) {
                continue;
            }
            Integer index = prepared.partIndex().get(text.substring(from, comma));
            if (index != null && (first < 0 || index < first)) {
                first = index;
            }
        }
        if (first >= 0) {
            c.add(CONTAINER_ADJACENT, "'" + parts.get(first) + ", " + match.surface() + "'");
        }
    }

    /** Scores offices held; returns true when the only office named next to the mention was not held then. */
    private static boolean scoreRoles(StoryContext ctx, TextField field, Match match, DictionaryEntry entry,
            PreparedEntry prepared, Candidate c, boolean fullName) {
        // An office held on the story date outweighs any other office whose title appears near the mention;
        // only when none is held does an out-of-term title count against the person.
        double gain = 0;
        Reason why = null;
        for (int r = 0; r < entry.roles().size(); r++) {
            Role role = entry.roles().get(r);
            String nearTitle = titleNextTo(ctx, field, match, prepared.roleTitles()[r]);
            if (role.activeOn(ctx.day())) {
                double g = ROLE_ACTIVE + (nearTitle != null ? ROLE_TITLE : 0);
                if (why == null || gain <= 0 || g > gain) {
                    gain = g;
                    why = () -> "in office on " + ctx.day() + ": " + role.title()
                            + (nearTitle != null ? " ('" + nearTitle + "')" : "");
                }
            } else if (nearTitle != null && role.to() != null && ctx.day() != null && ctx.day().isAfter(role.to())
                    && formerBefore(ctx, field, match, prepared.roleTitles()[r])) {
                if (why == null || gain < ROLE_FORMER) {
                    gain = ROLE_FORMER;
                    why = () -> "former " + role.title() + " ('" + nearTitle + "'), until " + role.to();
                }
            } else if (nearTitle != null && why == null && !fullName) {
                // Only a bare surname is argued against: "President-elect Donald Trump" is still Donald Trump.
                gain = ROLE_OUT_OF_TERM;
                why = () -> "'" + nearTitle + "' but not " + role.title() + " on " + ctx.day();
            }
        }
        if (why != null) {
            c.add(gain, why);
        }
        return gain < 0;
    }

    /** The role title next to the span is qualified as past: "former Defense Secretary Austin", "ex-president". */
    private static boolean formerBefore(StoryContext ctx, TextField field, Match match, Phrase[] titles) {
        String folded = ctx.folded(field);
        for (Phrase title : titles) {
            for (int at : ctx.occurrencesIn(field, title)) {
                if (nextTo(match, at, title.text().length())) {
                    List<String> before = Tokens.wordsBefore(folded, at, 1);
                    if (!before.isEmpty() && FORMER_WORDS.contains(before.get(0))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A role title ending just before the span ("Defense Secretary Austin") or starting just after it. */
    private static String titleNextTo(StoryContext ctx, TextField field, Match match, Phrase[] titles) {
        for (Phrase title : titles) {
            for (int at : ctx.occurrencesIn(field, title)) {
                if (nextTo(match, at, title.text().length())) {
                    return title.text();
                }
            }
        }
        return null;
    }

    /** A phrase at {@code at} ends within the title window before the span or starts within it after the span. */
    private static boolean nextTo(Match match, int at, int length) {
        int atEnd = at + length;
        return atEnd <= match.start() && match.start() - atEnd <= TITLE_WINDOW
                || at >= match.end() && at - match.end() <= TITLE_WINDOW;
    }

    /** The feminine word a "-ська" form agrees with, when one follows it; else null. */
    private static String feminineHeadAfter(String folded, Match match) {
        String surface = folded.substring(match.start(), match.end());
        if (!(surface.endsWith("ська") || surface.endsWith("цька") || surface.endsWith("зька"))) {
            return null;
        }
        List<String> after = Tokens.wordsAfter(folded, match.end(), 1);
        String next = after.isEmpty() ? "" : after.get(0);
        // A feminine adjective in agreement ("обласна", "військова", "міська") or a head noun it qualifies.
        boolean agrees = FEMININE_HEADS.contains(next) || next.length() > 4
                && (next.endsWith("на") || next.endsWith("ька") || next.endsWith("ова") || next.endsWith("ева"));
        return agrees ? next : null;
    }

    private static void scoreLocalContext(StoryContext ctx, TextField field, Match match, Surroundings around,
            DictionaryEntry entry, Candidate c, boolean titleOutOfTerm) {
        String text = ctx.folded(field);
        List<String> before = around.before();
        String prev = around.previous();
        String next = around.next();
        // "Kharkiv and Sumy regions": the shared head noun makes both names regions, not their cities.
        List<String> after = around.after();
        boolean regionHead = !after.isEmpty() && REGION_PLURALS.contains(after.get(0))
                || after.size() == 3 && (after.get(0).equals("and") || after.get(0).equals("or"))
                        && REGION_PLURALS.contains(after.get(2));
        if (regionHead && entry.kind().equals("region")) {
            // Name the head noun that matched: the word right after, or the one after "and"/"or" and a name.
            String head = REGION_PLURALS.contains(after.get(0)) ? after.get(0) : after.get(2);
            c.add(REGION_HEAD, "shared head noun '" + head + "' after");
        }
        if (UkrainianInflection.LANGUAGE.equals(ctx.language())) {
            String head = feminineHeadAfter(text, match);
            if (head != null) {
                c.add(FEMININE_ADJECTIVE, "adjective before feminine '" + head + "'");
            }
        }
        if (CITY_KINDS.contains(entry.kind()) && MetonymyRules.cityApposition(text, match.start(), match.end())) {
            c.add(CITY_OF, "apposition names it a city");
        }
        if (EVENT_NOUNS.contains(next) && entry.type() == EntityType.ORG && !entry.kind().equals("vessel")) {
            c.add(EVENT_NOUN, "event noun '" + next + "' after");
        }
        if ("country".equals(entry.kind())) {
            // The possessive and the word it owns: "Georgia's parliament".
            String inst = after.size() >= 2 && after.get(0).equals("'s") ? after.get(1) : "";
            if (NATIONAL_INSTITUTIONS.contains(inst)) {
                c.add(NATIONAL_INSTITUTION, "possessive with national institution '" + inst + "'");
            }
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

    /** " (+1.5)": how a term's weight is shown after its reason. */
    private static String formatWeight(double weight) {
        return String.format(Locale.ROOT, " (%+.1f)", weight);
    }

    private static String weightText(double weight) {
        for (int i = 0; i < COMMON_WEIGHTS.length; i++) {
            if (COMMON_WEIGHTS[i] == weight) {
                return COMMON_WEIGHT_TEXTS[i];
            }
        }
        return WEIGHT_TEXT.computeIfAbsent(weight, Disambiguator::formatWeight);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    /**
      * A reading under evaluation; mutable only while it is being scored. Only the winner's terms are shown, so
      * weights are formatted into its cue texts when asked for, not as each term is added.
      */
    /** A term's text with its weight already appended. */
    private record Formatted(String text) {}

    /** A term's reason, put into words only if its reading wins. */
    @FunctionalInterface
    private interface Reason {
        String text();
    }

    private static final class Candidate {
        final AliasRef ref;
        double score;
        /** Each a String or a {@link Reason}: losing readings never build their texts. */
        private final List<Object> reasons = new ArrayList<>();
        private double[] weights = new double[8];

        Candidate(AliasRef ref) {
            this.ref = ref;
        }

        void add(double weight, Reason why) {
            addTerm(weight, why);
        }

        void add(double weight, String why) {
            addTerm(weight, why);
        }

        /** A term whose text already ends in its weight, as {@link #explanation} would have formatted it. */
        void addFormatted(double weight, Formatted term) {
            addTerm(weight, term);
        }

        private void addTerm(double weight, Object why) {
            score += weight;
            if (reasons.size() == weights.length) {
                weights = java.util.Arrays.copyOf(weights, weights.length * 2);
            }
            weights[reasons.size()] = weight;
            reasons.add(why);
        }

        /** Each term's reason with its weight, e.g. "cue 'Pentagon' nearby (+1.0)", in the order applied. */
        List<String> explanation() {
            List<String> cues = new ArrayList<>(reasons.size() + 1);
            for (int i = 0; i < reasons.size(); i++) {
                double weight = weights[i];
                Object reason = reasons.get(i);
                if (reason instanceof Formatted formatted) {
                    cues.add(formatted.text());
                    continue;
                }
                String why = reason instanceof String text ? text : ((Reason) reason).text();
                cues.add(weight == 0 ? why : why + weightText(weight));
            }
            return cues;
        }
    }
}
