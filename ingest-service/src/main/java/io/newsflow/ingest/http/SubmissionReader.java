package io.newsflow.ingest.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.newsflow.ingest.formats.rawpage.ParsedPage;
import io.newsflow.ingest.formats.rawpage.RawPageException;
import io.newsflow.ingest.formats.rawpage.RawPageParser;
import io.newsflow.platform.http.Problem.FieldError;
import io.newsflow.platform.http.ProblemException;
import io.newsflow.platform.ninjs.NinjsException;
import io.newsflow.platform.ninjs.NinjsReader;
import io.newsflow.platform.ninjs.NinjsStory;

/**
 * Turns a request body in any of the formats Newsflow accepts into one {@link ArticleSubmission}, so every
 * format goes through the same validation: native JSON ({@code application/json}), IPTC ninjs
 * ({@code application/ninjs+json}, or JSON carrying a ninjs {@code $schema}) and a raw scraped page
 * ({@code text/plain}). Bytes must be valid UTF-8.
 */
public final class SubmissionReader {

    /** The formats a story can arrive in. */
    public enum Format { JSON, NINJS, RAW_PAGE }

    static final String NINJS_MEDIA_TYPE = "application/ninjs+json";

    private final ObjectMapper json;
    private final NinjsReader ninjs;
    private final RawPageParser pages;

    public SubmissionReader(ObjectMapper json, NinjsReader ninjs, RawPageParser pages) {
        this.json = strict(json);
        this.ninjs = ninjs;
        this.pages = pages;
    }

    /**
     * A 415 problem when the Content-Type declares a charset other than UTF-8: every body is read as UTF-8, and
     * reading EBCDIC or UTF-7 as if it were would publish garbage rather than refuse it.
     */
    public static void requireUtf8(String contentType) {
        if (contentType == null) {
            return;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String charset = pair[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    throw new ProblemException(415, "Unsupported Media Type",
                        "Bodies must be UTF-8; the Content-Type declares charset " + charset);
                }
            }
        }
    }

    /** The format a Content-Type names, or a 415 problem. */
    public static Format formatOf(String contentType) {
        requireUtf8(contentType);
        String media = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (media.equals(NINJS_MEDIA_TYPE)) {
            return Format.NINJS;
        }
        if (media.equals("application/json") || media.endsWith("+json")) {
            return Format.JSON;
        }
        if (media.equals("text/plain")) {
            return Format.RAW_PAGE;
        }
        throw new ProblemException(415, "Unsupported Media Type", "POST /articles takes application/json, "
            + NINJS_MEDIA_TYPE + " or text/plain (a raw scraped page); got " + (contentType == null ? "no Content-Type" : contentType));
    }

    public ArticleSubmission read(Format format, byte[] body) {
        String text = utf8(body);
        if (text.isBlank()) {
            throw ProblemException.badRequest("The request body is empty; send one story.");
        }
        return switch (format) {
            case RAW_PAGE -> fromPage(text);
            case NINJS -> fromNinjs(tree(text));
            case JSON -> {
                JsonNode tree = tree(text);
                yield looksLikeNinjs(tree) ? fromNinjs(tree) : fromNative(tree);
            }
        };
    }

    /**
     * A copy of the service's mapper that refuses what Jackson would otherwise coerce: {@code "headline": true} or
     * {@code 42} as text, {@code "version": 3.5} or {@code "2"} as a number. A story with a value of the wrong JSON
     * type is a client's mistake to report, not to guess at.
     */
    private static ObjectMapper strict(ObjectMapper shared) {
        ObjectMapper strict = shared.copy();
        strict.disable(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
        strict.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual)
            .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
            .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
            .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        return strict;
    }

    /** Strict UTF-8: a malformed byte is an error, never a silent U+FFFD in a published story. */
    static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("The request body is not valid UTF-8: " + e.getMessage());
        }
    }

    private JsonNode tree(String text) {
        try {
            JsonNode tree = json.readTree(text);
            if (tree == null || !tree.isObject()) {
                String kind = tree == null ? "empty" : tree.getNodeType().name().toLowerCase(Locale.ROOT);
                throw ProblemException.badRequest("The request body is a JSON " + kind + "; send the story as a JSON object.");
            }
            return tree;
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw ProblemException.badRequest("Malformed JSON" + (location == null ? "" :
                " at line " + location.getLineNr() + ", column " + location.getColumnNr()) + ": " + e.getOriginalMessage());
        }
    }

    private static boolean looksLikeNinjs(JsonNode tree) {
        return tree.path("$schema").asText("").contains("ninjs") || (tree.has("uri") && tree.has("headlines"));
    }

    private ArticleSubmission fromNative(JsonNode tree) {
        try {
            return json.treeToValue(tree, ArticleSubmission.class);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.unprocessable("Unknown field '" + e.getPropertyName() + "'. Known fields: "
                + String.join(", ", fieldNames()), List.of(new FieldError(e.getPropertyName(), "is not a known field")));
        } catch (MismatchedInputException e) {
            String field = pointer(e);
            throw ProblemException.unprocessable("Field '" + field + "' has the wrong JSON type",
                List.of(new FieldError(field, "has the wrong JSON type")));
        } catch (JsonMappingException e) {
            // A number too large for its field ("version": 3000000000) and the like: name the field, not our classes.
            String field = pointer(e);
            String what = e.getCause() instanceof InputCoercionException ? "is out of range" : "cannot be read";
            throw ProblemException.unprocessable("Field '" + field + "' " + what,
                List.of(new FieldError(field, what)));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("Could not read the story: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest("Could not read the story");
        }
    }

    private ArticleSubmission fromNinjs(JsonNode tree) {
        try {
            NinjsStory story = ninjs.read(tree);
            return new ArticleSubmission(story.id(), story.version(), story.source(), story.language(), story.headline(),
                story.body(), story.byline(), story.labels(), story.urgency(), story.publishedAt().toString(),
                story.embargoUntil() == null ? null : story.embargoUntil().toString(), story.pubStatus().name(), null, null);
        } catch (NinjsException e) {
            throw ProblemException.unprocessable("Not a ninjs story Newsflow can take: " + e.getMessage(), e.errors());
        }
    }

    private ArticleSubmission fromPage(String text) {
        try {
            ParsedPage page = pages.parse(text);
            return new ArticleSubmission(pageId(page), null, slug(page.site()), "en", page.headline(), page.body(), null,
                page.labels(), null, page.publishedAt().atZone(page.zone()).toOffsetDateTime().toString(), null, null, null, null);
        } catch (RawPageException e) {
            throw ProblemException.unprocessable("Could not read the page: " + e.getMessage(),
                List.of(new FieldError(e.lineNumber().isPresent() ? "line " + e.lineNumber().getAsInt() : "page", e.getMessage())));
        }
    }

    /** A page carries no id; the same page pushed twice gets the same one, so the push is idempotent. */
    static String pageId(ParsedPage page) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                (page.site() + "\n" + page.publishedLocal() + "\n" + page.headline()).getBytes(StandardCharsets.UTF_8));
            return slug(page.site()) + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String slug(String site) {
        String slug = site.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "unknown-site" : slug;
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return path.isEmpty() ? "(root)" : path.toString();
    }

    private static List<String> fieldNames() {
        return java.util.Arrays.stream(ArticleSubmission.class.getRecordComponents()).map(c -> c.getName()).toList();
    }
}
