package io.newsflow.linking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
  * Finds dictionary aliases in text with one Aho-Corasick automaton per story language.
  *
  * <p>The automaton runs over case-folded text so that one pass finds every candidate; case rules are applied
  * afterwards against the original text (a capital letter in an alias must be a capital in the text, which
  * keeps "US"/"us" and "Turkey"/"turkey" apart). Overlaps are resolved only after that filter, so a rejected
  * long match cannot hide a valid shorter one. Immutable and thread-safe once built.
  *
  * <p>The automaton is a double-array Aho-Corasick trie (hankcs {@code aho-corasick-double-array-trie}), searched
  * from word starts only ({@link AliasAutomaton}); its value per key is a {@link Key} holding every reading of
  * that folded spelling with its case and context rules precomputed, so a hit costs a few array reads. Whole-word
  * filtering, case rules and overlap resolution are done here, on the folded chars, and only the surviving spans
  * become {@link Match} objects.
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

    /**
      * One reading of a spelling.
      *
      * @param entryIndex the entry's position in the entries the matcher was built from, by which scoring finds
      *     what it prepared for the entry without a map look-up
      * @param label how evidence names the reading ("alias 'Austin'", "surname 'Austin'"), written once here
      *     rather than for every mention
      */
    record AliasRef(DictionaryEntry entry, int entryIndex, String alias, AliasKind kind, String label) {
        AliasRef(DictionaryEntry entry, int entryIndex, String alias, AliasKind kind) {
            this(entry, entryIndex, alias, kind, switch (kind) {
                case NAME -> "alias '" + alias + "'";
                case SURNAME -> "surname '" + alias + "'";
                case SHORT_FORM -> "short form '" + alias + "'";
            });
        }
    }

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

    /** Room for the longest name head plus "'s" and one more char to tell a longer word apart. */
    private static final int MAX_HEAD = NAME_HEADS.stream().mapToInt(String::length).max().orElse(0) + 3;

    /** Orders candidates longest first, then leftmost; on a tie a real name beats a blocker. */
    private static final Comparator<Candidate> RESOLUTION_ORDER = (a, b) -> {
        int byLength = Integer.compare(b.end - b.start, a.end - a.start);
        if (byLength != 0) {
            return byLength;
        }
        int byStart = Integer.compare(a.start, b.start);
        if (byStart != 0) {
            return byStart;
        }
        return Boolean.compare(a.refs == null, b.refs == null);
    };

    /** Char classes for boundary tests, indexed by char: {@link #ALPHABETIC} and {@link #LETTER_OR_DIGIT}. */
    private static final byte[] CHAR_CLASS = new byte[Character.MAX_VALUE + 1];
    private static final byte ALPHABETIC = 1;
    private static final byte LETTER_OR_DIGIT = 2;

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            CHAR_CLASS[c] = (byte) ((Character.isAlphabetic(c) ? ALPHABETIC : 0)
                    | (TextNormalizer.isWordChar((char) c) ? LETTER_OR_DIGIT : 0));
        }
    }

    /** Null when the matcher holds no keys at all. */
    private final AliasAutomaton<Key> trie;

    private AliasMatcher(AliasAutomaton<Key> trie) {
        this.trie = trie;
    }

    /**
      * Builds the automaton for one story language.
      *
      * @param blockers phrases that contain an alias but are not mentions ("Lebanon bologna", "Minsk
      *     agreements"); they take part in longest-match resolution and are then dropped
      */
    static AliasMatcher build(Collection<DictionaryEntry> entries, String language, Collection<String> blockers) {
        return build(entries, language, blockers, Map.of());
    }

    /**
      * Builds the automaton for one story language that also finds the linker's phrases in the same pass.
      *
      * @param phraseNeedles the {@link PhraseIndex#needles()} whose occurrences {@link #find(String, char[],
      *     PhraseIndex.Hits, int)} reports
      */
    static AliasMatcher build(Collection<DictionaryEntry> entries, String language, Collection<String> blockers,
            Map<String, Integer> phraseNeedles) {
        Map<String, List<AliasRef>> refs = new LinkedHashMap<>();
        int index = 0;
        for (DictionaryEntry entry : entries) {
            for (String alias : entry.aliasesFor(language)) {
                add(refs, new AliasRef(entry, index, TextNormalizer.unifyPunctuation(alias.strip()), AliasKind.NAME));
            }
            for (String surname : entry.surnames()) {
                add(refs, new AliasRef(entry, index, TextNormalizer.unifyPunctuation(surname.strip()), AliasKind.SURNAME));
            }
            for (String shortForm : entry.shortForms()) {
                add(refs, new AliasRef(entry, index, TextNormalizer.unifyPunctuation(shortForm.strip()), AliasKind.SHORT_FORM));
            }
            index++;
        }
        for (String blocker : blockers) {
            if (!blocker.isBlank()) {
                refs.computeIfAbsent(TextNormalizer.fold(blocker.strip()), k -> new ArrayList<>());
            }
        }
        if (refs.isEmpty() && phraseNeedles.isEmpty()) {
            return new AliasMatcher(null);
        }
        Map<String, Key> keys = new LinkedHashMap<>();
        refs.forEach((folded, list) -> keys.put(folded, new Key(list, list.isEmpty(), phraseNeedles.getOrDefault(folded, NO_NEEDLE))));
        phraseNeedles.forEach((needle, id) -> keys.computeIfAbsent(needle, k -> new Key(List.of(), false, id)));
        AliasAutomaton<Key> trie = new AliasAutomaton<>();
        trie.build(keys);
        return new AliasMatcher(trie);
    }

    private static void add(Map<String, List<AliasRef>> refs, AliasRef ref) {
        if (ref.alias().isEmpty()) {
            return;
        }
        List<AliasRef> list = refs.computeIfAbsent(TextNormalizer.fold(ref.alias()), k -> new ArrayList<>());
        for (AliasRef r : list) {
            if (r.entry().id().equals(ref.entry().id()) && r.kind() == ref.kind() && r.alias().equals(ref.alias())) {
                return;
            }
        }
        list.add(ref);
    }

    /** Non-overlapping matches in order of appearance; longest span wins, then the leftmost. */
    List<Match> find(String text) {
        return find(text, TextNormalizer.foldToChars(text), null, 0);
    }

    /**
      * {@link #find(String)} for the linker: the caller has folded the text already ({@link
      * TextNormalizer#foldToChars}; the array is only read), and the phrase occurrences of the same pass go to
      * {@code phrases}, at {@code documentOffset} plus their offset in this text.
      */
    List<Match> find(String text, char[] folded, PhraseIndex.Hits phrases, int documentOffset) {
        if (text.isEmpty() || trie == null) {
            return List.of();
        }
        Scan scan = new Scan(trie, text, folded, phrases, documentOffset);
        trie.findAtWordStarts(scan.folded, scan);
        return scan.resolve();
    }

    /** {@link Key#needle} of a spelling that is no phrase of the linker. */
    private static final int NO_NEEDLE = -1;

    /** Everything the automaton needs to know about one folded spelling. */
    private static final class Key {
        /** Every reading of the spelling; empty for a blocker phrase or a phrase that is only a needle. */
        final List<AliasRef> refs;
        /** A phrase that contains a name but is no mention of it; it claims its span. */
        final boolean blocker;
        /** The spelling's id in the linker's {@link PhraseIndex}, or {@link #NO_NEEDLE}. */
        final int needle;
        /** Per reading: offsets of its capital letters, which must be capitals in the text too. */
        final int[][] capitals;
        /** Per reading: a place or a non-name alias, which a following name head ("Valley", "Court") vetoes. */
        final boolean[] placeOrSurname;
        /** Per reading: a month word ("May"), subject to {@link #isMonthUse}. */
        final boolean[] month;

        Key(List<AliasRef> list, boolean blocker, int needle) {
            this.blocker = blocker;
            this.needle = needle;
            refs = List.copyOf(list);
            int n = refs.size();
            capitals = new int[n][];
            placeOrSurname = new boolean[n];
            month = new boolean[n];
            for (int i = 0; i < n; i++) {
                AliasRef ref = refs.get(i);
                String alias = ref.alias();
                int[] caps = new int[alias.length()];
                int count = 0;
                for (int p = 0; p < alias.length(); p++) {
                    if (Character.isUpperCase(alias.charAt(p))) {
                        caps[count++] = p;
                    }
                }
                capitals[i] = Arrays.copyOf(caps, count);
                placeOrSurname[i] = ref.entry().type() == EntityType.PLACE || ref.kind() != AliasKind.NAME;
                month[i] = MONTHS.contains(alias.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** A span that may survive overlap resolution; {@code refs == null} marks a span claimed by a blocker. */
    private record Candidate(int start, int end, List<AliasRef> refs) {}

    /** Per-call state of one {@link #find}: the folded text, the automaton callback and the candidates. */
    private static final class Scan implements AliasAutomaton.Hits {
        final AliasAutomaton<Key> keys;
        final String text;
        final char[] folded;
        final List<Candidate> candidates = new ArrayList<>();
        /** Null when the caller wants no phrase occurrences. */
        final PhraseIndex.Hits phrases;
        final int documentOffset;
        private String foldedString;

        Scan(AliasAutomaton<Key> keys, String text, char[] folded, PhraseIndex.Hits phrases, int documentOffset) {
            this.keys = keys;
            this.text = text;
            this.folded = folded;
            this.phrases = phrases;
            this.documentOffset = documentOffset;
        }

        @Override
        public void hit(int start, int end, int keyIndex) {
            char[] f = folded;
            Key key = keys.value(keyIndex);
            if (key.needle != NO_NEEDLE && phrases != null) {
                phrases.found(folded, documentOffset, start, end, key.needle);
            }
            if (key.refs.isEmpty() && !key.blocker) {
                return; // only a phrase, no alias
            }
            // Whole words only: no letter (incl. other alphabetic chars) on either side, and no digit glued to a
            // name ("F16", "2Kyiv") unless the alias itself ends in punctuation ("U.S.").
            if (start > 0 && CHAR_CLASS[f[start - 1]] != 0) {
                return;
            }
            if (end < f.length) {
                byte after = CHAR_CLASS[f[end]];
                if ((after & ALPHABETIC) != 0
                        || (after & LETTER_OR_DIGIT) != 0 && (CHAR_CLASS[f[end - 1]] & LETTER_OR_DIGIT) != 0) {
                    return;
                }
            }
            judge(start, end, key);
        }

        /**
          * The readings of a whole-word hit that its case and context allow. Kept apart from {@link #hit} so that hit,
          * called for every hit of the automaton, stays small enough for the JIT to inline into the automaton's loop.
          */
        private void judge(int start, int end, Key key) {
            List<AliasRef> refs = key.refs;
            int n = refs.size();
            if (n == 0) {
                // A blocker phrase: it claims its span so that no alias inside it survives.
                candidates.add(new Candidate(start, end, null));
                return;
            }
            int longerNameEnd = endOfLongerName(text, end);
            long allowed = 0; // bit i: reading i passes; readings beyond 64 are handled by the slow path
            List<AliasRef> slow = n > 64 ? new ArrayList<>() : null;
            int allowedCount = 0;
            for (int i = 0; i < n; i++) {
                if (caseCompatible(key.capitals[i], text, start) && !(key.month[i] && isMonthUse(start, end))
                        && !(longerNameEnd > 0 && key.placeOrSurname[i])) {
                    allowedCount++;
                    if (slow != null) {
                        slow.add(refs.get(i));
                    } else {
                        allowed |= 1L << i;
                    }
                }
            }
            if (allowedCount == 0) {
                if (longerNameEnd > 0) {
                    // Claim "Washington State Department" whole so "State Department" inside cannot match either.
                    candidates.add(new Candidate(start, longerNameEnd, null));
                }
                return;
            }
            List<AliasRef> kept;
            if (allowedCount == n) {
                kept = refs;
            } else if (slow != null) {
                kept = List.copyOf(slow);
            } else {
                AliasRef[] some = new AliasRef[allowedCount];
                for (int i = 0, k = 0; i < n; i++) {
                    if ((allowed & (1L << i)) != 0) {
                        some[k++] = refs.get(i);
                    }
                }
                kept = List.of(some);
            }
            candidates.add(new Candidate(start, end, kept));
        }

        /** Every capital of the alias is a capital in the text (checked on the original chars: unifying never
          * changes case). */
        private static boolean caseCompatible(int[] capitals, String text, int start) {
            for (int p : capitals) {
                if (!Character.isUpperCase(text.charAt(start + p))) {
                    return false;
                }
            }
            return true;
        }

        /** "May" the month must not become Theresa May: a month word next to a number or a time preposition. */
        private boolean isMonthUse(int start, int end) {
            if (foldedString == null) {
                foldedString = new String(folded);
            }
            String next = Tokens.wordAfter(foldedString, end);
            String prev = Tokens.wordBefore(foldedString, start);
            return startsWithDigit(next) || startsWithDigit(prev) || MONTH_LEAD_INS.contains(prev);
        }

        List<Match> resolve() {
            int n = candidates.size();
            if (n == 0) {
                return List.of();
            }
            Candidate[] sorted = candidates.toArray(new Candidate[n]);
            if (n > 1) {
                Arrays.sort(sorted, RESOLUTION_ORDER);
            }
            BitSet taken = new BitSet(text.length());
            int keptCount = 0;
            for (int i = 0; i < n; i++) {
                Candidate c = sorted[i];
                int firstTaken = taken.nextSetBit(c.start);
                if (firstTaken < 0 || firstTaken >= c.end) {
                    taken.set(c.start, c.end);
                    if (c.refs != null) {
                        sorted[keptCount++] = c;
                    }
                }
            }
            if (keptCount > 1) {
                // Kept spans do not overlap, so ordering by start is total.
                Arrays.sort(sorted, 0, keptCount, Comparator.comparingInt(Candidate::start));
            }
            Match[] out = new Match[keptCount];
            for (int i = 0; i < keptCount; i++) {
                Candidate c = sorted[i];
                out[i] = new Match(c.start, c.end, text.substring(c.start, c.end), c.refs);
            }
            return Arrays.asList(out);
        }
    }

    /**
      * End of the name-head word when a capitalised head follows directly ("Lebanon Valley" but not "Lebanon
      * valley", "Lebanon, Pennsylvania" or "Lebanon's"), or -1. Reads the original text through
      * {@link TextNormalizer#unify}, exactly as {@link Tokens#wordAfter} reads the unified text.
      */
    private static int endOfLongerName(String text, int end) {
        int n = text.length();
        if (end + 1 >= n || TextNormalizer.unify(text.charAt(end)) != ' '
                || !Character.isUpperCase(text.charAt(end + 1))) {
            return -1;
        }
        // Only a window of the text is unified: a word filling the whole window is too long to be a head.
        String window = TextNormalizer.unifyPunctuation(text.subSequence(end, Math.min(n, end + 1 + MAX_HEAD)));
        String next = Tokens.wordAfter(window, 0);
        if (next.length() >= MAX_HEAD) {
            return -1; // longer than any name head, so not one ("'s" included)
        }
        String head = next.endsWith("'s") ? next.substring(0, next.length() - 2) : next;
        return NAME_HEADS.contains(head.toLowerCase(Locale.ROOT)) ? end + 1 + head.length() : -1;
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

    private static boolean startsWithDigit(String word) {
        return !word.isEmpty() && Character.isDigit(word.charAt(0));
    }
}
