package io.newsflow.ingest.formats.rawpage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One non-blank line of a raw page, cleaned of scraping noise, with its 1-based line number in the text as
 * submitted so that error messages can point at it.
 */
record PageLine(int number, String text) {

    // Any line break a browser's "copy text" or a scraper may emit, including CRLF and lone CR.
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\n\\u0085\\u2028\\u2029]");
    // Invisible characters (BOM, zero-width spaces/joiners, soft hyphen) carry no text and break equality.
    private static final Pattern INVISIBLE = Pattern.compile("[\\uFEFF\\u200B\\u200C\\u200D\\u2060\\u00AD]");
    // Tabs, non-breaking spaces (U+00A0, U+202F, U+2007) and other Unicode spaces all read as one space.
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Zs}]+");

    /** The non-blank lines of {@code raw}, cleaned; blank lines carry no meaning beyond separating blocks. */
    static List<PageLine> split(String raw) {
        List<PageLine> lines = new ArrayList<>();
        if (raw == null) {
            return lines;
        }
        String[] parts = LINE_BREAK.split(raw, -1);
        for (int i = 0; i < parts.length; i++) {
            String text = clean(parts[i]);
            if (!text.isEmpty()) {
                lines.add(new PageLine(i + 1, text));
            }
        }
        return lines;
    }

    static String clean(String line) {
        String visible = INVISIBLE.matcher(line).replaceAll("");
        return SPACES.matcher(visible).replaceAll(" ").strip();
    }

    /** The text shortened for quoting in an error message. */
    String quoted() {
        return "'" + (text.length() <= 60 ? text : text.substring(0, 57) + "...") + "'";
    }
}
