package io.newsflow.linking;

import java.time.Instant;
import java.util.Objects;

/**
  * The text of one news story as the linker sees it.
  *
  * @param headline headline text, may be empty but not null
  * @param body body text, paragraphs separated by blank lines, may be empty but not null
  * @param language ISO 639-1 code such as {@code en} or {@code uk}; a BCP 47 tag with a region or script
  *     ({@code uk-UA}, {@code en_GB}) is reduced to its language, since the dictionary's names are per language;
  *     null or blank is treated as {@code en}
  * @param publishedAt publication instant, used to check time-scoped roles; null disables role checks
  */
public record StoryText(String headline, String body, String language, Instant publishedAt) {
    public StoryText {
        headline = Objects.requireNonNullElse(headline, "");
        body = Objects.requireNonNullElse(body, "");
        language = language == null || language.isBlank() ? "en" : primaryLanguage(language);
    }

    private static String primaryLanguage(String tag) {
        String trimmed = tag.trim().toLowerCase(java.util.Locale.ROOT);
        int separator = trimmed.indexOf('-') >= 0 ? trimmed.indexOf('-') : trimmed.indexOf('_');
        return separator > 0 ? trimmed.substring(0, separator) : trimmed;
    }

    /** Returns the text of the given field. */
    public String text(TextField field) {
        return field == TextField.HEADLINE ? headline : body;
    }
}
