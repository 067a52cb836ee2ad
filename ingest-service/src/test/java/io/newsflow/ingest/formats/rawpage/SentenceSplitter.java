package io.newsflow.ingest.formats.rawpage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A small sentence splitter for English news prose, used to compare a parsed body with the first and last
 * sentences in the gold data. It splits after '.', '!', '?' or '…' (plus any closing quotes or brackets)
 * when whitespace and a capital, digit or opening quote follow, except after a title or other common
 * abbreviation ("Gen.", "Mr."), an initial ("John F. Kennedy"), "No." before a number, or a dotted acronym
 * ("U.S.") unless the next word is a typical sentence opener ("The", "He", ...). Decimals ("5.5") never
 * split because no space follows the point.
 */
final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of(
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm", "cmdr", "sen",
        "rep", "gov", "pres", "st", "jr", "sr", "prof", "rev", "hon", "vs", "approx", "est", "dept", "univ",
        "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "fig", "vol", "ed", "cf", "al", "mt", "ft", "gens", "reps", "sens");
    // Words that start a new sentence after an acronym such as "U.S." far more often than they continue one.
    private static final Set<String> OPENERS = Set.of(
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "and", "this", "that", "these", "those",
        "there", "in", "on", "at", "his", "her", "its", "their", "our");
    private static final String CLOSERS = "\"'”’)]»";
    private static final String OPENERS_PUNCT = "\"'“‘([«";

    private SentenceSplitter() {
    }

    static List<String> split(String paragraph) {
        List<String> sentences = new ArrayList<>();
        String text = paragraph.strip();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '.' && c != '!' && c != '?' && c != '…') {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.length() && ".!?…".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            while (end < text.length() && CLOSERS.indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            int next = end;
            while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            if (next == text.length()) {
                break;
            }
            if (next > end && startsSentence(text, next) && !(c == '.' && isAbbreviation(text, start, i, next))) {
                sentences.add(text.substring(start, end).strip());
                start = next;
            }
            i = Math.max(end, i + 1);
        }
        if (start < text.length()) {
            sentences.add(text.substring(start).strip());
        }
        return sentences;
    }

    private static boolean startsSentence(String text, int at) {
        int k = at;
        while (k < text.length() && OPENERS_PUNCT.indexOf(text.charAt(k)) >= 0) {
            k++;
        }
        if (k == text.length()) {
            return false;
        }
        char first = text.charAt(k);
        return Character.isUpperCase(first) || Character.isDigit(first);
    }

    /** Whether the '.' at {@code dot} ends an abbreviation rather than the sentence. */
    private static boolean isAbbreviation(String text, int sentenceStart, int dot, int next) {
        int wordStart = dot;
        while (wordStart > sentenceStart && !Character.isWhitespace(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = text.substring(wordStart, dot);
        while (!word.isEmpty() && OPENERS_PUNCT.indexOf(word.charAt(0)) >= 0) {
            word = word.substring(1);
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (ABBREVIATIONS.contains(lower)) {
            return true;
        }
        if (lower.equals("no") || lower.equals("nos")) {
            return Character.isDigit(text.charAt(next));
        }
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return true; // an initial
        }
        if (word.matches("(?:\\p{L}\\.)+\\p{L}")) {
            return !OPENERS.contains(nextWord(text, next).toLowerCase(Locale.ROOT));
        }
        return false;
    }

    private static String nextWord(String text, int at) {
        int end = at;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(at, end);
    }
}
