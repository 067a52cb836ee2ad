package io.newsflow.linking;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
  * Tiny word-level look-around used by the context heuristics. Works on folded text and never crosses a
  * punctuation mark other than spaces, hyphens and apostrophes, so "the head of the Pentagon, Lloyd Austin"
  * does not make "Pentagon" the word before "Lloyd Austin". Abbreviated titles ("Gen.", "Sen.") are the
  * exception, since a title is exactly what the heuristics look for.
  */
final class Tokens {

    private static final Set<String> DOTTED_TITLES =
            Set.of("mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "maj", "adm", "sgt", "pres",
                    "prof", "capt", "cmdr");

    private Tokens() {}

    /** Bit 1: {@link #wordChar}; bit 2: {@link #softSeparator}; precomputed for the ASCII chars. */
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_CLASS[c] = (byte) ((wordCharSlow(c) ? 1 : 0) | (softSeparatorSlow(c) ? 2 : 0));
        }
    }

    private static boolean wordChar(char c) {
        return c < 128 ? (ASCII_CLASS[c] & 1) != 0 : wordCharSlow(c);
    }

    private static boolean softSeparator(char c) {
        return c < 128 ? (ASCII_CLASS[c] & 2) != 0 : softSeparatorSlow(c);
    }

    private static boolean wordCharSlow(char c) {
        return Character.isLetterOrDigit(c) || c == '\'';
    }

    private static boolean softSeparatorSlow(char c) {
        return Character.isWhitespace(c) && c != '\n' || c == '-';
    }

    /** Up to {@code max} words before {@code pos}, nearest first; empty when punctuation intervenes. */
    static List<String> wordsBefore(String folded, int pos, int max) {
        return wordsBefore(folded, pos, max, null);
    }

    /**
      * {@link #wordsBefore(String, int, int)} where only the words of {@code vocabulary} matter: those come back as
      * the vocabulary's own instances and every other word as {@link Vocabulary#OTHER}, with no String made.
      */
    static List<String> wordsBefore(String folded, int pos, int max, Vocabulary vocabulary) {
        List<String> words = new ArrayList<>(max);
        int i = pos;
        while (words.size() < max) {
            while (i > 0 && softSeparator(folded.charAt(i - 1))) {
                i--;
            }
            int end = i;
            boolean dotted = false;
            if (i > 0 && folded.charAt(i - 1) == '.') {
                dotted = true;
                i--;
                end = i;
            }
            while (i > 0 && wordChar(folded.charAt(i - 1))) {
                i--;
            }
            if (i == end) {
                break;
            }
            String word = word(folded, i, end, vocabulary);
            if (dotted && !DOTTED_TITLES.contains(word)) {
                break;
            }
            words.add(word);
        }
        return words;
    }

    /** Up to {@code max} words after {@code pos}; a possessive directly after the position is the word "'s". */
    static List<String> wordsAfter(String folded, int pos, int max) {
        return wordsAfter(folded, pos, max, null);
    }

    /** {@link #wordsAfter(String, int, int)} with the words outside {@code vocabulary} as {@link Vocabulary#OTHER}. */
    static List<String> wordsAfter(String folded, int pos, int max, Vocabulary vocabulary) {
        List<String> words = new ArrayList<>(max);
        int i = pos;
        while (words.size() < max) {
            while (i < folded.length() && softSeparator(folded.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < folded.length() && wordChar(folded.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            words.add(word(folded, start, i, vocabulary));
        }
        return words;
    }

    private static String word(String folded, int start, int end, Vocabulary vocabulary) {
        return vocabulary == null ? folded.substring(start, end) : vocabulary.lookup(folded, start, end);
    }

    /**
      * A fixed set of folded words, looked up by a span of text without copying it: an open-addressing table on
      * {@link String#hashCode}. Always holds the dotted titles, which {@link #wordsBefore} checks.
      */
    static final class Vocabulary {
        /** Stands for every word outside the vocabulary; equal to no word (no word contains U+0000). */
        static final String OTHER = "\u0000";

        private final String[] table;
        private final int mask;

        Vocabulary(java.util.Collection<String> words) {
            Set<String> all = new java.util.HashSet<>(words);
            all.addAll(DOTTED_TITLES);
            int size = Integer.highestOneBit(Math.max(4, all.size() * 4) - 1) << 1;
            table = new String[size];
            mask = size - 1;
            for (String word : all) {
                int slot = spread(word.hashCode()) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = word;
            }
        }

        String lookup(String text, int start, int end) {
            int hash = 0;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + text.charAt(i);
            }
            int length = end - start;
            for (int slot = spread(hash) & mask; table[slot] != null; slot = (slot + 1) & mask) {
                String word = table[slot];
                if (word.length() == length && text.regionMatches(start, word, 0, length)) {
                    return word;
                }
            }
            return OTHER;
        }

        private static int spread(int hash) {
            return hash ^ (hash >>> 16);
        }
    }

    static String wordBefore(String folded, int pos) {
        List<String> words = wordsBefore(folded, pos, 1);
        return words.isEmpty() ? "" : words.get(0);
    }

    static String wordAfter(String folded, int pos) {
        List<String> words = wordsAfter(folded, pos, 1);
        return words.isEmpty() ? "" : words.get(0);
    }

    /**
      * Offsets of whole-word occurrences of {@code phrase} (already folded) in {@code folded}. A phrase ending
      * in {@code *} matches as a word prefix ("drone*" finds "drones").
      */
    static List<Integer> occurrences(String folded, String phrase) {
        boolean prefix = phrase.endsWith("*");
        String needle = prefix ? phrase.substring(0, phrase.length() - 1) : phrase;
        List<Integer> hits = new ArrayList<>();
        if (needle.isEmpty()) {
            return hits;
        }
        for (int at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
            int end = at + needle.length();
            boolean left = at == 0 || !Character.isLetterOrDigit(folded.charAt(at - 1));
            boolean right = prefix || end >= folded.length() || !Character.isLetterOrDigit(folded.charAt(end))
                    || !Character.isLetterOrDigit(needle.charAt(needle.length() - 1));
            if (left && right) {
                hits.add(at);
            }
        }
        return hits;
    }
}
