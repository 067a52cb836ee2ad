package io.newsflow.linking;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
  * Finds dictionary aliases in text with one Aho-Corasick automaton per story language.
  *
  * <p>The automaton runs over case-folded text so that one pass finds every candidate; case rules are applied
  * afterwards against the original text (a capital letter in an alias must be a capital in the text, which
  * keeps "US"/"us" and "Turkey"/"turkey" apart). Overlaps are resolved only after that filter, so a rejected
  * long match cannot hide a valid shorter one. Immutable and thread-safe once built.
  */
final class AliasMatcher {

    /** How an alias names its entry. */
    enum AliasKind {
        /** A full name, spelling or abbreviation: enough on its own. */
        NAME,
        /** A person's bare surname: only links with supporting context. */
        SURNAME,
        /** An elliptical form ("the North"): only links after "the" in a story about the entity. */
        SHORT_FORM
    }

    record AliasRef(DictionaryEntry entry, String alias, AliasKind kind) {}

    /** A surviving span and every dictionary reading its text allows. */
    record Match(int start, int end, String surface, List<AliasRef> refs) {}

    private static final Set<String> MONTHS =
            Set.of("january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december");
    private static final Set<String> MONTH_LEAD_INS =
            Set.of("in", "since", "until", "till", "by", "early", "mid", "late", "last", "next", "this", "from",
                    "through", "during", "before", "after", "of");

    /**
      * Capitalised words that turn a preceding place name into part of a longer name the dictionary does not
      * hold ("Lebanon Valley", "Washington Supreme Court", "Paris City Council"). Tagging the place inside would
      * be wrong by the longest-name rule, and without the longer name the right output is nothing.
      */
    private static final Set<String> NAME_HEADS =
            Set.of("area", "valley", "expo", "county", "city", "council", "state", "supreme", "court", "university",
                    "college", "school", "airport", "water", "energy", "fair", "times", "post", "news", "herald",
                    "independent", "tribune", "police", "department", "regional", "sports", "complex", "street", "avenue",
                    "road", "boulevard", "station", "stadium", "park", "zoo", "hospital", "institute", "museum", "club",
                    "bank", "farm", "federation", "ministries", "center", "centre", "symphony", "marathon", "convention",
                    "highway", "bureau", "chamber", "commission", "district", "board", "authority", "company", "mall",
                    "cathedral", "theatre", "theater", "lake", "river", "party", "embassy", "consulate", "navy", "air",
                    "marine", "marines", "coast", "command", "guard", "route", "interstate", "open", "grand");

    private final Trie trie;
    private final Map<String, List<AliasRef>> refsByKey;

    private AliasMatcher(Trie trie, Map<String, List<AliasRef>> refsByKey) {
        this.trie = trie;
        this.refsByKey = refsByKey;
    }

    /**
      * Builds the automaton for one story language.
      *
      * @param blockers phrases that contain an alias but are not mentions ("Lebanon bologna", "Minsk
      *     agreements"); they take part in longest-match resolution and are then dropped
      */
    static AliasMatcher build(Collection<DictionaryEntry> entries, String language, Collection<String> blockers) {
        Map<String, List<AliasRef>> refs = new LinkedHashMap<>();
        for (DictionaryEntry entry : entries) {
            for (String alias : entry.aliasesFor(language)) {
                add(refs, new AliasRef(entry, TextNormalizer.unifyPunctuation(alias.strip()), AliasKind.NAME));
            }
            for (String surname : entry.surnames()) {
                add(refs, new AliasRef(entry, TextNormalizer.unifyPunctuation(surname.strip()), AliasKind.SURNAME));
            }
            for (String shortForm : entry.shortForms()) {
                add(refs, new AliasRef(entry, TextNormalizer.unifyPunctuation(shortForm.strip()), AliasKind.SHORT_FORM));
            }
        }
        for (String blocker : blockers) {
            if (!blocker.isBlank()) {
                refs.computeIfAbsent(TextNormalizer.fold(blocker.strip()), k -> new ArrayList<>());
            }
        }
        Trie trie = Trie.builder().onlyWholeWords().addKeywords(refs.keySet()).build();
        Map<String, List<AliasRef>> frozen = new HashMap<>();
        refs.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
        return new AliasMatcher(trie, Map.copyOf(frozen));
    }

    private static void add(Map<String, List<AliasRef>> refs, AliasRef ref) {
        if (ref.alias().isEmpty()) {
            return;
        }
        List<AliasRef> list = refs.computeIfAbsent(TextNormalizer.fold(ref.alias()), k -> new ArrayList<>());
        boolean duplicate =
                list.stream().anyMatch(r -> r.entry().id().equals(ref.entry().id()) && r.kind() == ref.kind()
                        && r.alias().equals(ref.alias()));
        if (!duplicate) {
            list.add(ref);
        }
    }

    /** Non-overlapping matches in order of appearance; longest span wins, then the leftmost. */
    List<Match> find(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String unified = TextNormalizer.unifyPunctuation(text);
        String folded = TextNormalizer.fold(text);
        List<Match> candidates = new ArrayList<>();
        for (Emit emit : trie.parseText(folded)) {
            int start = emit.getStart();
            int end = emit.getEnd() + 1;
            // The library only checks letters; digits glued to a name ("F16", "2Kyiv") are not names either.
            if (!isTokenBoundary(folded, start, end)) {
                continue;
            }
            String surface = unified.substring(start, end);
            List<AliasRef> refs = refsByKey.getOrDefault(emit.getKeyword(), List.of());
            if (refs.isEmpty()) {
                // A blocker phrase: it claims its span so that no alias inside it survives.
                candidates.add(new Match(start, end, text.substring(start, end), List.of()));
                continue;
            }
            int longerNameEnd = endOfLongerName(unified, end);
            List<AliasRef> allowed = new ArrayList<>();
            for (AliasRef ref : refs) {
                boolean placeOrSurname = ref.entry().type() == EntityType.PLACE || ref.kind() != AliasKind.NAME;
                if (caseCompatible(ref.alias(), surface) && !isMonthUse(ref, folded, start, end)
                        && !(longerNameEnd > 0 && placeOrSurname)) {
                    allowed.add(ref);
                }
            }
            if (allowed.isEmpty() && longerNameEnd > 0) {
                // Claim "Washington State Department" as a whole so "State Department" inside it cannot match either.
                candidates.add(new Match(start, longerNameEnd, text.substring(start, longerNameEnd), List.of()));
                continue;
            }
            if (!allowed.isEmpty()) {
                candidates.add(new Match(start, end, text.substring(start, end), List.copyOf(allowed)));
            }
        }
        // Longest first, then leftmost; on a tie a real name beats a blocker so "Austin Energy" the company is
        // not swallowed by the "place name + Energy" guard.
        candidates.sort(Comparator.comparingInt((Match m) -> m.end() - m.start()).reversed()
                .thenComparingInt(Match::start)
                .thenComparing(m -> m.refs().isEmpty()));
        BitSet taken = new BitSet(text.length());
        List<Match> kept = new ArrayList<>();
        for (Match m : candidates) {
            if (taken.get(m.start(), m.end()).isEmpty()) {
                taken.set(m.start(), m.end());
                kept.add(m);
            }
        }
        kept.removeIf(m -> m.refs().isEmpty());
        kept.sort(Comparator.comparingInt(Match::start));
        return kept;
    }

    /**
      * End of the name-head word when a capitalised head follows directly ("Lebanon Valley" but not "Lebanon
      * valley", "Lebanon, Pennsylvania" or "Lebanon's"), or -1.
      */
    private static int endOfLongerName(String unified, int end) {
        if (end + 1 >= unified.length() || unified.charAt(end) != ' '
                || !Character.isUpperCase(unified.charAt(end + 1))) {
            return -1;
        }
        String next = Tokens.wordAfter(unified, end);
        String head = next.endsWith("'s") ? next.substring(0, next.length() - 2) : next;
        return NAME_HEADS.contains(head.toLowerCase(Locale.ROOT)) ? end + 1 + head.length() : -1;
    }

    private static boolean isTokenBoundary(String text, int start, int end) {
        boolean leftOk = start == 0 || !TextNormalizer.isWordChar(text.charAt(start - 1));
        boolean rightOk = end >= text.length() || !TextNormalizer.isWordChar(text.charAt(end));
        // "U.S." can be followed directly by a letter only in odd tokens like "U.S.-led"; that's fine either way.
        return leftOk && (rightOk || !TextNormalizer.isWordChar(text.charAt(end - 1)));
    }

    /** Every capital letter in the alias must be a capital in the text; lower-case alias letters may be either. */
    static boolean caseCompatible(String alias, String surface) {
        if (alias.length() != surface.length()) {
            return false;
        }
        for (int i = 0; i < alias.length(); i++) {
            if (Character.isUpperCase(alias.charAt(i)) && !Character.isUpperCase(surface.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** "May" the month must not become Theresa May: a month word next to a number or a time preposition. */
    private static boolean isMonthUse(AliasRef ref, String folded, int start, int end) {
        if (!MONTHS.contains(ref.alias().toLowerCase(Locale.ROOT))) {
            return false;
        }
        String next = Tokens.wordAfter(folded, end);
        String prev = Tokens.wordBefore(folded, start);
        return startsWithDigit(next) || startsWithDigit(prev) || MONTH_LEAD_INS.contains(prev);
    }

    private static boolean startsWithDigit(String word) {
        return !word.isEmpty() && Character.isDigit(word.charAt(0));
    }
}
