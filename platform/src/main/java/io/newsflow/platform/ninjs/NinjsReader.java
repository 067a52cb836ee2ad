package io.newsflow.platform.ninjs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.platform.http.Problem.FieldError;
import io.newsflow.schemas.PubStatus;

/**
 * Reads an IPTC ninjs document (2.0/2.1 and later 2.x; 1.x shapes tolerated) into a {@link NinjsStory}.
 *
 * <p>Properties Newsflow does not use are ignored, as ninjs is extensible. A document that has neither
 * {@code uri} nor {@code headlines}/{@code headline} is not taken for ninjs at all, and one declaring ninjs 3
 * or later (camelCase property names) is refused. Everything else wrong with a document is reported together
 * in one {@link NinjsException}, each problem named by a JSON pointer.
 *
 * <p>Field rules, 2.x property first and the 1.x fallback after it:
 * <ul>
 * <li>id: {@code uri} (required by ninjs; {@code altids} are not used). See {@link Ninjs#storyId(String)}.</li>
 * <li>version: {@code version}, a string of digits ≥ 1 (an integral JSON number is tolerated); 1 if absent.</li>
 * <li>source: the first {@code infosources[]} (1.x {@code infosource}) entry with a {@code name} (else
 *     {@code literal}), else {@code copyrightholder}, else the reader's default source, else an error.
 *     {@code by} is not used: it names the author, not the site or wire.</li>
 * <li>language: {@code language}, required, a BCP 47 tag.</li>
 * <li>headline: the {@code headlines[]} entry with role {@code main}, else the first with a non-blank value;
 *     1.x {@code headline}. HTML headlines ({@code contenttype} text/html or xhtml) are reduced to text.</li>
 * <li>body: among {@code bodies[]} entries with role {@code main} or no role (else any role), the first
 *     text/plain one (a body without {@code contenttype} counts as plain), else the first text/html or
 *     application/xhtml+xml one converted by {@link HtmlText}. 1.x: {@code body_text}, else
 *     {@code body_html}/{@code body_xhtml}. Required.</li>
 * <li>byline: {@code by}; tolerated variants {@code bylines[]} (strings or objects with {@code byline} or
 *     {@code name}, joined with ", ") and 1.x {@code byline}.</li>
 * <li>labels: ninjs has no labels; each {@code genres[]} (1.x {@code genre}) entry gives one: its
 *     {@code name}, else {@code literal}, else the last segment of its {@code uri}
 *     ({@code http://cv.iptc.org/newscodes/genre/Opinion} gives {@code Opinion}). Trimmed, distinct.</li>
 * <li>urgency: {@code urgency}, an integer 1–9; 5 if absent.</li>
 * <li>pubStatus: {@code pubstatus} usable/withheld/canceled (case-insensitive, "cancelled" accepted);
 *     usable if absent.</li>
 * <li>embargoUntil: {@code embargoed}; publishedAt: {@code versioncreated}, else {@code firstcreated}. Both
 *     RFC 3339 date-times that must carry a UTC offset.</li>
 * </ul>
 * Thread-safe.
 */
public final class NinjsReader {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern VERSION_TEXT = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?(?:\\.[0-9]+)*");
    private static final Pattern SCHEMA_VERSION = Pattern.compile("ninjs-schema_([0-9]+)(?:\\.([0-9]+))?");
    private static final Pattern BCP47 = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final Set<String> ACCEPTED_TYPES = Set.of("text", "composite");
    private static final Map<String, PubStatus> PUB_STATUSES = Map.of(
        "usable", PubStatus.usable, "withheld", PubStatus.withheld,
        "canceled", PubStatus.canceled, "cancelled", PubStatus.canceled);
    private static final int DEFAULT_URGENCY = 5;

    private final String defaultSource;

    /** A reader that requires every document to name its source. */
    public NinjsReader() {
        this(null);
    }

    /**
     * @param defaultSource the source to use when a document names none (e.g. the authenticated feed
     *                      posting it); {@code null} to require one
     */
    public NinjsReader(String defaultSource) {
        this.defaultSource = defaultSource == null || defaultSource.isBlank() ? null : defaultSource.strip();
    }

    /** The story in {@code document}, or an exception listing every problem that keeps Newsflow from taking it. */
    public NinjsStory read(JsonNode document) throws NinjsException {
        if (document == null || !document.isObject()) {
            throw new NinjsException(List.of(new FieldError("", "must be a JSON object (a ninjs document)")));
        }
        if (!document.has("uri") && !document.has("headlines") && !document.has("headline")) {
            throw new NinjsException(List.of(new FieldError("",
                "not a ninjs document: it has neither 'uri' nor 'headlines'")));
        }
        List<FieldError> errors = new ArrayList<>();
        String ninjsVersion = ninjsVersion(document, errors);
        if (!errors.isEmpty()) {
            throw new NinjsException(errors); // another major version: field-by-field errors would mislead
        }
        checkType(document, errors);

        String uri = uri(document, errors);
        Integer version = version(document, errors);
        String source = source(document, errors);
        String language = language(document, errors);
        String headline = headline(document, errors);
        String body = body(document, errors);
        String byline = byline(document, errors);
        List<String> labels = labels(document, errors);
        int urgency = urgency(document, errors);
        PubStatus pubStatus = pubStatus(document, errors);
        Instant embargoUntil = dateTime(document, "embargoed", errors);
        Instant publishedAt = publishedAt(document, errors);

        if (!errors.isEmpty()) {
            throw new NinjsException(errors);
        }
        return new NinjsStory(Ninjs.storyId(uri), version, source, language, headline, body, byline, labels,
            urgency, pubStatus, embargoUntil, publishedAt, ninjsVersion);
    }

    // --- version detection -------------------------------------------------------------------------------

    /** The declared version ("2.1"), else the major version the document's shape suggests ("2" or "1"). */
    private static String ninjsVersion(JsonNode document, List<FieldError> errors) {
        String[][] candidates = {
            {"/standard/version", text(document.path("standard").path("version")), "version"},
            {"/standard/schema", text(document.path("standard").path("schema")), "schema"},
            {"/$standard/version", text(document.path("$standard").path("version")), "version"},
            {"/$standard/schema", text(document.path("$standard").path("schema")), "schema"},
            {"/$schema", text(document.path("$schema")), "schema"},
            {"/profile", text(document.path("profile")), "schema"},
        };
        for (String[] candidate : candidates) {
            String declared = candidate[1];
            if (declared == null) {
                continue;
            }
            Matcher matcher = candidate[2].equals("version")
                ? VERSION_TEXT.matcher(declared.strip()) : SCHEMA_VERSION.matcher(declared);
            boolean found = candidate[2].equals("version") ? matcher.matches() : matcher.find();
            if (!found) {
                continue; // e.g. a provider profile such as "text-only", or a non-IPTC schema
            }
            String major = matcher.group(1);
            String version = matcher.group(2) == null ? major : major + "." + matcher.group(2);
            if (!major.equals("1") && !major.equals("2")) {
                errors.add(new FieldError(candidate[0], "ninjs " + version
                    + " is not supported; send ninjs 2.x (2.0 or 2.1; 1.x is tolerated)"));
            }
            return version;
        }
        boolean twoShaped = document.has("headlines") || document.has("bodies") || document.has("infosources");
        boolean oneShaped = document.has("headline") || document.has("body_text") || document.has("body_html")
            || document.has("body_xhtml") || document.has("byline");
        return oneShaped && !twoShaped ? "1" : "2";
    }

    private static void checkType(JsonNode document, List<FieldError> errors) {
        JsonNode type = document.get("type");
        if (type == null || type.isNull()) {
            return;
        }
        if (!type.isTextual()) {
            errors.add(new FieldError("/type", "must be a string"));
        } else if (!ACCEPTED_TYPES.contains(type.asText())) {
            errors.add(new FieldError("/type", "must be 'text' (or 'composite'): Newsflow takes text stories, not '"
                + type.asText() + "'"));
        }
    }

    // --- fields ----------------------------------------------------------------------------------------------

    private static String uri(JsonNode document, List<FieldError> errors) {
        JsonNode uri = document.get("uri");
        if (uri == null || uri.isNull()) {
            errors.add(new FieldError("/uri", "is required: the story's identifier"));
            return null;
        }
        if (!uri.isTextual() || uri.asText().isBlank()) {
            errors.add(new FieldError("/uri", "must be a non-empty string"));
            return null;
        }
        String value = uri.asText().strip();
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            errors.add(new FieldError("/uri", "must not contain whitespace or control characters"));
            return null;
        }
        if (value.length() > 1000) {
            errors.add(new FieldError("/uri", "must be at most 1000 characters"));
            return null;
        }
        return value;
    }

    /** The document's version, or null when it has none: ninjs makes it optional. */
    private static Integer version(JsonNode document, List<FieldError> errors) {
        JsonNode version = document.get("version");
        if (version == null || version.isNull()) {
            return null;
        }
        String text;
        if (version.isTextual()) {
            text = version.asText().strip();
        } else if (version.isIntegralNumber()) {
            text = version.asText();
        } else {
            errors.add(new FieldError("/version", "must be a string of digits such as \"3\""));
            return 1;
        }
        if (!DIGITS.matcher(text).matches()) {
            errors.add(new FieldError("/version", "must be a whole number of 1 or more, such as \"3\"; got \""
                + abbreviate(text) + "\""));
            return 1;
        }
        String significant = text.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 9) {
            errors.add(new FieldError("/version", "is too large: " + abbreviate(text)));
            return 1;
        }
        int value = Integer.parseInt(significant);
        if (value < 1) {
            errors.add(new FieldError("/version", "must be 1 or more"));
            return 1;
        }
        return value;
    }

    private String source(JsonNode document, List<FieldError> errors) {
        for (String field : List.of("infosources", "infosource")) {
            JsonNode sources = document.get(field);
            if (sources == null || sources.isNull()) {
                continue;
            }
            // 1.x producers sometimes send a single object; ninjs 1.5+ and 2.x define an array
            Iterator<JsonNode> entries = sources.isArray() ? sources.elements()
                : sources.isObject() ? List.of(sources).iterator() : null;
            if (entries == null) {
                errors.add(new FieldError("/" + field, "must be an array of {name, role?, uri?, literal?}"));
                return null;
            }
            while (entries.hasNext()) {
                JsonNode entry = entries.next();
                String name = firstNonBlank(text(entry.path("name")), text(entry.path("literal")));
                if (name != null) {
                    return name.strip();
                }
            }
        }
        String holder = text(document.path("copyrightholder"));
        if (holder != null && !holder.isBlank()) {
            return holder.strip();
        }
        if (defaultSource != null) {
            return defaultSource;
        }
        errors.add(new FieldError("/infosources",
            "no source: give infosources[0].name (the site or wire) or copyrightholder"));
        return null;
    }

    private static String language(JsonNode document, List<FieldError> errors) {
        JsonNode language = document.get("language");
        if (language == null || language.isNull()) {
            errors.add(new FieldError("/language", "is required: a BCP 47 language tag such as en or uk-UA"));
            return null;
        }
        String tag = language.isTextual() ? language.asText().strip() : "";
        if (tag.length() > 35 || !BCP47.matcher(tag).matches()) {
            errors.add(new FieldError("/language", "must be a BCP 47 language tag such as en or uk-UA"));
            return null;
        }
        String normalised = Locale.forLanguageTag(tag).toLanguageTag();
        if (normalised.equals("und")) {
            errors.add(new FieldError("/language", "must be a BCP 47 language tag such as en or uk-UA; got \""
                + abbreviate(tag) + "\""));
            return null;
        }
        return normalised;
    }

    private static String headline(JsonNode document, List<FieldError> errors) {
        JsonNode headlines = document.get("headlines");
        if (headlines != null && !headlines.isNull()) {
            if (!headlines.isArray()) {
                errors.add(new FieldError("/headlines", "must be an array of {role?, contenttype?, value}"));
                return null;
            }
            List<Text> texts = texts(headlines, "/headlines", errors);
            Text chosen = texts.stream().filter(t -> "main".equalsIgnoreCase(t.role) && !t.value.isBlank())
                .findFirst()
                .orElseGet(() -> texts.stream().filter(t -> !t.value.isBlank()).findFirst().orElse(null));
            String headline = chosen == null ? "" : chosen.isHtml()
                ? HtmlText.toSingleLine(chosen.value) : HtmlText.collapseWhitespace(chosen.value);
            if (headline.isEmpty()) {
                errors.add(new FieldError("/headlines", "no headline with role 'main' or any value"));
                return null;
            }
            return headline;
        }
        JsonNode legacy = document.get("headline");
        if (legacy != null && !legacy.isNull()) {
            if (!legacy.isTextual()) {
                errors.add(new FieldError("/headline", "must be a string"));
                return null;
            }
            String headline = HtmlText.collapseWhitespace(legacy.asText());
            if (headline.isEmpty()) {
                errors.add(new FieldError("/headline", "must not be blank"));
                return null;
            }
            return headline;
        }
        errors.add(new FieldError("/headlines", "is required: give at least one headline with role 'main'"));
        return null;
    }

    private static String body(JsonNode document, List<FieldError> errors) {
        JsonNode bodies = document.get("bodies");
        if (bodies != null && !bodies.isNull()) {
            if (!bodies.isArray()) {
                errors.add(new FieldError("/bodies", "must be an array of {role?, contenttype?, value}"));
                return null;
            }
            List<Text> texts = texts(bodies, "/bodies", errors);
            List<Text> main = texts.stream().filter(t -> t.role == null || "main".equalsIgnoreCase(t.role)).toList();
            Text chosen = pickBody(main);
            if (chosen == null) {
                chosen = pickBody(texts);
            }
            String body = chosen == null ? "" : chosen.isHtml()
                ? HtmlText.toPlainText(chosen.value) : normalisePlainText(chosen.value);
            if (body.isEmpty()) {
                boolean readableType = texts.stream().anyMatch(t -> t.isPlain() || t.isHtml());
                errors.add(new FieldError("/bodies", readableType || texts.isEmpty()
                    ? "no body text: give a body with contenttype text/plain or text/html"
                    : "no body Newsflow can read: contenttype must be text/plain, text/html or application/xhtml+xml"));
                return null;
            }
            return body;
        }
        for (String field : List.of("body_text", "body_html", "body_xhtml")) {
            JsonNode legacy = document.get(field);
            if (legacy == null || legacy.isNull()) {
                continue;
            }
            if (!legacy.isTextual()) {
                errors.add(new FieldError("/" + field, "must be a string"));
                return null;
            }
            String body = field.equals("body_text")
                ? normalisePlainText(legacy.asText()) : HtmlText.toPlainText(legacy.asText());
            if (!body.isEmpty()) {
                return body;
            }
        }
        errors.add(new FieldError("/bodies", "is required: give a body with contenttype text/plain or text/html"));
        return null;
    }

    private static Text pickBody(List<Text> candidates) {
        return candidates.stream().filter(t -> t.isPlain() && !t.value.isBlank()).findFirst()
            .orElseGet(() -> candidates.stream().filter(t -> t.isHtml() && !t.value.isBlank()).findFirst().orElse(null));
    }

    private static String byline(JsonNode document, List<FieldError> errors) {
        JsonNode by = document.get("by");
        if (by != null && !by.isNull()) {
            if (!by.isTextual()) {
                errors.add(new FieldError("/by", "must be a string"));
                return null;
            }
            return blankToNull(HtmlText.collapseWhitespace(by.asText()));
        }
        JsonNode bylines = document.get("bylines");
        if (bylines != null && !bylines.isNull()) {
            if (!bylines.isArray()) {
                errors.add(new FieldError("/bylines", "must be an array"));
                return null;
            }
            List<String> names = new ArrayList<>();
            for (JsonNode entry : bylines) {
                String name = entry.isTextual() ? entry.asText()
                    : firstNonBlank(text(entry.path("byline")), text(entry.path("name")));
                if (name != null && !name.isBlank()) {
                    names.add(HtmlText.collapseWhitespace(name));
                }
            }
            return names.isEmpty() ? null : String.join(", ", names);
        }
        JsonNode legacy = document.get("byline");
        if (legacy != null && !legacy.isNull()) {
            if (!legacy.isTextual()) {
                errors.add(new FieldError("/byline", "must be a string"));
                return null;
            }
            return blankToNull(HtmlText.collapseWhitespace(legacy.asText()));
        }
        return null;
    }

    private static List<String> labels(JsonNode document, List<FieldError> errors) {
        String field = document.has("genres") ? "genres" : "genre";
        JsonNode genres = document.get(field);
        if (genres == null || genres.isNull()) {
            return List.of();
        }
        if (!genres.isArray()) {
            errors.add(new FieldError("/" + field, "must be an array of {name?, uri?, literal?}"));
            return List.of();
        }
        Set<String> labels = new LinkedHashSet<>();
        for (int i = 0; i < genres.size(); i++) {
            JsonNode genre = genres.get(i);
            if (!genre.isObject()) {
                errors.add(new FieldError("/" + field + "/" + i, "must be an object {name?, uri?, literal?}"));
                continue;
            }
            String label = firstNonBlank(text(genre.path("name")), text(genre.path("literal")),
                lastSegment(text(genre.path("uri"))));
            if (label != null) {
                labels.add(HtmlText.collapseWhitespace(label));
            }
        }
        return List.copyOf(labels);
    }

    private static int urgency(JsonNode document, List<FieldError> errors) {
        JsonNode urgency = document.get("urgency");
        if (urgency == null || urgency.isNull()) {
            return DEFAULT_URGENCY;
        }
        if (!urgency.isNumber() || !isWhole(urgency) || urgency.asDouble() < 1 || urgency.asDouble() > 9) {
            errors.add(new FieldError("/urgency", "must be a whole number from 1 (flash) to 9; got "
                + abbreviate(urgency.toString())));
            return DEFAULT_URGENCY;
        }
        return urgency.asInt();
    }

    private static boolean isWhole(JsonNode number) {
        return number.isIntegralNumber() || number.asDouble() == Math.rint(number.asDouble());
    }

    private static PubStatus pubStatus(JsonNode document, List<FieldError> errors) {
        JsonNode status = document.get("pubstatus");
        if (status == null || status.isNull()) {
            return PubStatus.usable;
        }
        PubStatus value = status.isTextual() ? PUB_STATUSES.get(status.asText().strip().toLowerCase(Locale.ROOT)) : null;
        if (value == null) {
            errors.add(new FieldError("/pubstatus", "must be one of usable, withheld, canceled; got "
                + abbreviate(status.toString())));
            return PubStatus.usable;
        }
        return value;
    }

    private static Instant publishedAt(JsonNode document, List<FieldError> errors) {
        boolean hasVersionCreated = document.hasNonNull("versioncreated");
        if (hasVersionCreated) {
            return dateTime(document, "versioncreated", errors);
        }
        if (document.hasNonNull("firstcreated")) {
            return dateTime(document, "firstcreated", errors);
        }
        errors.add(new FieldError("/versioncreated", "is required (or firstcreated): when this version was published"));
        return null;
    }

    private static Instant dateTime(JsonNode document, String field, List<FieldError> errors) {
        JsonNode node = document.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String pointer = "/" + field;
        if (!node.isTextual()) {
            errors.add(new FieldError(pointer, "must be a date-time string such as 2024-10-21T09:30:00Z"));
            return null;
        }
        String text = node.asText().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                LocalDateTime.parse(text);
                errors.add(new FieldError(pointer, "has no UTC offset: add Z or ±hh:mm, e.g. 2024-10-21T09:30:00Z"));
            } catch (DateTimeParseException notLocal) {
                errors.add(new FieldError(pointer, "must be an RFC 3339 date-time with offset such as "
                    + "2024-10-21T09:30:00+02:00; got \"" + abbreviate(text) + "\""));
            }
            return null;
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** One headlines/bodies entry. */
    private record Text(String role, String contentType, String value) {
        boolean isPlain() {
            return contentType == null || contentType.equals("text/plain");
        }

        boolean isHtml() {
            return contentType != null && (contentType.equals("text/html") || contentType.equals("application/xhtml+xml"));
        }
    }

    /** The entries of a headlines/bodies array; malformed entries are reported and left out. */
    private static List<Text> texts(JsonNode array, String pointer, List<FieldError> errors) {
        List<Text> texts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            if (!entry.isObject()) {
                errors.add(new FieldError(pointer + "/" + i, "must be an object {role?, contenttype?, value}"));
                continue;
            }
            JsonNode value = entry.get("value");
            if (value == null || !value.isTextual()) {
                errors.add(new FieldError(pointer + "/" + i + "/value", value == null ? "is required" : "must be a string"));
                continue;
            }
            String role = text(entry.path("role"));
            String contentType = text(entry.path("contenttype"));
            texts.add(new Text(blankToNull(role == null ? null : role.strip()), mediaType(contentType), value.asText()));
        }
        return texts;
    }

    /** "Text/HTML; charset=utf-8" gives "text/html"; null or blank gives null. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? null : type;
    }

    /** Unifies line ends, drops trailing spaces and runs of blank lines, trims the ends. */
    static String normalisePlainText(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n')
            .replaceAll("[ \\t\\u00A0]+\\n", "\n")
            .replaceAll("\\n{3,}", "\n\n")
            .strip();
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String lastSegment(String uri) {
        if (uri == null) {
            return null;
        }
        String trimmed = uri.strip().replaceAll("[/#]+$", "");
        int cut = Math.max(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')), trimmed.lastIndexOf('#'));
        return Ninjs.decode(trimmed.substring(cut + 1));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
