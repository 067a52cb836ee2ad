package io.newsflow.ingest.formats.rawpage;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells page chrome (template junk, share and subscribe buttons, navigation, photo credits, counters) from
 * text of the story. The rules describe what chrome looks like rather than listing the lines seen on a
 * few sites, and each is narrow enough that a real sentence never matches it: a sentence has spaces, so it
 * is never taken for a template key, and it has words outside the button vocabulary.
 */
final class ChromeFilter {

    // Characters that occur in template keys, paths and URLs but not in a one-word line of prose.
    private static final Pattern KEY_CHARACTERS = Pattern.compile("[/_{}<>=|\\\\#@$%]");
    // A lower-case dotted or dashed identifier such as "news.read_more" or "share-button".
    private static final Pattern DOTTED_KEY = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)+");
    // Unrendered placeholders leave their delimiters in the text even when they contain spaces.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{|}}|\\$\\{|<%|%>|\\[\\[|]]");
    private static final Pattern BULLET = Pattern.compile("[•·▪▫◦‣∙►▶›»]\\s*(.*)");
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?…][\"'”’)]*");
    private static final Pattern CREDIT = Pattern.compile(
        "(?i)(?:©|(?:photo|photos|image|video|illustration|illustrative photo|collage|photo credit)\\s*[:©]).*");
    private static final Pattern TOKEN_SEPARATORS = Pattern.compile("[\\s|/·•,:;–—]+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");
    private static final Pattern NUMBER = Pattern.compile("\\p{N}+(?:[.,]\\p{N}+)*[kKmM]?");

    // Words of share, subscribe and navigation widgets. A line made only of these (and counters) is a widget.
    private static final Set<String> WIDGET_WORDS = Set.of(
        "share", "shares", "shared", "sharing", "facebook", "twitter", "x", "telegram", "viber", "whatsapp",
        "linkedin", "reddit", "pinterest", "messenger", "youtube", "instagram", "tiktok", "threads", "email",
        "e-mail", "mail", "copy", "copied", "link", "print", "subscribe", "unsubscribe", "follow", "like",
        "tweet", "us", "on", "in", "to", "our", "the", "this", "and", "or", "via", "read", "more", "also",
        "comments", "comment", "advertisement", "advertising", "ad", "ads", "home", "news", "menu", "search",
        "back", "top", "next", "previous", "prev", "related", "sponsored", "loading", "channel", "newsletter",
        "google", "rss", "article", "story", "post", "page", "all", "latest", "popular", "login", "log", "sign",
        "up", "register", "close", "open", "show", "hide", "main", "feed", "skip", "content", "cookie",
        "cookies", "accept", "gallery", "view", "views", "continue", "reading", "listen", "audio", "version",
        "full", "mobile", "app", "download");

    private static final int MAX_WIDGET_TOKENS = 8;
    private static final int MAX_NAV_BULLET_WORDS = 3;

    private ChromeFilter() {
    }

    /** Whether a cleaned, non-blank line is chrome rather than story text. */
    static boolean isChrome(String line) {
        return !hasLetter(line)
            || isTemplateKey(line)
            || PLACEHOLDER.matcher(line).find()
            || isNavigationBullet(line)
            || CREDIT.matcher(line).matches()
            || isWidget(line);
    }

    /** A bullet followed by a few words and no sentence, like "  • News"; a bulleted sentence is kept. */
    static boolean isNavigationBullet(String line) {
        var m = BULLET.matcher(line);
        if (!m.matches()) {
            return false;
        }
        String rest = m.group(1).strip();
        return rest.isEmpty()
            || (rest.split(" ").length <= MAX_NAV_BULLET_WORDS && !SENTENCE_END.matcher(rest).matches());
    }

    // Rules, dashes, bullets, counters and stray times: a line without a single letter says nothing in prose.
    private static boolean hasLetter(String line) {
        return line.codePoints().anyMatch(Character::isLetter);
    }

    // One token with no spaces that only software would write, e.g. "client/title.list_title" or a URL.
    private static boolean isTemplateKey(String line) {
        return line.indexOf(' ') < 0
            && (KEY_CHARACTERS.matcher(line).find() || DOTTED_KEY.matcher(line).matches());
    }

    private static boolean isWidget(String line) {
        String[] tokens = TOKEN_SEPARATORS.split(line.toLowerCase(Locale.ROOT));
        int words = 0;
        int counted = 0;
        for (String raw : tokens) {
            String token = EDGE_PUNCTUATION.matcher(raw).replaceAll("");
            if (token.isEmpty()) {
                continue;
            }
            counted++;
            if (NUMBER.matcher(token).matches()) {
                continue; // share and view counters
            }
            if (!WIDGET_WORDS.contains(token)) {
                return false;
            }
            words++;
        }
        return words > 0 && counted <= MAX_WIDGET_TOKENS;
    }
}
