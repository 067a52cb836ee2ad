package io.newsflow.platform.ninjs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Constants of the IPTC ninjs dialect Newsflow speaks, and the URIs Newsflow mints for its own ids.
 *
 * <p>ninjs requires {@code uri} to be a URI, but Newsflow story ids are slugs such as
 * {@code uledger-2024-10-21-opinion-kursk}. {@link #storyUri(String)} wraps such an id in a
 * <a href="https://www.rfc-editor.org/rfc/rfc4151">tag URI</a> and {@link #storyId(String)} unwraps it, so
 * the id survives a trip through ninjs unchanged. Ids that already are absolute URIs are used as they are.
 */
public final class Ninjs {

    /** The ninjs version {@link NinjsWriter} produces. */
    public static final String VERSION = "2.1";
    /** The {@code $id} of the IPTC ninjs 2.1 JSON schema, written to {@code standard.schema}. */
    public static final String SCHEMA_2_1 = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#";
    /** Prefix of the story URIs Newsflow mints for ids that are not URIs themselves. */
    public static final String STORY_URI_PREFIX = "tag:newsflow.io,2024:story:";
    /** Prefix of the URIs of linked entities; the entity id ({@code person:lloyd-austin}) follows. */
    public static final String ENTITY_URI_PREFIX = "tag:newsflow.io,2024:entity:";
    /** Prefix of the URIs of topic tags. */
    public static final String TOPIC_URI_PREFIX = "tag:newsflow.io,2024:topic:";

    private Ninjs() {
    }

    /** The ninjs {@code uri} for a Newsflow story id. */
    public static String storyUri(String storyId) {
        return isAbsoluteUri(storyId) ? storyId : STORY_URI_PREFIX + encode(storyId);
    }

    /** The Newsflow story id for a ninjs {@code uri}: Newsflow's own story URIs are unwrapped, others kept. */
    public static String storyId(String uri) {
        if (uri.startsWith(STORY_URI_PREFIX) && uri.length() > STORY_URI_PREFIX.length()) {
            return decode(uri.substring(STORY_URI_PREFIX.length()));
        }
        return uri;
    }

    /** A stable URI for a Newsflow entity id such as {@code place:kursk-oblast}. */
    public static String entityUri(String entityId) {
        return ENTITY_URI_PREFIX + encode(entityId);
    }

    /** A stable URI for a Newsflow topic tag such as {@code ukraine war}. */
    public static String topicUri(String tag) {
        return TOPIC_URI_PREFIX + encode(tag);
    }

    /** Whether the text is an absolute URI: a scheme, a colon and something after it, no whitespace. */
    static boolean isAbsoluteUri(String text) {
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1 || !isAsciiLetter(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = text.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        for (int i = colon + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7F || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters and ':' (UTF-8). */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** Reverses {@link #encode(String)}; malformed escapes are kept literally. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length()
                && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] raw = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
