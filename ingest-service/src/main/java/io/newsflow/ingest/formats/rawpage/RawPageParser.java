package io.newsflow.ingest.formats.rawpage;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the plain text of a scraped page of an English-language Ukrainian news site into a {@link ParsedPage}.
 *
 * <p>The page is read by its structure, top to bottom:
 * <pre>
 * site name
 * label lines (zero or more: Exclusive, OPINION, Updated, Review, ...)
 * headline
 * date line          21 October, 2024 Monday
 * time line          17:56            (local time of the site, see {@link SiteZones})
 * body paragraphs, with page chrome mixed in
 * Tags:              followed by one tag a line
 * Read also:         followed by one headline
 *   • News           sidebar: date header lines, then items of
 *                    HH:MM / optional label / headline, ending in "More news"
 * </pre>
 * Blank lines, CRLF line endings, trailing and non-breaking spaces are not significant. A "Read also:" promo
 * between body paragraphs is dropped from the body (it is used as {@code readAlso} only if the footer has none). Site name, headline,
 * date, time and at least one body paragraph are required; without them {@link #parse} throws rather than
 * return half a story. Tags, "Read also" and the sidebar are optional.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RawPageParser {

    private static final String DATE_EXAMPLE = "'21 October, 2024 Monday'";
    private static final String TIME_EXAMPLE = "'17:56'";

    // "21 October, 2024 Monday", optionally without the comma or weekday, or with the time on the same line.
    // Anchored to the whole line and at most five tokens long, so sentences that start with a date never match.
    private static final Pattern DATE_LINE = Pattern.compile(
        "(\\d{1,2})\\s+(\\p{L}+)\\.?,?\\s+(\\d{4})(?:,?\\s+(\\p{L}+))?(?:,?\\s+(\\d{1,2}:\\d{2}))?");
    private static final Pattern TIME_LINE = Pattern.compile("(\\d{1,2}):(\\d{2})");
    // What a mistyped time line looks like ("17.56", "5:56 PM", "1756"): short and mostly digits.
    private static final Pattern TIME_ISH = Pattern.compile("(?i)[\\d:.h ]{1,8}(?:[ap]\\.?m\\.?)?");

    private static final Pattern TAGS = Pattern.compile("(?i)tags\\s*:\\s*(.*)");
    private static final Pattern READ_ALSO = Pattern.compile("(?i)read\\s+also\\s*:\\s*(.*)");
    private static final Pattern MORE_NEWS = Pattern.compile("(?i)(?:more|all)\\s+news\\W*");
    // Sidebar date headers: "2025, Thursday" and "9 January".
    private static final Pattern YEAR_WEEKDAY = Pattern.compile("(\\d{4}),?\\s+(\\p{L}+)");
    private static final Pattern DAY_MONTH = Pattern.compile("(\\d{1,2})\\s+(\\p{L}+)");
    private static final Pattern INLINE_TAG_SEPARATOR = Pattern.compile("\\s*[,;]\\s*");

    private final SiteZones zones;

    public RawPageParser(SiteZones zones) {
        this.zones = Objects.requireNonNull(zones, "zones");
    }

    /**
     * The story on the page.
     *
     * <p>The local date and time are turned into an instant with the site's zone. A local time that does
     * not exist (inside a spring-forward gap) is moved forward by the length of the gap; a time that occurs
     * twice (autumn fall-back) is read with the earlier, summer-time offset, as {@link ZonedDateTime#ofLocal}
     * does.
     *
     * @throws RawPageException naming the line or section that is missing or malformed
     */
    public ParsedPage parse(String rawText) throws RawPageException {
        List<PageLine> lines = PageLine.split(rawText);
        if (lines.isEmpty()) {
            throw new RawPageException("empty page: the text has no lines to parse");
        }

        PageLine siteLine = lines.get(0);
        if (dateLine(siteLine).isPresent()) {
            throw new RawPageException("no site name and headline: the page starts with the date line "
                + siteLine.quoted() + " at line 1", 1);
        }
        int dateIndex = findDateLine(lines);
        DateLine date = dateLine(lines.get(dateIndex)).orElseThrow();

        Header header = header(lines, dateIndex);
        int bodyStart = dateIndex + 1;
        LocalTime time = date.time;
        if (time == null) {
            time = timeLine(lines, dateIndex);
            bodyStart++;
        }

        int bodyEnd = bodyEnd(lines, bodyStart);
        List<String> paragraphs = new ArrayList<>();
        String inlineReadAlso = null;
        for (int i = bodyStart; i < bodyEnd; i++) {
            String text = lines.get(i).text();
            Matcher readAlso = READ_ALSO.matcher(text);
            if (readAlso.matches()) {
                // A "Read also:" promo between paragraphs links to another story; its headline is either on
                // the same line or on the next one, and neither belongs to this story's body.
                String promo = readAlso.group(1).strip();
                if (promo.isEmpty() && i + 1 < bodyEnd) {
                    promo = lines.get(++i).text();
                }
                if (inlineReadAlso == null && !promo.isEmpty()) {
                    inlineReadAlso = promo;
                }
            } else if (!ChromeFilter.isChrome(text)) {
                paragraphs.add(text);
            }
        }
        if (paragraphs.isEmpty()) {
            String end = bodyEnd < lines.size()
                ? lines.get(bodyEnd).quoted() + " (line " + lines.get(bodyEnd).number() + ")"
                : "the end of the page";
            throw new RawPageException("no body: there are no story paragraphs between the time line (line "
                + lines.get(bodyStart - 1).number() + ") and " + end, lines.get(bodyStart - 1).number());
        }

        Footer footer = footer(lines.subList(bodyEnd, lines.size()));

        ZoneId zone = zones.zoneFor(siteLine.text());
        LocalDateTime local = LocalDateTime.of(date.date, time);
        Instant publishedAt = ZonedDateTime.ofLocal(local, zone, null).toInstant();
        return new ParsedPage(siteLine.text(), header.labels, header.headline, local, zone, publishedAt,
            String.join("\n\n", paragraphs), footer.tags, footer.readAlso != null ? footer.readAlso : inlineReadAlso,
            footer.sidebar);
    }

    // ---- header: site, labels, headline, date, time ------------------------------------------------------

    private record DateLine(LocalDate date, LocalTime time) {
    }

    private record Header(List<String> labels, String headline) {
    }

    /** Index of the date line; the first line matching its shape whose month is an English month name. */
    private static int findDateLine(List<PageLine> lines) throws RawPageException {
        PageLine nearMiss = null;
        for (int i = 1; i < lines.size(); i++) {
            PageLine line = lines.get(i);
            if (TAGS.matcher(line.text()).matches()) {
                break; // the footer never holds the story's date
            }
            Matcher m = DATE_LINE.matcher(line.text());
            if (m.matches()) {
                if (PageVocabulary.month(m.group(2)).isPresent()) {
                    return i;
                }
                if (nearMiss == null) {
                    nearMiss = line;
                }
            }
        }
        String hint = nearMiss == null ? ""
            : " (line " + nearMiss.number() + " " + nearMiss.quoted() + " has no English month name)";
        throw new RawPageException("no date line like " + DATE_EXAMPLE + " after the headline" + hint,
            nearMiss == null ? 0 : nearMiss.number());
    }

    /** The date on a date-shaped line with a real month name; throws when it is not a real date. */
    private static Optional<DateLine> dateLine(PageLine line) throws RawPageException {
        Matcher m = DATE_LINE.matcher(line.text());
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Month> month = PageVocabulary.month(m.group(2));
        if (month.isEmpty()) {
            return Optional.empty();
        }
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(m.group(3)), month.get(), Integer.parseInt(m.group(1)));
        } catch (DateTimeException e) {
            throw new RawPageException("date line " + line.quoted() + " at line " + line.number()
                + " is not a calendar date", line.number());
        }
        if (m.group(4) != null) {
            // A weekday that contradicts the date means the line is garbled; guessing which half is right
            // would publish the story under a wrong date.
            Optional<DayOfWeek> weekday = PageVocabulary.weekday(m.group(4));
            if (weekday.isEmpty()) {
                throw new RawPageException("date line " + line.quoted() + " at line " + line.number()
                    + ": '" + m.group(4) + "' is not a weekday", line.number());
            }
            if (weekday.get() != date.getDayOfWeek()) {
                throw new RawPageException("date line " + line.quoted() + " at line " + line.number()
                    + " names " + name(weekday.get()) + " but " + date + " is a " + name(date.getDayOfWeek()),
                    line.number());
            }
        }
        LocalTime time = m.group(5) == null ? null : time(m.group(5), line);
        return Optional.of(new DateLine(date, time));
    }

    /** Labels and headline: the lines between the site name and the date line, the headline last. */
    private static Header header(List<PageLine> lines, int dateIndex) throws RawPageException {
        PageLine site = lines.get(0);
        PageLine dateLine = lines.get(dateIndex);
        List<PageLine> between = new ArrayList<>();
        for (PageLine line : lines.subList(1, dateIndex)) {
            if (!ChromeFilter.isChrome(line.text())) {
                between.add(line);
            }
        }
        if (between.isEmpty()) {
            throw new RawPageException("no headline between the site name " + site.quoted() + " (line 1) and the "
                + "date line (line " + dateLine.number() + ")", dateLine.number());
        }
        PageLine headline = between.get(between.size() - 1);
        if (PageVocabulary.isKnownLabel(headline.text())) {
            throw new RawPageException("no headline: line " + headline.number() + " " + headline.quoted()
                + " is a label, and no headline follows it before the date line (line " + dateLine.number()
                + ")", headline.number());
        }
        // Labels are kept as printed ("OPINION" stays upper-case) and once each. Longer lines up here are
        // navigation or promo text, not labels, so they are left out.
        LinkedHashSet<String> labels = new LinkedHashSet<>();
        for (PageLine line : between.subList(0, between.size() - 1)) {
            if (PageVocabulary.isLabelLike(line.text())) {
                labels.add(line.text());
            }
        }
        return new Header(List.copyOf(labels), headline.text());
    }

    /** The time on the line after the date line. */
    private static LocalTime timeLine(List<PageLine> lines, int dateIndex) throws RawPageException {
        PageLine dateLine = lines.get(dateIndex);
        if (dateIndex + 1 >= lines.size()) {
            throw new RawPageException("no time line like " + TIME_EXAMPLE + " after the date line (line "
                + dateLine.number() + "): the page ends there", dateLine.number());
        }
        PageLine line = lines.get(dateIndex + 1);
        if (TIME_LINE.matcher(line.text()).matches() || TIME_ISH.matcher(line.text()).matches()) {
            return time(line.text(), line);
        }
        throw new RawPageException("no time line like " + TIME_EXAMPLE + " after the date line (line "
            + dateLine.number() + "); line " + line.number() + " is " + line.quoted(), line.number());
    }

    private static LocalTime time(String text, PageLine line) throws RawPageException {
        Matcher m = TIME_LINE.matcher(text);
        if (m.matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = Integer.parseInt(m.group(2));
            if (hour <= 23 && minute <= 59) {
                return LocalTime.of(hour, minute);
            }
        }
        throw new RawPageException("malformed time line " + line.quoted() + " at line " + line.number()
            + ": expected a 24-hour time like " + TIME_EXAMPLE, line.number());
    }

    private static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    // ---- body and footer ---------------------------------------------------------------------------------

    /**
     * Where the body stops: at "Tags:" as the page layout promises; on pages without tags at "Read also:";
     * failing both, at the first sign of the sidebar.
     */
    private static int bodyEnd(List<PageLine> lines, int from) {
        int readAlso = -1;
        int sidebar = -1;
        for (int i = from; i < lines.size(); i++) {
            String text = lines.get(i).text();
            if (TAGS.matcher(text).matches()) {
                return i;
            }
            if (readAlso < 0 && READ_ALSO.matcher(text).matches()) {
                readAlso = i;
            }
            if (sidebar < 0 && startsSidebar(text)) {
                sidebar = i;
            }
        }
        if (readAlso >= 0) {
            return readAlso;
        }
        return sidebar >= 0 ? sidebar : lines.size();
    }

    private static boolean startsSidebar(String text) {
        return ChromeFilter.isNavigationBullet(text) || isSidebarDateHeader(text) || MORE_NEWS.matcher(text).matches()
            || TIME_LINE.matcher(text).matches();
    }

    private static boolean isSidebarDateHeader(String text) {
        Matcher yw = YEAR_WEEKDAY.matcher(text);
        if (yw.matches()) {
            return PageVocabulary.weekday(yw.group(2)).isPresent();
        }
        Matcher dm = DAY_MONTH.matcher(text);
        if (dm.matches()) {
            return PageVocabulary.month(dm.group(2)).isPresent();
        }
        Matcher full = DATE_LINE.matcher(text);
        return full.matches() && PageVocabulary.month(full.group(2)).isPresent();
    }

    private enum Section { NONE, TAGS, READ_ALSO, SIDEBAR }

    private record Footer(List<String> tags, String readAlso, List<SidebarItem> sidebar) {
    }

    /** Tags, "Read also" and sidebar, read with a small state machine over the lines after the body. */
    private static Footer footer(List<PageLine> lines) {
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        String readAlso = null;
        List<SidebarItem> sidebar = new ArrayList<>();
        LocalTime itemTime = null;
        boolean itemTimeValid = false;
        List<String> itemLines = new ArrayList<>();
        Section section = Section.NONE;

        for (PageLine line : lines) {
            String text = line.text();
            Matcher tagsHeader = TAGS.matcher(text);
            Matcher readAlsoHeader = READ_ALSO.matcher(text);
            Matcher timeLine = TIME_LINE.matcher(text);
            if (MORE_NEWS.matcher(text).matches()) {
                break;
            } else if (section != Section.SIDEBAR && tagsHeader.matches()) {
                section = Section.TAGS;
                for (String tag : INLINE_TAG_SEPARATOR.split(tagsHeader.group(1).strip())) {
                    if (!tag.isEmpty()) {
                        tags.add(tag);
                    }
                }
            } else if (section != Section.SIDEBAR && readAlsoHeader.matches()) {
                section = Section.READ_ALSO;
                if (readAlso == null && !readAlsoHeader.group(1).isBlank()) {
                    readAlso = readAlsoHeader.group(1).strip();
                }
            } else if (timeLine.matches()) {
                addSidebarItem(sidebar, itemTime, itemTimeValid, itemLines);
                section = Section.SIDEBAR;
                int hour = Integer.parseInt(timeLine.group(1));
                int minute = Integer.parseInt(timeLine.group(2));
                // An impossible sidebar time drops that one item; the sidebar is not worth rejecting the story.
                itemTimeValid = hour <= 23 && minute <= 59;
                itemTime = itemTimeValid ? LocalTime.of(hour, minute) : LocalTime.MIDNIGHT;
                itemLines = new ArrayList<>();
            } else if (ChromeFilter.isNavigationBullet(text) || isSidebarDateHeader(text)) {
                // "• News" and the "2025, Thursday" / "9 January" headers open the sidebar (and may recur
                // inside it when the list crosses midnight); they are not items.
                addSidebarItem(sidebar, itemTime, itemTimeValid, itemLines);
                itemTime = null;
                itemLines = new ArrayList<>();
                section = Section.SIDEBAR;
            } else if (ChromeFilter.isChrome(text)) {
                continue;
            } else if (section == Section.TAGS) {
                tags.add(text);
            } else if (section == Section.READ_ALSO && readAlso == null) {
                readAlso = text;
            } else if (section == Section.SIDEBAR && itemTime != null) {
                itemLines.add(text);
            }
        }
        addSidebarItem(sidebar, itemTime, itemTimeValid, itemLines);
        return new Footer(List.copyOf(tags), readAlso, sidebar);
    }

    /**
     * Closes one sidebar item. Its lines are an optional label and the headline; a headline the scraper
     * wrapped over several lines is joined back together.
     */
    private static void addSidebarItem(List<SidebarItem> sidebar, LocalTime time, boolean timeValid,
                                       List<String> lines) {
        if (time == null || !timeValid || lines.isEmpty()) {
            return;
        }
        String label = null;
        List<String> headline = lines;
        if (lines.size() >= 2 && PageVocabulary.isLabelLike(lines.get(0))) {
            label = lines.get(0);
            headline = lines.subList(1, lines.size());
        }
        sidebar.add(new SidebarItem(time, label, String.join(" ", headline)));
    }
}
