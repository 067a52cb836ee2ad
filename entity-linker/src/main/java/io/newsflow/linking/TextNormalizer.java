package io.newsflow.linking;

/**
  * Length-preserving text folding shared by dictionary aliases and story text.
  *
  * <p>Every method maps one UTF-16 char to exactly one char, so an offset found in the folded text is also
  * the offset in the original text. That is why typographic apostrophes and dashes are replaced rather than
  * removed, and why case folding uses {@link Character#toLowerCase(char)} (which never changes length)
  * instead of {@link String#toLowerCase()}.
  */
final class TextNormalizer {

    private TextNormalizer() {}

    /** Unifies apostrophes, dashes and exotic spaces; keeps case. */
    static String unifyPunctuation(CharSequence text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = unify(text.charAt(i));
        }
        return new String(out);
    }

    /** {@link #unifyPunctuation} plus lower-casing; the key used for automaton lookups and cue search. */
    static String fold(CharSequence text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Character.toLowerCase(unify(text.charAt(i)));
        }
        return new String(out);
    }

    /** A char that can sit inside a word; anything else is a token boundary. */
    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    private static char unify(char c) {
        return switch (c) {
            case '\u2019', '\u2018', '\u02BC', '\u02BB', '\u00B4', '\u0060', '\u2032' -> '\'';
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> '-';
            case '\u00A0', '\u2007', '\u202F', '\u2009' -> ' ';
            default -> c;
        };
    }
}
