package io.newsflow.platform.ninjs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the HTML of a ninjs body or headline into Newsflow's plain text: paragraphs separated by a blank line.
 *
 * <p>Deliberately small, with no HTML library: tags are dropped (attributes never reach the text), the content
 * of {@code script}, {@code style}, {@code head}, {@code template} and comments is dropped, block elements
 * ({@code p}, {@code div}, {@code h1}–{@code h6}, {@code li}, {@code blockquote}, ...) end a paragraph, a
 * single {@code <br>} becomes a line break inside the paragraph and two in a row a paragraph break. Whitespace
 * is collapsed outside {@code <pre>}. Character references are decoded (all numeric ones and the common named
 * ones; unknown names stay as written) only in text, so {@code &lt;p&gt;} comes out as the text {@code <p>}.
 * A {@code <} that does not start a tag is kept as text. Control characters other than tab and newline are
 * dropped. The result never contains markup the input did not spell out as text.
 */
final class HtmlText {

    private static final Set<String> BLOCK_TAGS = Set.of(
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "tfoot", "thead", "tr", "ul");
    private static final Set<String> CELL_TAGS = Set.of("td", "th");
    private static final Set<String> DROPPED_CONTENT_TAGS = Set.of(
        "script", "style", "head", "template", "noscript", "iframe", "object", "svg", "math");

    private static final Map<String, String> ENTITIES = Map.ofEntries(
        Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
        Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("ensp", " "), Map.entry("emsp", " "),
        Map.entry("thinsp", " "), Map.entry("shy", ""), Map.entry("zwj", "\u200D"), Map.entry("zwnj", "\u200C"),
        Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"), Map.entry("hellip", "\u2026"),
        Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"), Map.entry("sbquo", "\u201A"),
        Map.entry("ldquo", "\u201C"), Map.entry("rdquo", "\u201D"), Map.entry("bdquo", "\u201E"),
        Map.entry("laquo", "\u00AB"), Map.entry("raquo", "\u00BB"), Map.entry("lsaquo", "\u2039"),
        Map.entry("rsaquo", "\u203A"), Map.entry("bull", "\u2022"), Map.entry("middot", "\u00B7"),
        Map.entry("copy", "\u00A9"), Map.entry("reg", "\u00AE"), Map.entry("trade", "\u2122"),
        Map.entry("deg", "\u00B0"), Map.entry("plusmn", "\u00B1"), Map.entry("times", "\u00D7"),
        Map.entry("divide", "\u00F7"), Map.entry("minus", "\u2212"), Map.entry("frac12", "\u00BD"),
        Map.entry("frac14", "\u00BC"), Map.entry("frac34", "\u00BE"), Map.entry("euro", "\u20AC"),
        Map.entry("pound", "\u00A3"), Map.entry("yen", "\u00A5"), Map.entry("cent", "\u00A2"),
        Map.entry("sect", "\u00A7"), Map.entry("para", "\u00B6"), Map.entry("dagger", "\u2020"),
        Map.entry("prime", "\u2032"), Map.entry("Prime", "\u2033"), Map.entry("iexcl", "\u00A1"),
        Map.entry("iquest", "\u00BF"), Map.entry("eacute", "\u00E9"), Map.entry("Eacute", "\u00C9"),
        Map.entry("egrave", "\u00E8"), Map.entry("aacute", "\u00E1"), Map.entry("agrave", "\u00E0"),
        Map.entry("iacute", "\u00ED"), Map.entry("oacute", "\u00F3"), Map.entry("uacute", "\u00FA"),
        Map.entry("ntilde", "\u00F1"), Map.entry("ccedil", "\u00E7"), Map.entry("auml", "\u00E4"),
        Map.entry("ouml", "\u00F6"), Map.entry("uuml", "\u00FC"), Map.entry("Auml", "\u00C4"),
        Map.entry("Ouml", "\u00D6"), Map.entry("Uuml", "\u00DC"), Map.entry("szlig", "\u00DF"),
        Map.entry("aring", "\u00E5"), Map.entry("Aring", "\u00C5"), Map.entry("oslash", "\u00F8"),
        Map.entry("aelig", "\u00E6"));

    private HtmlText() {
    }

    /** Plain text paragraphs separated by {@code "\n\n"}; empty when the HTML holds no text. */
    static String toPlainText(String html) {
        Text out = new Text();
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                i = markup(html, i, out);
            } else if (c == '&') {
                i = reference(html, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.finish();
    }

    /** Plain text on one line: paragraphs and line breaks become single spaces. */
    static String toSingleLine(String html) {
        return collapseWhitespace(toPlainText(html));
    }

    static String collapseWhitespace(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Handles the markup starting at {@code html[start] == '<'}; returns where the text continues. */
    private static int markup(String html, int start, Text out) {
        int n = html.length();
        if (html.startsWith("<!--", start)) {
            int end = html.indexOf("-->", start + 4);
            return end < 0 ? n : end + 3;
        }
        if (html.regionMatches(true, start, "<![CDATA[", 0, 9)) {
            int end = html.indexOf("]]>", start + 9);
            String raw = end < 0 ? html.substring(start + 9) : html.substring(start + 9, end);
            raw.chars().forEach(ch -> out.append((char) ch));
            return end < 0 ? n : end + 3;
        }
        int nameStart = start + 1;
        boolean closing = nameStart < n && html.charAt(nameStart) == '/';
        if (closing) {
            nameStart++;
        }
        boolean declaration = !closing && nameStart < n && (html.charAt(nameStart) == '!' || html.charAt(nameStart) == '?');
        if (!declaration && (nameStart >= n || !isAsciiLetter(html.charAt(nameStart)))) {
            out.append('<'); // "a < b", "<3": not a tag
            return start + 1;
        }
        int tagEnd = tagEnd(html, nameStart);
        if (tagEnd < 0) {
            out.append('<'); // never closed: keep it as text rather than swallow the rest
            return start + 1;
        }
        if (declaration) {
            return tagEnd + 1; // <!DOCTYPE ...>, <?xml ...?>
        }
        int nameEnd = nameStart;
        while (nameEnd < tagEnd && isNameChar(html.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
        boolean selfClosing = html.charAt(tagEnd - 1) == '/';
        if (!closing && !selfClosing && DROPPED_CONTENT_TAGS.contains(name)) {
            return skipElement(html, tagEnd + 1, name);
        }
        if (name.equals("br")) {
            out.lineBreak();
        } else if (name.equals("pre")) {
            out.paragraphBreak();
            out.pre += closing ? (out.pre > 0 ? -1 : 0) : (selfClosing ? 0 : 1);
        } else if (BLOCK_TAGS.contains(name)) {
            out.paragraphBreak();
        } else if (CELL_TAGS.contains(name)) {
            out.space();
        }
        return tagEnd + 1;
    }

    /** Index of the '>' ending the tag whose name starts at {@code from}, honouring quoted attribute values. */
    private static int tagEnd(String html, int from) {
        char quote = 0;
        for (int i = from; i < html.length(); i++) {
            char c = html.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        // an unbalanced quote: fall back to the first '>' at all
        return html.indexOf('>', from);
    }

    /** Skips to just after {@code </name>}, or to the end when it is never closed. */
    private static int skipElement(String html, int from, String name) {
        String close = "</" + name;
        for (int i = html.indexOf('<', from); i >= 0; i = html.indexOf('<', i + 1)) {
            if (html.regionMatches(true, i, close, 0, close.length())
                && (i + close.length() == html.length() || !isNameChar(html.charAt(i + close.length())))) {
                int end = html.indexOf('>', i);
                return end < 0 ? html.length() : end + 1;
            }
        }
        return html.length();
    }

    /** Decodes the character reference at {@code html[start] == '&'}; returns where the text continues. */
    private static int reference(String html, int start, Text out) {
        int semicolon = html.indexOf(';', start + 1);
        if (semicolon < 0 || semicolon - start > 33) {
            out.append('&');
            return start + 1;
        }
        String name = html.substring(start + 1, semicolon);
        if (name.startsWith("#")) {
            int codePoint = numericReference(name.substring(1));
            if (codePoint == -2) {
                out.append('&');
                return start + 1;
            }
            if (codePoint >= 0) {
                out.appendCodePoint(codePoint);
            }
            return semicolon + 1;
        }
        String value = ENTITIES.get(name);
        if (value == null) {
            out.append('&');
            return start + 1;
        }
        value.chars().forEach(ch -> out.append((char) ch));
        return semicolon + 1;
    }

    /** The code point of {@code 123} or {@code x7B}; -1 to drop it (a control character), -2 if malformed. */
    private static int numericReference(String digits) {
        boolean hex = digits.startsWith("x") || digits.startsWith("X");
        String number = hex ? digits.substring(1) : digits;
        if (number.isEmpty() || number.length() > 8) {
            return -2;
        }
        int value;
        try {
            value = Integer.parseInt(number, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            return -2;
        }
        if (value == 0 || value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF)) {
            return 0xFFFD;
        }
        return value;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNameChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
    }

    private static boolean isDroppedControl(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    /** Accumulates paragraphs; collapses whitespace outside {@code <pre>}. */
    private static final class Text {
        private final List<String> paragraphs = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private boolean pendingSpace;
        int pre;

        void append(char c) {
            if (isDroppedControl(c)) {
                return;
            }
            if (pre > 0) {
                if (c == '\r') {
                    return;
                }
                if (c == '\n') {
                    lineBreak();
                    return;
                }
                flushSpace();
                current.append(c);
                return;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space();
                return;
            }
            flushSpace();
            current.append(c);
        }

        void appendCodePoint(int codePoint) {
            if (Character.isBmpCodePoint(codePoint)) {
                append((char) codePoint);
            } else if (!isDroppedControl(codePoint)) {
                flushSpace();
                current.appendCodePoint(codePoint);
            }
        }

        void space() {
            if (current.length() > 0 && current.charAt(current.length() - 1) != '\n') {
                pendingSpace = true;
            }
        }

        void lineBreak() {
            pendingSpace = false;
            if (current.length() == 0) {
                return;
            }
            if (current.charAt(current.length() - 1) == '\n') {
                paragraphBreak(); // <br><br> separates paragraphs
            } else {
                current.append('\n');
            }
        }

        void paragraphBreak() {
            pendingSpace = false;
            String paragraph = current.toString().strip();
            if (!paragraph.isEmpty()) {
                paragraphs.add(paragraph);
            }
            current.setLength(0);
        }

        private void flushSpace() {
            if (pendingSpace) {
                current.append(' ');
                pendingSpace = false;
            }
        }

        String finish() {
            paragraphBreak();
            return String.join("\n\n", paragraphs);
        }
    }
}
