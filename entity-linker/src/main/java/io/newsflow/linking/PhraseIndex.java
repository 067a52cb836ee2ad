package io.newsflow.linking;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
  * The phrases the scorer and the topic tagger look for in a story (entity cues, names of places inside a region,
  * container names, office titles, topic keywords), found in the same automaton pass that finds the aliases
  * instead of one {@link Tokens#occurrences} scan per phrase and per candidate.
  *
  * <p>Phrases are registered while the linker is built ({@link Builder#phrase}). Their folded texts, the
  * "needles", become extra keys of every {@link AliasMatcher}, which reports their occurrences into a per-story
  * {@link Hits}. The occurrences kept are exactly those of {@link Tokens#occurrences} on the folded document
  * (headline, a newline, body): no letter or digit right before; none right after unless the phrase ends in a
  * char that is neither, or is a word prefix (written with a trailing {@code *}); overlapping occurrences all
  * count. Headline and body are scanned separately, so a phrase cannot span the break between them, which only a
  * phrase containing a line break could. Immutable and thread-safe once built.
  */
final class PhraseIndex {

    /** Needle id of a phrase that can never occur (it folds to nothing). */
    private static final int NO_NEEDLE = -1;
    private static final int[] NONE = new int[0];

    /**
      * A phrase as it was written, with what matching it needs.
      *
      * @param text the phrase as given (evidence texts quote it; its length is used for distances)
      * @param needle id of its folded text without the prefix marker; phrases that fold alike share it
      * @param prefix written with a trailing {@code *}: matches the start of a longer word too
      * @param capitals offsets of its capital letters, for rules that want them capitalised in the text as well
     * @param ordinal distinct for every phrase of the index, from 0, so per-story tables can key on it
      */
    record Phrase(String text, int needle, boolean prefix, int[] capitals, int ordinal) {}

    /** Collects phrases while the linker is built; one builder per index. */
    static final class Builder {
        private final Map<String, Integer> needles = new LinkedHashMap<>();
        private final Map<String, Phrase> phrases = new HashMap<>();

        /** The phrase for a text, registering its needle on first use. */
        Phrase phrase(String text) {
            return phrases.computeIfAbsent(text, this::newPhrase);
        }

        Phrase[] phrases(Iterable<String> texts) {
            java.util.List<Phrase> out = new java.util.ArrayList<>();
            texts.forEach(t -> out.add(phrase(t)));
            return out.toArray(Phrase[]::new);
        }

        private Phrase newPhrase(String text) {
            // The same folding and prefix rule as Tokens.occurrences(fold(text)).
            String folded = TextNormalizer.fold(text);
            boolean prefix = folded.endsWith("*");
            String needle = prefix ? folded.substring(0, folded.length() - 1) : folded;
            int id = needle.isEmpty() ? NO_NEEDLE : needles.computeIfAbsent(needle, k -> needles.size());
            String unified = TextNormalizer.unifyPunctuation(text);
            int[] capitals = new int[unified.length()];
            int count = 0;
            for (int i = 0; i < unified.length(); i++) {
                if (Character.isUpperCase(unified.charAt(i))) {
                    capitals[count++] = i;
                }
            }
            return new Phrase(text, id, prefix, Arrays.copyOf(capitals, count), phrases.size());
        }

        PhraseIndex build() {
            return new PhraseIndex(needles);
        }
    }

    /** Folded phrase text (without a prefix marker) to its id, in id order. */
    private final Map<String, Integer> needles;
    private final int[] needleLength;
    /** Per needle: its last char is a letter or digit, so a letter or digit right after it continues the word. */
    private final boolean[] endsInWordChar;

    private PhraseIndex(Map<String, Integer> needles) {
        int n = needles.size();
        needleLength = new int[n];
        endsInWordChar = new boolean[n];
        needles.forEach((needle, id) -> {
            needleLength[id] = needle.length();
            endsInWordChar[id] = Character.isLetterOrDigit(needle.charAt(needle.length() - 1));
        });
        this.needles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(needles));
    }

    /** The keys the alias automata add so that their pass finds the phrases too. */
    Map<String, Integer> needles() {
        return needles;
    }

    /** Length of the phrase's folded text without the prefix marker. */
    int needleLength(Phrase phrase) {
        return needleLength[phrase.needle()];
    }

    /** An empty collector for one story's phrase occurrences. */
    Hits newHits() {
        return new Hits((needleLength.length + 63) >>> 6);
    }

    /**
      * The phrase occurrences of one story, sorted by needle and then position so that the occurrences of one
      * phrase are a contiguous run found by binary search. Most phrases do not occur at all, which a bit per
      * needle answers before any search.
      */
    final class Hits {
        private final long[] present;
        /** needle << 32 | document offset << 1 | (1 when the char after the occurrence ends the word). */
        private long[] hits = new long[64];
        private int count;
        private boolean sorted = true;
        /** Per needle with hits, where its run is in the sorted hits: see {@link #sortAndIndex}. */
        private int[] runNeedles;
        private long[] runRanges;
        private int runMask;

        private Hits(int presentWords) {
            this.present = new long[presentWords];
        }

        /**
          * Records a raw automaton hit of a needle in one field's folded text, unless it starts inside a word.
          * The field's edges are word edges, as the newline between the fields is in the document.
          *
          * @param fieldOffset where the field starts in the document
          */
        void found(char[] field, int fieldOffset, int start, int end, int needle) {
            if (start > 0 && Character.isLetterOrDigit(field[start - 1])) {
                return;
            }
            boolean wordEnds = end >= field.length || !Character.isLetterOrDigit(field[end]) || !endsInWordChar[needle];
            if (count == hits.length) {
                hits = Arrays.copyOf(hits, count * 2);
            }
            hits[count++] = (long) needle << 32 | (long) (fieldOffset + start) << 1 | (wordEnds ? 1 : 0);
            present[needle >>> 6] |= 1L << needle;
            sorted = false;
        }

        /** False when the phrase's folded text occurs nowhere in the story, as a word or not; one bit test. */
        boolean mayOccur(Phrase phrase) {
            int needle = phrase.needle();
            return needle != NO_NEEDLE && (present[needle >>> 6] & 1L << needle) != 0;
        }

        /** {@link #mayOccur} by the phrase's needle id, for callers that keep the ids in an array. */
        boolean mayOccur(int needle) {
            return needle != NO_NEEDLE && (present[needle >>> 6] & 1L << needle) != 0;
        }

        /**
          * Sorts the hits and notes where each needle's run starts and ends, in an open-addressing table keyed by
          * needle: a story asks for the occurrences of dozens of needles, and a probe is cheaper than a binary
          * search over every hit.
          */
        private void sortAndIndex() {
            Arrays.sort(hits, 0, count);
            sorted = true;
            int size = Integer.highestOneBit(Math.max(8, count * 2) - 1) << 1;
            if (runNeedles == null || runNeedles.length < size) {
                runNeedles = new int[size];
                runRanges = new long[size];
            }
            Arrays.fill(runNeedles, 0, runNeedles.length, -1);
            runMask = runNeedles.length - 1;
            int from = 0;
            while (from < count) {
                int needle = (int) (hits[from] >>> 32);
                int to = from + 1;
                while (to < count && (int) (hits[to] >>> 32) == needle) {
                    to++;
                }
                int slot = spread(needle) & runMask;
                while (runNeedles[slot] != -1) {
                    slot = (slot + 1) & runMask;
                }
                runNeedles[slot] = needle;
                runRanges[slot] = (long) from << 32 | to;
                from = to;
            }
        }

        /** The needle's run in the sorted hits as {@code from << 32 | to}; an empty run when it has no hits. */
        private long runOf(int needle) {
            for (int slot = spread(needle) & runMask; runNeedles[slot] != -1; slot = (slot + 1) & runMask) {
                if (runNeedles[slot] == needle) {
                    return runRanges[slot];
                }
            }
            return 0;
        }

        private static int spread(int needle) {
            return needle * 0x9E3779B9 >>> 7;
        }

        /** Offsets in the scanned text where the phrase occurs as a whole word (or word prefix), ascending. */
        int[] occurrences(Phrase phrase) {
            if (!mayOccur(phrase)) {
                return NONE;
            }
            int needle = phrase.needle();
            if (!sorted) {
                sortAndIndex();
            }
            long range = runOf(needle);
            int i = (int) (range >>> 32);
            int end = (int) range;
            int[] out = new int[end - i];
            int n = 0;
            for (int k = i; k < end; k++) {
                long hit = hits[k];
                if (phrase.prefix() || (hit & 1) != 0) {
                    out[n++] = (int) (hit & 0xFFFF_FFFFL) >>> 1;
                }
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }
    }
}
