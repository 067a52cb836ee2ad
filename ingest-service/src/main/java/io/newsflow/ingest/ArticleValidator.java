package io.newsflow.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.newsflow.ingest.editorial.StoryDraft;
import io.newsflow.ingest.http.ArticleSubmission;
import io.newsflow.platform.http.Problem.FieldError;
import io.newsflow.schemas.ArticlePublished;
import io.newsflow.schemas.PubStatus;

/**
 * Turns a submission into an {@link ArticlePublished} or into the full list of what is wrong with it.
 * Rules follow IPTC ninjs: urgency 1 (flash) to 9, versions from 1, a BCP 47 language tag, instants
 * with an explicit UTC offset.
 */
public final class ArticleValidator {

    static final int MAX_HEADLINE_CHARS = 1_000;
    static final int MAX_BODY_CHARS = 200_000;
    static final int MAX_SHORT_FIELD_CHARS = 200;
    static final int MAX_LABELS = 10;
    static final int MAX_LABEL_CHARS = 40;
    private static final Pattern STORY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
    /** The highest version a story can be given; the ledger numbers on from it without overflowing. */
    static final int MAX_VERSION = 999_999_999;
    private static final Pattern BCP47 = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    // C0 controls other than tab, line feed and carriage return never belong in news text.
    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    /** Only the body has paragraphs; a line break in a headline or a source would split a log line or a header. */
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u2028\\u2029\\u0085]");
    private static final String MULTILINE_FIELD = "body";

    private static final Instant EARLIEST_PLAUSIBLE = Instant.parse("1900-01-01T00:00:00Z");
    /** ISO 639 languages the JDK knows, two- and three-letter. */
    private static final Set<String> KNOWN_LANGUAGES = knownLanguages();

    private final Clock clock;

    public ArticleValidator(Clock clock) {
        this.clock = clock;
    }

    /** The validated content plus what the editor asked for: a version, a re-top, a kill. */
    public StoryDraft draft(ArticleSubmission submission) throws InvalidArticleException {
        ArticlePublished content = validate(submission);
        return new StoryDraft(content, submission.version(), Boolean.TRUE.equals(submission.reTop()),
            content.getPubStatus() == PubStatus.canceled);
    }

    /**
     * The validated content as an {@code ArticlePublished}, or an exception listing every invalid field. Its
     * version is the requested one or 1; the ledger settles the real one.
     */
    public ArticlePublished validate(ArticleSubmission submission) throws InvalidArticleException {
        List<FieldError> errors = new ArrayList<>();

        String id = submission.id() == null ? UUID.randomUUID().toString() : submission.id().trim();
        if (!STORY_ID.matcher(id).matches()) {
            errors.add(new FieldError("id", "must be 1-200 characters of letters, digits and . _ : - starting with a letter or digit"));
        }
        int version = submission.version() == null ? 1 : submission.version();
        if (version < 1) {
            errors.add(new FieldError("version", "must be 1 or more"));
        } else if (version > MAX_VERSION) {
            // As ninjs caps it (nine digits); near Integer.MAX_VALUE the next version would overflow.
            errors.add(new FieldError("version", "must be at most " + MAX_VERSION));
        }
        String source = requiredText(errors, "source", submission.source(), MAX_SHORT_FIELD_CHARS);
        String language = requiredText(errors, "language", submission.language(), 35);
        if (language != null && !isLanguageTag(language)) {
            errors.add(new FieldError("language", "must be a BCP 47 language tag such as en or uk-UA"));
        }
        String headline = requiredText(errors, "headline", submission.headline(), MAX_HEADLINE_CHARS);
        String body = requiredText(errors, "body", submission.body(), MAX_BODY_CHARS);
        String byline = optionalText(errors, "byline", submission.byline(), MAX_SHORT_FIELD_CHARS);
        List<String> labels = labels(errors, submission.labels());
        int urgency = submission.urgency() == null ? 5 : submission.urgency();
        if (urgency < 1 || urgency > 9) {
            errors.add(new FieldError("urgency", "must be between 1 (flash) and 9"));
        }
        Instant publishedAt = instant(errors, "publishedAt", submission.publishedAt(), true);
        Instant embargoUntil = instant(errors, "embargoUntil", submission.embargoUntil(), false);
        checkPlausible(errors, publishedAt, embargoUntil);
        PubStatus pubStatus = pubStatus(errors, submission.pubStatus());
        String editorNote = optionalText(errors, "editorNote", submission.editorNote(), MAX_SHORT_FIELD_CHARS * 5);

        if (!errors.isEmpty()) {
            throw new InvalidArticleException(errors);
        }
        return ArticlePublished.newBuilder()
            .setId(id)
            .setVersion(version)
            .setSource(source)
            .setLanguage(Locale.forLanguageTag(language).toLanguageTag())
            .setHeadline(headline)
            .setBody(body)
            .setByline(byline)
            .setLabels(labels)
            .setUrgency(urgency)
            .setPubStatus(pubStatus)
            .setEmbargoUntil(embargoUntil)
            .setEditorNote(editorNote)
            .setPublishedAt(publishedAt)
            .setIngestedAt(clock.instant())
            .build();
    }

    private static String requiredText(List<FieldError> errors, String field, String value, int maxChars) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        return optionalText(errors, field, value, maxChars);
    }

    private static String optionalText(List<FieldError> errors, String field, String value, int maxChars) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxChars) {
            errors.add(new FieldError(field, "must be at most " + maxChars + " characters, was " + trimmed.length()));
        }
        if (CONTROL_CHARACTERS.matcher(trimmed).find()) {
            errors.add(new FieldError(field, "must not contain control characters"));
        } else if (!field.equals(MULTILINE_FIELD) && LINE_BREAKS.matcher(trimmed).find()) {
            errors.add(new FieldError(field, "must be a single line"));
        }
        return trimmed;
    }

    private static List<String> labels(List<FieldError> errors, List<String> labels) {
        if (labels == null) {
            return List.of();
        }
        if (labels.size() > MAX_LABELS) {
            errors.add(new FieldError("labels", "at most " + MAX_LABELS + " labels are allowed"));
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label == null || label.isBlank()) {
                errors.add(new FieldError("labels/" + i, "must not be empty"));
                continue;
            }
            String trimmed = optionalText(errors, "labels/" + i, label, MAX_LABEL_CHARS);
            distinct.add(trimmed);
        }
        return List.copyOf(distinct);
    }

    private Instant instant(List<FieldError> errors, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required, as ISO-8601 with a UTC offset, e.g. 2024-10-21T17:56:00+03:00"));
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be ISO-8601 with a UTC offset, e.g. 2024-10-21T17:56:00+03:00; got '" + value + "'"));
            return null;
        }
    }

    /**
     * A well-formed BCP 47 tag whose language is real: a two-letter code must be ISO 639-1 (so "qq" is refused as
     * a typo), while any three-letter code is taken, since the JDK knows only the three-letter forms of the
     * two-letter languages and ISO 639-3 ("fil", "yue", "ckb") and the special codes ("und", "mul") are valid too.
     */
    private static boolean isLanguageTag(String tag) {
        if (!BCP47.matcher(tag).matches()) {
            return false;
        }
        try {
            new Locale.Builder().setLanguageTag(tag);
        } catch (java.util.IllformedLocaleException e) {
            return false;
        }
        String language = tag.split("-")[0].toLowerCase(Locale.ROOT);
        return language.length() == 3 || KNOWN_LANGUAGES.contains(Locale.forLanguageTag(tag).getLanguage());
    }

    /** A date no newsroom could mean: before 1900, or more than a day ahead without an embargo that covers it. */
    private void checkPlausible(List<FieldError> errors, Instant publishedAt, Instant embargoUntil) {
        if (publishedAt == null) {
            return;
        }
        if (publishedAt.isBefore(EARLIEST_PLAUSIBLE)) {
            errors.add(new FieldError("publishedAt", "is before 1900; check the year"));
        }
        Instant latest = clock.instant().plus(Duration.ofDays(1));
        if (publishedAt.isAfter(latest) && (embargoUntil == null || publishedAt.isAfter(embargoUntil.plus(Duration.ofDays(1))))) {
            errors.add(new FieldError("publishedAt", "is more than a day in the future; set embargoUntil to hold a story back"));
        }
    }

    private static PubStatus pubStatus(List<FieldError> errors, String value) {
        if (value == null || value.isBlank()) {
            return PubStatus.usable;
        }
        try {
            return PubStatus.valueOf(value.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("pubStatus", "must be usable, withheld or canceled"));
            return PubStatus.usable;
        }
    }

    private static Set<String> knownLanguages() {
        Set<String> codes = new java.util.HashSet<>(Set.of(Locale.getISOLanguages()));
        for (String code : Locale.getISOLanguages()) {
            try {
                codes.add(Locale.forLanguageTag(code).getISO3Language());
            } catch (java.util.MissingResourceException e) {
                // a code without a three-letter form is still known by its two letters
            }
        }
        return Set.copyOf(codes);
    }

    /** A submission with one or more invalid fields. */
    public static final class InvalidArticleException extends Exception {
        private final List<FieldError> errors;

        InvalidArticleException(List<FieldError> errors) {
            super(errors.get(0).field() + " " + errors.get(0).message());
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }
}
