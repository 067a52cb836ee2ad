package io.newsflow.ingest.formats.rawpage;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The English words a page is built from: month and weekday names for the date lines, and the story labels
 * sites print above headlines. Kept apart from the parser so the word lists can grow without touching the
 * structure rules.
 */
final class PageVocabulary {

    // Labels seen on Ukrainian English-language sites. Anything else short and word-like is still accepted
    // as a label where the page structure says a label goes (see isLabelLike); this list only lets the parser
    // tell "a label and no headline" from "a headline".
    private static final Set<String> KNOWN_LABELS = Set.of(
        "exclusive", "opinion", "updated", "update", "review", "breaking", "breaking news", "analysis",
        "interview", "live", "video", "photo", "photos", "blog", "explainer", "column", "comment", "editorial",
        "feature", "sponsored", "promoted", "fact check", "important", "urgent", "press release", "longread",
        "podcast", "infographic", "partner content", "special project", "eyewitness", "investigation");

    private static final Pattern WORD_LIKE = Pattern.compile("\\p{Lu}[\\p{L}'-]*(?: [\\p{L}'-]+)?");

    private static final Map<String, Month> MONTHS = new HashMap<>();
    private static final Map<String, DayOfWeek> WEEKDAYS = new HashMap<>();

    static {
        for (Month m : Month.values()) {
            MONTHS.put(m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), m);
            MONTHS.put(m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), m);
        }
        MONTHS.put("sept", Month.SEPTEMBER);
        for (DayOfWeek d : DayOfWeek.values()) {
            WEEKDAYS.put(d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), d);
            WEEKDAYS.put(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), d);
        }
    }

    private PageVocabulary() {
    }

    static Optional<Month> month(String word) {
        return Optional.ofNullable(MONTHS.get(word.toLowerCase(Locale.ROOT)));
    }

    static Optional<DayOfWeek> weekday(String word) {
        return Optional.ofNullable(WEEKDAYS.get(word.toLowerCase(Locale.ROOT)));
    }

    /** A label sites are known to print, in any case ("OPINION", "Opinion"). */
    static boolean isKnownLabel(String line) {
        return KNOWN_LABELS.contains(line.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a line could be a label: a known one, or one or two capitalised words with no sentence
     * punctuation (headlines are longer than that, so this does not swallow them).
     */
    static boolean isLabelLike(String line) {
        String text = line.strip();
        return isKnownLabel(text) || (text.length() <= 24 && WORD_LIKE.matcher(text).matches());
    }
}
