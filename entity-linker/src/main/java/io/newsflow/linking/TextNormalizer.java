package io.newsflow.linking;

/**
  * Length-preserving text folding shared by dictionary aliases and story text.
  *
  * <p>Every method maps one UTF-16 char to exactly one char, so an offset found in the folded text is also
  * the offset in the original text. That is why typographic apostrophes and dashes are replaced rather than
  * removed, and why case folding uses {@link Character#toLowerCase(char)} (which never changes length)
  * instead of {@link String#toLowerCase()}.
  *
  * <p>Folding runs on every story field several times per story, so the per-char work is a table look-up:
  * {@link #FOLD} holds {@code toLowerCase(unify(c))} for every char, computed once from the same definitions.
  */
final class TextNormalizer {

    /** {@code Character.toLowerCase(unify(c))} for every UTF-16 char (128 KiB, built once). */
    private static final char[] FOLD = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLD[c] = Character.toLowerCase(unify((char) c));
        }
    }

    private TextNormalizer() {}

    /** Unifies apostrophes, dashes and exotic spaces; keeps case. Returns a String input as is if nothing changes. */
    static String unifyPunctuation(CharSequence text) {
        int n = text.length();
        int i = 0;
        while (i < n && unify(text.charAt(i)) == text.charAt(i)) {
            i++;
        }
        if (i == n && text instanceof String s) {
            return s;
        }
        char[] out = new char[n];
        for (int j = 0; j < n; j++) {
            out[j] = unify(text.charAt(j));
        }
        return new String(out);
    }

    /** {@link #unifyPunctuation} plus lower-casing; the key used for automaton lookups and cue search. */
    static String fold(CharSequence text) {
        return new String(foldToChars(text));
    }

    /** {@link #fold} into a fresh array, for callers that scan chars and need no String. */
    static char[] foldToChars(CharSequence text) {
        int n = text.length();
        char[] out = new char[n];
        if (text instanceof String s) {
            s.getChars(0, n, out, 0);
            for (int i = 0; i < n; i++) {
                out[i] = FOLD[out[i]];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = FOLD[text.charAt(i)];
            }
        }
        return out;
    }

    /** One char of {@link #fold}. */
    static char fold(char c) {
        return FOLD[c];
    }

    /** A char that can sit inside a word; anything else is a token boundary. */
    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    /** One char of {@link #unifyPunctuation}. */
    static char unify(char c) {
        if (c < '\u00A0' && c != '\u0060') {
            return c; // ASCII and C1: nothing to unify except the grave accent
        }
        return switch (c) {
            case '\u2019', '\u2018', '\u02BC', '\u02BB', '\u00B4', '\u0060', '\u2032' -> '\'';
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> '-';
            case '\u00A0', '\u2007', '\u202F', '\u2009' -> ' ';
            default -> c;
        };
    }
}
